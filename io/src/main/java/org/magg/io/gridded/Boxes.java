package org.magg.io.gridded;

/** Small helpers for boxes of C-order arrays. */
final class Boxes {
  private Boxes() {}

  /** The box {@code offset}/{@code shape} of a C-order array of extent {@code full}. */
  static double[] extract(double[] values, long[] full, long[] offset, int[] shape) {
    int rank = full.length;
    long n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] out = new double[Math.toIntExact(n)];
    if (n == 0) {
      return out;
    }
    long[] strides = new long[rank];
    long s = 1;
    for (int d = rank - 1; d >= 0; d--) {
      strides[d] = s;
      s *= full[d];
    }
    int[] idx = new int[rank];
    for (int o = 0; o < out.length; o++) {
      long src = 0;
      for (int d = 0; d < rank; d++) {
        src += (offset[d] + idx[d]) * strides[d];
      }
      out[o] = values[(int) src];
      for (int d = rank - 1; d >= 0; d--) {
        if (++idx[d] < shape[d]) {
          break;
        }
        idx[d] = 0;
      }
    }
    return out;
  }

  /** An unsigned 64-bit value as the nearest double. */
  static double unsignedToDouble(long v) {
    double d = (double) (v >>> 1) * 2.0;
    return d + (v & 1);
  }
}
