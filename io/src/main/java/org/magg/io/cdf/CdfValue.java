package org.magg.io.cdf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One attribute entry value: a CDF type and its values as a Java array (see {@link CdfType} for
 * which array goes with which type), or a {@code String} for CHAR and UCHAR. Numeric entries hold
 * one or more values (the entry's NumElems is the array length); a text entry is one string (its
 * NumElems is its length in UTF-8 bytes; an empty string is written as a single NUL, as the format
 * prescribes).
 *
 * <p>Immutable: the array is copied on construction and on {@link #value()}.
 */
public record CdfValue(CdfType type, Object value) {

  /** Checks the value against the type and keeps a private copy. */
  public CdfValue {
    Objects.requireNonNull(type, "CdfValue type cannot be null");
    Objects.requireNonNull(value, "CdfValue value cannot be null");
    if (type.isCharacter()) {
      if (!(value instanceof String s)) {
        throw new IllegalArgumentException(
            "A " + type + " attribute value must be a String, got " + value.getClass().getName());
      }
      if (s.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("A " + type + " attribute value cannot contain NUL");
      }
    } else {
      if (!type.arrayClass().isInstance(value)) {
        throw new IllegalArgumentException(
            "A "
                + type
                + " attribute value must be a "
                + type.arrayClass().getSimpleName()
                + ", got "
                + value.getClass().getSimpleName());
      }
      int n = java.lang.reflect.Array.getLength(value);
      if (n == 0) {
        throw new IllegalArgumentException(
            "A " + type + " attribute value needs at least one element");
      }
      if (n % type.slotsPerValue() != 0) {
        throw new IllegalArgumentException(
            "An EPOCH16 attribute value needs two doubles per value, got " + n);
      }
      value = copy(value);
    }
  }

  /** A CHAR entry. */
  public static CdfValue text(String s) {
    return new CdfValue(CdfType.CHAR, s);
  }

  /** An INT1 entry. */
  public static CdfValue int1(byte... v) {
    return new CdfValue(CdfType.INT1, v);
  }

  /** An INT2 entry. */
  public static CdfValue int2(short... v) {
    return new CdfValue(CdfType.INT2, v);
  }

  /** An INT4 entry. */
  public static CdfValue int4(int... v) {
    return new CdfValue(CdfType.INT4, v);
  }

  /** An INT8 entry. */
  public static CdfValue int8(long... v) {
    return new CdfValue(CdfType.INT8, v);
  }

  /** A UINT1 entry from values in 0..255. */
  public static CdfValue uint1(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) checkRange(v[i], 0xFFL, "UINT1");
    }
    return new CdfValue(CdfType.UINT1, b);
  }

  /** A UINT2 entry from values in 0..65535. */
  public static CdfValue uint2(int... v) {
    short[] s = new short[v.length];
    for (int i = 0; i < v.length; i++) {
      s[i] = (short) checkRange(v[i], 0xFFFFL, "UINT2");
    }
    return new CdfValue(CdfType.UINT2, s);
  }

  /** A UINT4 entry from values in 0..4294967295. */
  public static CdfValue uint4(long... v) {
    int[] s = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      s[i] = (int) checkRange(v[i], 0xFFFF_FFFFL, "UINT4");
    }
    return new CdfValue(CdfType.UINT4, s);
  }

  /** A REAL4 entry. */
  public static CdfValue real4(float... v) {
    return new CdfValue(CdfType.REAL4, v);
  }

  /** A REAL8 entry. */
  public static CdfValue real8(double... v) {
    return new CdfValue(CdfType.REAL8, v);
  }

  /** A CDF_EPOCH entry (milliseconds since 0000-01-01T00:00:00, see {@link CdfEpoch}). */
  public static CdfValue epoch(double... v) {
    return new CdfValue(CdfType.EPOCH, v);
  }

  /** A CDF_TIME_TT2000 entry (nanoseconds since J2000 with leap seconds, see {@link Tt2000}). */
  public static CdfValue tt2000(long... v) {
    return new CdfValue(CdfType.TIME_TT2000, v);
  }

  /** A copy of the value array (the string itself for the character types). */
  @Override
  public Object value() {
    return type.isCharacter() ? value : copy(value);
  }

  /** The entry's NumElems: the number of values, or the UTF-8 length of a text (at least 1). */
  public int numElems() {
    if (type.isCharacter()) {
      return Math.max(1, ((String) value).getBytes(StandardCharsets.UTF_8).length);
    }
    return java.lang.reflect.Array.getLength(value) / type.slotsPerValue();
  }

  /** The array as stored, without copying (package-private, for the writer). */
  Object raw() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CdfValue other
        && type == other.type
        && Objects.deepEquals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.deepHashCode(new Object[] {value});
  }

  @Override
  public String toString() {
    String v = type.isCharacter() ? "\"" + value + "\"" : Arrays.deepToString(new Object[] {value});
    return type + ":" + (type.isCharacter() ? v : v.substring(1, v.length() - 1));
  }

  private static long checkRange(long v, long max, String type) {
    if (v < 0 || v > max) {
      throw new IllegalArgumentException(type + " value " + v + " is outside 0.." + max);
    }
    return v;
  }

  static Object copy(Object array) {
    if (array instanceof byte[] a) {
      return a.clone();
    } else if (array instanceof short[] a) {
      return a.clone();
    } else if (array instanceof int[] a) {
      return a.clone();
    } else if (array instanceof long[] a) {
      return a.clone();
    } else if (array instanceof float[] a) {
      return a.clone();
    } else if (array instanceof double[] a) {
      return a.clone();
    } else if (array instanceof String[] a) {
      return a.clone();
    }
    throw new IllegalArgumentException("Not a supported array: " + array.getClass().getName());
  }
}
