package org.magg.io.zarr;

import java.nio.ByteBuffer;

/**
 * Converts a Java primitive array into the canonical layout of a data type.
 *
 * <p>Rules: floating-point targets accept every input (narrowing to float32 rounds). Integer and
 * bool targets accept floating-point inputs only when they are finite, integral and in range.
 * Integer inputs are range-checked as signed values, except that an input as wide as an unsigned
 * target (byte to uint8, short to uint16, int to uint32, long to uint64) is taken as raw bits.
 */
final class ChunkValues {

  /** A read-only view of one primitive array. */
  interface Source {
    int length();

    /** Bits per value for integer sources, 0 for floating-point sources. */
    int integerBits();

    double getDouble(int i);

    long getLong(int i);
  }

  private ChunkValues() {}

  static Source of(double[] v) {
    return floating(v.length, i -> v[i]);
  }

  static Source of(float[] v) {
    return floating(v.length, i -> v[i]);
  }

  static Source of(long[] v) {
    return integral(v.length, 64, i -> v[i]);
  }

  static Source of(int[] v) {
    return integral(v.length, 32, i -> v[i]);
  }

  static Source of(short[] v) {
    return integral(v.length, 16, i -> v[i]);
  }

  static Source of(byte[] v) {
    return integral(v.length, 8, i -> v[i]);
  }

  private static Source floating(int n, java.util.function.IntToDoubleFunction f) {
    return new Source() {
      @Override
      public int length() {
        return n;
      }

      @Override
      public int integerBits() {
        return 0;
      }

      @Override
      public double getDouble(int i) {
        return f.applyAsDouble(i);
      }

      @Override
      public long getLong(int i) {
        throw new UnsupportedOperationException();
      }
    };
  }

  private static Source integral(int n, int bits, java.util.function.IntToLongFunction f) {
    return new Source() {
      @Override
      public int length() {
        return n;
      }

      @Override
      public int integerBits() {
        return bits;
      }

      @Override
      public double getDouble(int i) {
        return f.applyAsLong(i);
      }

      @Override
      public long getLong(int i) {
        return f.applyAsLong(i);
      }
    };
  }

  /**
   * Converts all values.
   *
   * @throws IllegalArgumentException naming the first value that does not fit
   */
  static byte[] toCanonical(Source src, DataType type) {
    int n = src.length();
    byte[] out = new byte[Math.multiplyExact(n, type.byteSize())];
    ByteBuffer b = Elements.wrap(out);
    int bits = src.integerBits();
    boolean rawBits = type.isUnsigned() && bits == type.byteSize() * 8;
    for (int i = 0; i < n; i++) {
      if (type.isFloatingPoint()) {
        Elements.putDouble(b, type, i, src.getDouble(i));
      } else if (bits == 0) {
        long v;
        try {
          v = Elements.doubleToInteger(type, src.getDouble(i));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("element " + i + ": " + e.getMessage(), e);
        }
        Elements.putLong(b, type, i, v);
      } else {
        long v = src.getLong(i);
        if (!rawBits) {
          String problem = Elements.checkLong(type, v);
          if (problem != null) {
            throw new IllegalArgumentException("element " + i + ": " + problem);
          }
        }
        Elements.putLong(b, type, i, v);
      }
    }
    return out;
  }
}
