package org.magg.io.zarr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads, writes and range-checks single elements in the canonical in-memory layout of a chunk:
 * little-endian, one {@link DataType#byteSize()} slot per element.
 *
 * <p>Integers travel as {@code long}. Unsigned values are zero-extended, except uint64 where the
 * {@code long} holds the raw 64 bits (values above {@link Long#MAX_VALUE} are negative longs).
 */
final class Elements {

  private static final double TWO_POW_63 = 0x1p63;
  private static final double TWO_POW_64 = 0x1p64;

  private Elements() {}

  static ByteBuffer wrap(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  static long getLong(ByteBuffer b, DataType t, int index) {
    int at = index * t.byteSize();
    switch (t) {
      case BOOL:
      case UINT8:
        return b.get(at) & 0xFFL;
      case INT8:
        return b.get(at);
      case INT16:
        return b.getShort(at);
      case UINT16:
        return b.getShort(at) & 0xFFFFL;
      case INT32:
        return b.getInt(at);
      case UINT32:
        return b.getInt(at) & 0xFFFF_FFFFL;
      case INT64:
      case UINT64:
        return b.getLong(at);
      case FLOAT32:
        return (long) b.getFloat(at);
      case FLOAT64:
        return (long) b.getDouble(at);
      default:
        throw new AssertionError(t);
    }
  }

  static double getDouble(ByteBuffer b, DataType t, int index) {
    int at = index * t.byteSize();
    switch (t) {
      case FLOAT32:
        return b.getFloat(at);
      case FLOAT64:
        return b.getDouble(at);
      case UINT64:
        return unsignedToDouble(b.getLong(at));
      default:
        return getLong(b, t, index);
    }
  }

  /** Stores an integer that {@link #checkLong} accepted (or raw bits of the type's width). */
  static void putLong(ByteBuffer b, DataType t, int index, long v) {
    int at = index * t.byteSize();
    switch (t) {
      case BOOL:
      case INT8:
      case UINT8:
        b.put(at, (byte) v);
        break;
      case INT16:
      case UINT16:
        b.putShort(at, (short) v);
        break;
      case INT32:
      case UINT32:
        b.putInt(at, (int) v);
        break;
      case INT64:
      case UINT64:
        b.putLong(at, v);
        break;
      case FLOAT32:
        b.putFloat(at, (float) v);
        break;
      case FLOAT64:
        b.putDouble(at, (double) v);
        break;
      default:
        throw new AssertionError(t);
    }
  }

  /** Stores a floating-point value into a float type. */
  static void putDouble(ByteBuffer b, DataType t, int index, double v) {
    int at = index * t.byteSize();
    if (t == DataType.FLOAT32) {
      b.putFloat(at, (float) v);
    } else if (t == DataType.FLOAT64) {
      b.putDouble(at, v);
    } else {
      throw new IllegalArgumentException("not a floating-point type: " + t);
    }
  }

  /**
   * Checks that the signed value {@code v} fits {@code t}.
   *
   * @return {@code null} when it fits, otherwise a description of the problem
   */
  static String checkLong(DataType t, long v) {
    long min;
    long max;
    switch (t) {
      case BOOL:
        min = 0;
        max = 1;
        break;
      case INT8:
        min = Byte.MIN_VALUE;
        max = Byte.MAX_VALUE;
        break;
      case INT16:
        min = Short.MIN_VALUE;
        max = Short.MAX_VALUE;
        break;
      case INT32:
        min = Integer.MIN_VALUE;
        max = Integer.MAX_VALUE;
        break;
      case UINT8:
        min = 0;
        max = 0xFF;
        break;
      case UINT16:
        min = 0;
        max = 0xFFFF;
        break;
      case UINT32:
        min = 0;
        max = 0xFFFF_FFFFL;
        break;
      case UINT64:
        min = 0;
        max = Long.MAX_VALUE;
        break;
      default:
        return null;
    }
    if (v < min || v > max) {
      return "value " + v + " is outside the range [" + min + ", " + max + "] of " + t;
    }
    return null;
  }

  /**
   * Converts a floating-point value to an integer of type {@code t} (raw bits for uint64).
   *
   * @throws IllegalArgumentException when it is not integral or out of range
   */
  static long doubleToInteger(DataType t, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v) || v != Math.rint(v)) {
      throw new IllegalArgumentException(
          "value " + v + " cannot be stored as " + t + " (not a finite integral number)");
    }
    if (t == DataType.UINT64) {
      if (v < 0 || v >= TWO_POW_64) {
        throw new IllegalArgumentException("value " + v + " is outside the range of uint64");
      }
      return v >= TWO_POW_63 ? ((long) (v - TWO_POW_63)) ^ Long.MIN_VALUE : (long) v;
    }
    if (v < -TWO_POW_63 || v >= TWO_POW_63) {
      throw new IllegalArgumentException("value " + v + " is outside the range of " + t);
    }
    long l = (long) v;
    String problem = checkLong(t, l);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return l;
  }

  static double unsignedToDouble(long bits) {
    if (bits >= 0) {
      return bits;
    }
    // halve with rounding bit kept, convert, double again
    return ((bits >>> 1) | (bits & 1)) * 2.0;
  }

  /** Fills every slot of {@code target} with the one-element {@code fill}. */
  static void fill(byte[] target, byte[] fill) {
    boolean zero = true;
    for (byte b : fill) {
      zero &= b == 0;
    }
    if (zero) {
      java.util.Arrays.fill(target, (byte) 0);
      return;
    }
    for (int i = 0; i + fill.length <= target.length; i += fill.length) {
      System.arraycopy(fill, 0, target, i, fill.length);
    }
  }
}
