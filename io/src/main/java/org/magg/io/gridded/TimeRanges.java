package org.magg.io.gridded;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A set of closed time intervals, merged and sorted: the timesteps a read keeps. A temporal run
 * reads only its events' windows, not the gaps between them.
 */
public final class TimeRanges implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final TimeRanges ALL = new TimeRanges(new long[] {Long.MIN_VALUE, Long.MAX_VALUE});

  /** from0, to0, from1, to1, ... in epoch milliseconds, disjoint and ascending. */
  private final long[] bounds;

  private TimeRanges(long[] bounds) {
    this.bounds = bounds;
  }

  /** Every time. */
  public static TimeRanges all() {
    return ALL;
  }

  /** {@code [from, to]}; a null end leaves that side open. */
  public static TimeRanges of(Instant from, Instant to) {
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException(
          "Time range end " + to + " is before its start " + from + ".");
    }
    return new TimeRanges(
        new long[] {
          from == null ? Long.MIN_VALUE : from.toEpochMilli(),
          to == null ? Long.MAX_VALUE : to.toEpochMilli()
        });
  }

  /** The union of closed intervals {@code {from, to}} (overlapping or touching ones merged). */
  public static TimeRanges union(List<Instant[]> intervals) {
    List<long[]> sorted = new ArrayList<>();
    for (Instant[] i : intervals) {
      if (i[1].isBefore(i[0])) {
        throw new IllegalArgumentException(
            "Time range end " + i[1] + " is before its start " + i[0] + ".");
      }
      sorted.add(new long[] {i[0].toEpochMilli(), i[1].toEpochMilli()});
    }
    sorted.sort(Comparator.comparingLong((long[] a) -> a[0]));
    List<long[]> merged = new ArrayList<>();
    for (long[] r : sorted) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r[0] <= last[1] + 1) {
        last[1] = Math.max(last[1], r[1]);
      } else {
        merged.add(r.clone());
      }
    }
    long[] b = new long[merged.size() * 2];
    for (int k = 0; k < merged.size(); k++) {
      b[2 * k] = merged.get(k)[0];
      b[2 * k + 1] = merged.get(k)[1];
    }
    return new TimeRanges(b);
  }

  /** Whether {@code t} is in one of the intervals. */
  public boolean contains(Instant t) {
    long x = t.toEpochMilli();
    int lo = 0;
    int hi = bounds.length / 2 - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (x < bounds[2 * mid]) {
        hi = mid - 1;
      } else if (x > bounds[2 * mid + 1]) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /** The number of intervals. */
  public int size() {
    return bounds.length / 2;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeRanges r && Arrays.equals(r.bounds, bounds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bounds);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TimeRanges[");
    for (int k = 0; k < size(); k++) {
      sb.append(k == 0 ? "" : ", ")
          .append(bounds[2 * k] == Long.MIN_VALUE ? "-inf" : Instant.ofEpochMilli(bounds[2 * k]))
          .append("..")
          .append(
              bounds[2 * k + 1] == Long.MAX_VALUE
                  ? "+inf"
                  : Instant.ofEpochMilli(bounds[2 * k + 1]));
    }
    return sb.append(']').toString();
  }
}
