package org.magg.io.zarr;

import java.util.Arrays;

/** Small helpers for shapes, strides and copying boxes between C-order buffers. */
final class Shapes {

  private Shapes() {}

  static long product(long[] shape) {
    long p = 1;
    for (long s : shape) {
      p = Math.multiplyExact(p, s);
    }
    return p;
  }

  static long product(int[] shape) {
    long p = 1;
    for (int s : shape) {
      p = Math.multiplyExact(p, (long) s);
    }
    return p;
  }

  static long[] toLong(int[] a) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  /** Number of chunks along each dimension (a partial chunk at the edge counts). */
  static long[] gridShape(long[] shape, int[] chunkShape) {
    long[] grid = new long[shape.length];
    for (int d = 0; d < shape.length; d++) {
      grid[d] = (shape[d] + chunkShape[d] - 1) / chunkShape[d];
    }
    return grid;
  }

  /** C-order strides in elements. */
  static long[] strides(long[] shape) {
    long[] strides = new long[shape.length];
    long s = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      strides[d] = s;
      s *= shape[d];
    }
    return strides;
  }

  /**
   * Copies a box of {@code extent} elements from {@code src} (C-order, shape {@code srcShape},
   * starting at {@code srcOffset}) to {@code dst} (shape {@code dstShape}, at {@code dstOffset}).
   */
  static void copyBox(
      byte[] src,
      long[] srcShape,
      long[] srcOffset,
      byte[] dst,
      long[] dstShape,
      long[] dstOffset,
      long[] extent,
      int itemSize) {
    int rank = extent.length;
    for (long e : extent) {
      if (e <= 0) {
        return;
      }
    }
    if (rank == 0) {
      System.arraycopy(src, 0, dst, 0, itemSize);
      return;
    }
    long[] srcStrides = strides(srcShape);
    long[] dstStrides = strides(dstShape);
    int rowBytes = Math.toIntExact(extent[rank - 1] * itemSize);
    long[] idx = new long[rank - 1];
    while (true) {
      long s = srcOffset[rank - 1];
      long t = dstOffset[rank - 1];
      for (int d = 0; d < rank - 1; d++) {
        s += (srcOffset[d] + idx[d]) * srcStrides[d];
        t += (dstOffset[d] + idx[d]) * dstStrides[d];
      }
      System.arraycopy(
          src, Math.toIntExact(s * itemSize), dst, Math.toIntExact(t * itemSize), rowBytes);
      int d = rank - 2;
      while (d >= 0) {
        if (++idx[d] < extent[d]) {
          break;
        }
        idx[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  static String str(long[] a) {
    return Arrays.toString(a);
  }

  static String str(int[] a) {
    return Arrays.toString(a);
  }
}
