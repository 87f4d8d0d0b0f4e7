package org.magg.io.zarr;

import java.nio.ByteOrder;
import java.util.Locale;

/** The numeric and boolean element types supported here, with their v2 and v3 names. */
public enum DataType {
  BOOL("bool", 'b', 1, false, false),
  INT8("int8", 'i', 1, true, false),
  INT16("int16", 'i', 2, true, false),
  INT32("int32", 'i', 4, true, false),
  INT64("int64", 'i', 8, true, false),
  UINT8("uint8", 'u', 1, false, false),
  UINT16("uint16", 'u', 2, false, false),
  UINT32("uint32", 'u', 4, false, false),
  UINT64("uint64", 'u', 8, false, false),
  FLOAT32("float32", 'f', 4, true, true),
  FLOAT64("float64", 'f', 8, true, true);

  private final String v3Name;
  private final char kind;
  private final int byteSize;
  private final boolean signed;
  private final boolean floating;

  DataType(String v3Name, char kind, int byteSize, boolean signed, boolean floating) {
    this.v3Name = v3Name;
    this.kind = kind;
    this.byteSize = byteSize;
    this.signed = signed;
    this.floating = floating;
  }

  /** The Zarr v3 {@code data_type} name, such as {@code "int32"}. */
  public String v3Name() {
    return v3Name;
  }

  /** The little-endian Zarr v2 {@code dtype} string, such as {@code "<i4"} or {@code "|b1"}. */
  public String v2Name() {
    return v2Name(ByteOrder.LITTLE_ENDIAN);
  }

  /** The Zarr v2 {@code dtype} string for the given byte order. */
  public String v2Name(ByteOrder order) {
    char prefix = byteSize == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
    return "" + prefix + kind + byteSize;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  /** True for float32 and float64. */
  public boolean isFloatingPoint() {
    return floating;
  }

  /** True for the unsigned integer types. */
  public boolean isUnsigned() {
    return kind == 'u';
  }

  /** True for the signed and unsigned integer types. */
  public boolean isInteger() {
    return kind == 'i' || kind == 'u';
  }

  boolean isSigned() {
    return signed;
  }

  /** Looks up a v3 {@code data_type} name. */
  public static DataType fromV3Name(String name) {
    for (DataType t : values()) {
      if (t.v3Name.equals(name)) {
        return t;
      }
    }
    throw new UnsupportedOperationException(
        "Unsupported Zarr v3 data type '" + name + "'; supported: " + supportedNames());
  }

  /**
   * Parses a v2 {@code dtype} string such as {@code "<i4"}, {@code ">f8"} or {@code "|b1"}.
   *
   * @return the type; use {@link #v2ByteOrder(String)} for the byte order
   */
  public static DataType fromV2Name(String dtype) {
    if (dtype == null || dtype.length() < 3) {
      throw new UnsupportedOperationException("Unsupported Zarr v2 dtype '" + dtype + "'");
    }
    char kind = dtype.charAt(1);
    int size;
    try {
      size = Integer.parseInt(dtype.substring(2));
    } catch (NumberFormatException e) {
      throw new UnsupportedOperationException("Unsupported Zarr v2 dtype '" + dtype + "'");
    }
    for (DataType t : values()) {
      if (t.kind == kind && t.byteSize == size) {
        return t;
      }
    }
    throw new UnsupportedOperationException(
        "Unsupported Zarr v2 dtype '"
            + dtype
            + "' (only bool, integer and float32/float64 types are supported)");
  }

  /** The byte order of a v2 {@code dtype} string; {@code |} (not applicable) reads as little. */
  public static ByteOrder v2ByteOrder(String dtype) {
    return dtype.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
  }

  private static String supportedNames() {
    StringBuilder sb = new StringBuilder();
    for (DataType t : values()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(t.v3Name);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return v3Name.toLowerCase(Locale.ROOT);
  }
}
