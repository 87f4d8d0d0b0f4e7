package org.magg.io.spatial;

import java.lang.reflect.Array;

/** Conversions of the primitive arrays format libraries return into {@code double[]}. */
final class NumericArrays {
  private NumericArrays() {}

  /** Converts a primitive array (or boxed scalar) to doubles; {@code what} names it in errors. */
  static double[] toDoubles(Object data, String what) {
    if (data instanceof double[]) {
      return (double[]) data;
    }
    if (data instanceof float[]) {
      float[] f = (float[]) data;
      double[] d = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        d[i] = f[i];
      }
      return d;
    }
    if (data instanceof int[]) {
      int[] a = (int[]) data;
      double[] d = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
      return d;
    }
    if (data instanceof long[]) {
      long[] a = (long[]) data;
      double[] d = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
      return d;
    }
    if (data instanceof short[]) {
      short[] a = (short[]) data;
      double[] d = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
      return d;
    }
    if (data instanceof byte[]) {
      byte[] a = (byte[]) data;
      double[] d = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
      return d;
    }
    if (data instanceof Number) {
      return new double[] {((Number) data).doubleValue()};
    }
    if (data != null
        && data.getClass().isArray()
        && Array.getLength(data) > 0
        && Array.get(data, 0) instanceof Number) {
      double[] d = new double[Array.getLength(data)];
      for (int i = 0; i < d.length; i++) {
        d[i] = ((Number) Array.get(data, i)).doubleValue();
      }
      return d;
    }
    throw new IllegalArgumentException(
        what
            + " holds "
            + (data == null ? "nothing" : data.getClass().getSimpleName())
            + ", expected numbers");
  }
}
