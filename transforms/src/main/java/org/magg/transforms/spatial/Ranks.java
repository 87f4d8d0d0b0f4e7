package org.magg.transforms.spatial;

import java.util.Arrays;

/**
 * The order statistics of one column over a cell: the {@code k}-th smallest value, exactly the
 * value {@link Arrays#sort(double[])} would put at index {@code k} (ascending, {@code -0.0} before
 * {@code 0.0}, NaN last), found by selection instead of sorting the whole cell.
 *
 * <p>Each value asked for is put in its sorted place by a quickselect confined to the range between
 * the places found before, so the few order statistics of a cell (a quantile needs two neighbours,
 * three quantiles six) cost a few passes over the cell rather than a sort; the cost per point stays
 * flat as cells grow. Selection works on the values' bits mapped to {@code long}s whose signed
 * order is the doubles' total order, so the result is the same value, bit for bit, as the sorted
 * copy's.
 *
 * <p>Mutable scratch, reused from cell to cell (see {@link CellColumns}): not thread-safe.
 */
final class Ranks {
  /** Below this many values a range is sorted outright. */
  private static final int SORT_BELOW = 16;

  private long[] keys = new long[16];
  private int size;
  private int nonNaN;
  private int[] placed = new int[8];
  private int placedCount;

  /** Takes the values {@code column[from, to)}; the column itself is not changed. */
  void load(double[] column, int from, int to) {
    size = to - from;
    if (keys.length < size) {
      keys = new long[Math.max(size, 2 * keys.length)];
    }
    int n = 0;
    for (int i = from; i < to; i++) {
      double x = column[i];
      if (x == x) {
        keys[n++] = key(x);
      }
    }
    nonNaN = n;
    placedCount = 0;
  }

  /** The number of values, NaN included. */
  int size() {
    return size;
  }

  /** The number of values that are not NaN; the NaN values rank after them. */
  int nonNaN() {
    return nonNaN;
  }

  /** The {@code k}-th smallest value (0-based) of those that are not NaN. */
  double get(int k) {
    if (k < 0 || k >= nonNaN) {
      throw new IndexOutOfBoundsException("rank " + k + " outside [0, " + nonNaN + ")");
    }
    place(k);
    return value(keys[k]);
  }

  /**
   * Moves the {@code k}-th smallest key to index {@code k}, with no larger key before it and no
   * smaller one after it; every index placed before keeps that property.
   */
  private void place(int k) {
    int lo = 0;
    int hi = nonNaN - 1;
    for (int i = 0; i < placedCount; i++) {
      int p = placed[i];
      if (p == k) {
        return;
      }
      if (p < k && p >= lo) {
        lo = p + 1;
      } else if (p > k && p <= hi) {
        hi = p - 1;
      }
    }
    select(lo, hi, k);
    if (placedCount == placed.length) {
      placed = Arrays.copyOf(placed, 2 * placed.length);
    }
    placed[placedCount++] = k;
  }

  /** Quickselect of index {@code k} within {@code keys[lo, hi]}; sorts what is left when slow. */
  private void select(int lo, int hi, int k) {
    long[] a = keys;
    int budget = 2 * (32 - Integer.numberOfLeadingZeros(hi - lo + 1)) + 4;
    while (hi > lo) {
      if (k == lo) {
        swapExtreme(lo, hi, lo, true);
        return;
      }
      if (k == hi) {
        swapExtreme(lo, hi, hi, false);
        return;
      }
      if (hi - lo < SORT_BELOW || budget-- == 0) {
        Arrays.sort(a, lo, hi + 1);
        return;
      }
      long pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      // a[lo, j] <= pivot <= a[i, hi], and anything strictly between j and i equals the pivot
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  /** Swaps the smallest ({@code min}) or largest key of {@code keys[lo, hi]} to {@code at}. */
  private void swapExtreme(int lo, int hi, int at, boolean min) {
    long[] a = keys;
    int best = lo;
    for (int i = lo + 1; i <= hi; i++) {
      if (min ? a[i] < a[best] : a[i] > a[best]) {
        best = i;
      }
    }
    long t = a[at];
    a[at] = a[best];
    a[best] = t;
  }

  private static long medianOfThree(long x, long y, long z) {
    if (x > y) {
      long t = x;
      x = y;
      y = t;
    }
    return z <= x ? x : Math.min(y, z);
  }

  /** A {@code long} whose signed order is the order of non-NaN doubles, {@code -0.0 < 0.0}. */
  static long key(double x) {
    long bits = Double.doubleToRawLongBits(x);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  /** The double of a {@link #key}. */
  static double value(long key) {
    return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
  }
}
