package org.magg.io.cdf;

import java.lang.reflect.Array;

/** Pad values of variables: the CDF library's defaults and conversions of user-given ones. */
final class Pads {

  private Pads() {}

  /**
   * The CDF library's default pad value of a type (the values the NASA library writes when none is
   * given): -127, -32767, -2147483647 and -9223372036854775807 for the signed integers and
   * TIME_TT2000, 254, 65534, 4294967294 for the unsigned ones, -1.0e30 for the floating types, 0.0
   * for EPOCH and EPOCH16, blanks for the character types.
   */
  static Object defaultPad(CdfType type, int numElems) {
    return switch (type) {
      case INT1, BYTE -> new byte[] {-127};
      case UINT1 -> new byte[] {(byte) 254};
      case INT2 -> new short[] {-32767};
      case UINT2 -> new short[] {(short) 65534};
      case INT4 -> new int[] {-2147483647};
      case UINT4 -> new int[] {(int) 4294967294L};
      case INT8, TIME_TT2000 -> new long[] {-9223372036854775807L};
      case REAL4, FLOAT -> new float[] {-1.0e30f};
      case REAL8, DOUBLE -> new double[] {-1.0e30};
      case EPOCH -> new double[] {0.0};
      case EPOCH16 -> new double[] {0.0, 0.0};
      case CHAR, UCHAR -> new String[] {" ".repeat(numElems)};
    };
  }

  /** Converts a user-given pad ({@code Number}, {@code String} or one-value array) to the type. */
  static Object of(CdfType type, int numElems, Object pad, String variable) {
    String where = "Variable " + variable + ": pad value " + pad;
    if (type.isCharacter()) {
      if (pad instanceof String s) {
        return Strings.fixedWidth(new String[] {s}, numElems, "variable " + variable + " pad");
      }
      if (pad instanceof String[] a && a.length == 1) {
        return Strings.fixedWidth(a, numElems, "variable " + variable + " pad");
      }
      throw new IllegalArgumentException(where + " must be a String for " + type);
    }
    if (type.arrayClass().isInstance(pad)) {
      if (Array.getLength(pad) != type.slotsPerValue()) {
        throw new IllegalArgumentException(where + " must hold exactly one " + type + " value");
      }
      return CdfValue.copy(pad);
    }
    if (!(pad instanceof Number n) || type == CdfType.EPOCH16) {
      throw new IllegalArgumentException(
          where
              + " must be a Number or a one-value "
              + type.arrayClass().getSimpleName()
              + " for "
              + type);
    }
    return switch (type) {
      case INT1, BYTE -> new byte[] {(byte) integral(n, -128, 127, where)};
      case UINT1 -> new byte[] {(byte) integral(n, 0, 255, where)};
      case INT2 -> new short[] {(short) integral(n, Short.MIN_VALUE, Short.MAX_VALUE, where)};
      case UINT2 -> new short[] {(short) integral(n, 0, 65535, where)};
      case INT4 -> new int[] {(int) integral(n, Integer.MIN_VALUE, Integer.MAX_VALUE, where)};
      case UINT4 -> new int[] {(int) integral(n, 0, 4294967295L, where)};
      case INT8, TIME_TT2000 -> new long[] {integral(n, Long.MIN_VALUE, Long.MAX_VALUE, where)};
      case REAL4, FLOAT -> new float[] {n.floatValue()};
      case REAL8, DOUBLE, EPOCH -> new double[] {n.doubleValue()};
      default -> throw new IllegalArgumentException(where + " is not supported for " + type);
    };
  }

  private static long integral(Number n, long min, long max, String where) {
    long v;
    if (n instanceof Byte || n instanceof Short || n instanceof Integer || n instanceof Long) {
      v = n.longValue();
    } else {
      double d = n.doubleValue();
      if (d != Math.rint(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(where + " is not an integer");
      }
      v = (long) d;
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(where + " is outside " + min + ".." + max);
    }
    return v;
  }
}
