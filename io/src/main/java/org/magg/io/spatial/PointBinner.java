package org.magg.io.spatial;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.core.grid.GeoCoordinates;
import org.magg.core.grid.Healpix;
import org.magg.core.grid.Morton;
import org.magg.core.grid.SpatialBounds;

/**
 * Classifies the points of a granule's groups (kept, or dropped for one {@link FilterReason}) and
 * sorts the kept ones into per-parent-cell columnar buffers. The hot path of the spatial pipeline:
 * no per-point allocation.
 */
final class PointBinner implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int HASH_ORDER = 18;

  /**
   * The most points a batch holds: a granule's points of a cell go in batches of at most this many,
   * in order. Small enough that no array of a batch is one of the JVM's "humongous" objects (half a
   * G1 heap region, 512 KB with the smallest regions), which the G1 collector does not compact: a
   * heap full of them runs out of room for large arrays while half empty.
   */
  static final int MAX_BATCH_POINTS = 1 << 15;

  private final int parentOrder;
  private final int childOrder;
  private final SpatialBounds bounds;
  private final Double qualityValue;

  PointBinner(int parentOrder, int childOrder, SpatialBounds bounds, Double qualityValue) {
    if (parentOrder < 0 || parentOrder > childOrder || childOrder > HASH_ORDER) {
      throw new IllegalArgumentException(
          "need 0 <= parent order ("
              + parentOrder
              + ") <= child order ("
              + childOrder
              + ") <= "
              + HASH_ORDER);
    }
    this.parentOrder = parentOrder;
    this.childOrder = childOrder;
    this.bounds = bounds;
    this.qualityValue = qualityValue;
  }

  /** Starts collecting one granule's points for the given parent cells (Morton indices). */
  Granule start(List<Long> parentCells, int variableCount) {
    return new Granule(parentCells, variableCount);
  }

  /** The kept points of one granule, by parent cell, and what was dropped. */
  final class Granule {
    private final long[] parentNested;
    private final long[] parentMorton;
    private final List<List<PointBatch>> batches = new ArrayList<>();
    private final int variableCount;
    final long[] filtered = new long[FilterReason.values().length];
    long read;
    long kept;

    private Granule(List<Long> parentCells, int variableCount) {
      parentNested = new long[parentCells.size()];
      parentMorton = new long[parentCells.size()];
      this.variableCount = variableCount;
      for (int i = 0; i < parentCells.size(); i++) {
        long m = parentCells.get(i);
        if (Morton.order(m) != parentOrder) {
          throw new IllegalArgumentException(
              "cell "
                  + Morton.format(m)
                  + " has order "
                  + Morton.order(m)
                  + ", expected "
                  + parentOrder);
        }
        parentMorton[i] = m;
        parentNested[i] = Morton.toNested(m);
        batches.add(new ArrayList<>());
      }
    }

    /** Adds one group's columns. */
    void add(PointColumns c) {
      int n = c.size;
      read += n;
      double[] lon = new double[n];
      double[] lat = new double[n];
      int[] origin = new int[n];
      int valid = 0;
      for (int i = 0; i < n; i++) {
        double la = c.lat[i];
        double lo = c.lon[i];
        if (la == c.latFill || lo == c.lonFill) {
          filtered[FilterReason.FILL_VALUE.ordinal()]++;
        } else if (!GeoCoordinates.valid(la, lo)) {
          filtered[FilterReason.INVALID_COORDINATE.ordinal()]++;
        } else if (qualityValue != null && c.quality[i] != qualityValue) {
          filtered[FilterReason.QUALITY.ordinal()]++;
        } else if (hasFill(c, i)) {
          filtered[FilterReason.FILL_VALUE.ordinal()]++;
        } else if (hasInfinite(c, i)) {
          filtered[FilterReason.INVALID_VALUE.ordinal()]++;
        } else if (bounds != null && !bounds.contains(lo, la)) {
          filtered[FilterReason.OUTSIDE_BOUNDS.ordinal()]++;
        } else {
          lon[valid] = lo;
          lat[valid] = la;
          origin[valid] = i;
          valid++;
        }
      }
      long[] nested = new long[valid];
      Healpix.nestedHash(HASH_ORDER, lon, lat, valid, nested);
      int parentShift = 2 * (HASH_ORDER - parentOrder);
      int childShift = 2 * (HASH_ORDER - childOrder);
      long childMask = (1L << (2 * (childOrder - parentOrder))) - 1;
      // Two passes, so that each batch is allocated once at its exact size.
      int[] slots = new int[valid];
      int[] counts = new int[parentNested.length];
      int last = -1;
      for (int k = 0; k < valid; k++) {
        long parent = nested[k] >>> parentShift;
        int slot = last >= 0 && parentNested[last] == parent ? last : slotOf(parent);
        slots[k] = slot;
        if (slot < 0) {
          filtered[FilterReason.OUTSIDE_SELECTION.ordinal()]++;
          continue;
        }
        last = slot;
        counts[slot]++;
      }
      int[] remaining = counts;
      int[][] child = new int[counts.length][];
      float[][][] floats = new float[counts.length][variableCount][];
      double[][][] doubles = new double[counts.length][variableCount][];
      int[] at = new int[counts.length];
      for (int k = 0; k < valid; k++) {
        int slot = slots[k];
        if (slot < 0) {
          continue;
        }
        if (child[slot] == null) {
          int size = Math.min(remaining[slot], MAX_BATCH_POINTS);
          child[slot] = new int[size];
          for (int v = 0; v < variableCount; v++) {
            if (c.floats[v] != null) {
              floats[slot][v] = new float[size];
            } else {
              doubles[slot][v] = new double[size];
            }
          }
        }
        int i = at[slot]++;
        child[slot][i] = (int) ((nested[k] >>> childShift) & childMask);
        int row = origin[k];
        for (int v = 0; v < variableCount; v++) {
          if (c.floats[v] != null) {
            floats[slot][v][i] = c.floats[v][row];
          } else {
            doubles[slot][v][i] = c.doubles[v][row];
          }
        }
        if (i + 1 == child[slot].length) {
          // copies of the column tables: the slot's next batch gets columns of its own
          batches
              .get(slot)
              .add(
                  PointBatch.ofColumns(
                      i + 1, child[slot], floats[slot].clone(), doubles[slot].clone()));
          kept += i + 1;
          remaining[slot] -= i + 1;
          child[slot] = null;
          at[slot] = 0;
        }
      }
    }

    private int slotOf(long parent) {
      for (int s = 0; s < parentNested.length; s++) {
        if (parentNested[s] == parent) {
          return s;
        }
      }
      return -1;
    }

    private boolean hasFill(PointColumns c, int i) {
      for (int v = 0; v < c.variableCount(); v++) {
        double x = c.value(v, i);
        if (x == c.valueFills[v] || Double.isNaN(x)) {
          return true;
        }
      }
      return false;
    }

    private boolean hasInfinite(PointColumns c, int i) {
      for (int v = 0; v < c.variableCount(); v++) {
        if (Double.isInfinite(c.value(v, i))) {
          return true;
        }
      }
      return false;
    }

    /** Counts a row of the granule that could not be read: read, and filtered as malformed. */
    void malformedRow() {
      read++;
      filtered[FilterReason.MALFORMED_ROW.ordinal()]++;
    }

    /**
     * The batches of kept points by parent cell (Morton index), one per group that had points in
     * the cell, in the assignment's cell order; cells without points are absent.
     */
    Map<Long, List<PointBatch>> batches() {
      Map<Long, List<PointBatch>> out = new LinkedHashMap<>();
      for (int s = 0; s < parentMorton.length; s++) {
        if (!batches.get(s).isEmpty()) {
          out.put(parentMorton[s], batches.get(s));
        }
      }
      return out;
    }
  }
}
