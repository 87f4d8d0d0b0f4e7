package org.magg.io.cdf;

/**
 * CDF data types with their internal codes (CDF Internal Format Description, section 5.3) and the
 * Java array that carries their values in {@link CdfValue} and {@link CdfVariable}.
 *
 * <table>
 *   <caption>Java representation of each type</caption>
 *   <tr><th>type</th><th>code</th><th>bytes</th><th>Java array</th></tr>
 *   <tr><td>INT1, BYTE</td><td>1, 41</td><td>1</td><td>{@code byte[]}</td></tr>
 *   <tr><td>UINT1</td><td>11</td><td>1</td><td>{@code byte[]} (bit pattern: 255 is {@code (byte) -1})</td></tr>
 *   <tr><td>INT2</td><td>2</td><td>2</td><td>{@code short[]}</td></tr>
 *   <tr><td>UINT2</td><td>12</td><td>2</td><td>{@code short[]} (bit pattern)</td></tr>
 *   <tr><td>INT4</td><td>4</td><td>4</td><td>{@code int[]}</td></tr>
 *   <tr><td>UINT4</td><td>14</td><td>4</td><td>{@code int[]} (bit pattern)</td></tr>
 *   <tr><td>INT8, TIME_TT2000</td><td>8, 33</td><td>8</td><td>{@code long[]}</td></tr>
 *   <tr><td>REAL4, FLOAT</td><td>21, 44</td><td>4</td><td>{@code float[]}</td></tr>
 *   <tr><td>REAL8, DOUBLE, EPOCH</td><td>22, 45, 31</td><td>8</td><td>{@code double[]}</td></tr>
 *   <tr><td>EPOCH16</td><td>32</td><td>16</td><td>{@code double[]}, two per value (seconds, picoseconds)</td></tr>
 *   <tr><td>CHAR, UCHAR</td><td>51, 52</td><td>1 per character</td><td>{@code String} (attribute) or
 *       {@code String[]} (variable)</td></tr>
 * </table>
 *
 * <p>The unsigned types use the signed Java type of the same width holding the same bits; {@link
 * CdfValue#uint1}, {@link CdfValue#uint2} and {@link CdfValue#uint4} convert from wider values with
 * a range check.
 */
public enum CdfType {
  INT1(1, 1, byte[].class),
  INT2(2, 2, short[].class),
  INT4(4, 4, int[].class),
  INT8(8, 8, long[].class),
  UINT1(11, 1, byte[].class),
  UINT2(12, 2, short[].class),
  UINT4(14, 4, int[].class),
  REAL4(21, 4, float[].class),
  REAL8(22, 8, double[].class),
  EPOCH(31, 8, double[].class),
  EPOCH16(32, 16, double[].class),
  TIME_TT2000(33, 8, long[].class),
  BYTE(41, 1, byte[].class),
  FLOAT(44, 4, float[].class),
  DOUBLE(45, 8, double[].class),
  CHAR(51, 1, String[].class),
  UCHAR(52, 1, String[].class);

  private final int code;
  private final int size;
  private final Class<?> arrayClass;

  CdfType(int code, int size, Class<?> arrayClass) {
    this.code = code;
    this.size = size;
    this.arrayClass = arrayClass;
  }

  /** The internal value of this type in a CDF file (the DataType field). */
  public int code() {
    return code;
  }

  /** The size in bytes of one element of this type (16 for EPOCH16, 1 for a character). */
  public int size() {
    return size;
  }

  /** True for CHAR and UCHAR, whose values are strings of {@code numElems} characters. */
  public boolean isCharacter() {
    return this == CHAR || this == UCHAR;
  }

  /**
   * The Java array class of variable data of this type ({@code String[]} for the character types;
   * attribute values of a character type are a single {@code String}).
   */
  public Class<?> arrayClass() {
    return arrayClass;
  }

  /** Number of Java array slots per CDF value: 2 for EPOCH16, else 1. */
  int slotsPerValue() {
    return this == EPOCH16 ? 2 : 1;
  }

  /** The type with the given internal code. */
  public static CdfType ofCode(int code) {
    for (CdfType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "Unknown CDF data type code "
            + code
            + "; expected one of 1, 2, 4, 8, 11, 12, 14, 21, 22,"
            + " 31, 32, 33, 41, 44, 45, 51, 52");
  }
}
