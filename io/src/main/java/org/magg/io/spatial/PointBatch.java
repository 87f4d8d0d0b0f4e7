package org.magg.io.spatial;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.magg.core.ArrayCoding;

/**
 * A columnar batch of kept points of one parent cell: each point's child index within the parent (0
 * .. 4^(child-parent) - 1, in nested order) and the values of the variables the aggregation needs,
 * in a fixed variable order. Points travel in batches, never one element per point.
 *
 * <p>A batch is held as compactly as its points allow, because the statistics step holds every
 * batch of a parent cell at once: a column whose values are all float32 (ATL06's heights and their
 * sigmas) as {@code float[]}, else {@code double[]}; the child indices of points in along-track
 * order (consecutive points mostly in the same child cell) as runs. For ATL06 that is about 8 bytes
 * a point instead of 20. {@link #value} and {@link #childIndex} read any form; the statistics use
 * {@link #countChildren} and {@link #place}, which walk it without expanding it.
 */
@DefaultCoder(PointBatch.PointBatchCoder.class)
public final class PointBatch {
  private final int size;

  /** The child index of each point, or null when held as runs. */
  private final int[] childIndex;

  /** The child of each run and the (exclusive) end of each run, or null when held per point. */
  private final int[] runChild;

  private final int[] runEnd;

  /** Per variable, its float32 column, or null when it is in {@link #doubles}. */
  private final float[][] floats;

  /** Per variable, its float64 column, or null when it is in {@link #floats}. */
  private final double[][] doubles;

  /**
   * Wraps arrays without copying; {@code childIndex} and each {@code values[v]} hold at least
   * {@code size} entries.
   */
  public PointBatch(int size, int[] childIndex, double[][] values) {
    this(size, childIndex, null, null, new float[values.length][], values.clone());
  }

  private PointBatch(
      int size,
      int[] childIndex,
      int[] runChild,
      int[] runEnd,
      float[][] floats,
      double[][] doubles) {
    if (childIndex != null && childIndex.length < size) {
      throw new IllegalArgumentException("childIndex holds fewer than " + size + " points");
    }
    for (int v = 0; v < floats.length; v++) {
      int length = floats[v] != null ? floats[v].length : doubles[v].length;
      if (length < size) {
        throw new IllegalArgumentException("a value column holds fewer than " + size + " points");
      }
    }
    this.size = size;
    this.childIndex = childIndex;
    this.runChild = runChild;
    this.runEnd = runEnd;
    this.floats = floats;
    this.doubles = doubles;
  }

  /**
   * A batch over per-point child indices and, per variable, its {@code float[]} column in {@code
   * floats} or else its {@code double[]} column in {@code doubles} (all wrapped, not copied).
   */
  static PointBatch ofColumns(int size, int[] childIndex, float[][] floats, double[][] doubles) {
    return new PointBatch(size, childIndex, null, null, floats, doubles);
  }

  public int size() {
    return size;
  }

  public int variableCount() {
    return floats.length;
  }

  /** The child index of point {@code i}. */
  public int childIndex(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("point " + i + " outside a batch of " + size);
    }
    if (childIndex != null) {
      return childIndex[i];
    }
    int r = Arrays.binarySearch(runEnd, i + 1);
    return runChild[r >= 0 ? r : -r - 1];
  }

  /** The value of variable {@code v} at point {@code i}. */
  public double value(int v, int i) {
    return floats[v] != null ? floats[v][i] : doubles[v][i];
  }

  /**
   * Adds the points of each child to {@code counts[child]}; returns false, having counted only the
   * points before it, at the first child index outside {@code [0, counts.length)}.
   */
  public boolean countChildren(int[] counts) {
    if (childIndex != null) {
      for (int i = 0; i < size; i++) {
        int c = childIndex[i];
        if (c < 0 || c >= counts.length) {
          return false;
        }
        counts[c]++;
      }
      return true;
    }
    int from = 0;
    for (int r = 0; r < runChild.length; r++) {
      int c = runChild[r];
      if (c < 0 || c >= counts.length) {
        return false;
      }
      counts[c] += runEnd[r] - from;
      from = runEnd[r];
    }
    return true;
  }

  /**
   * Places the points by child: point {@code i} of child {@code c} goes to index {@code
   * cursor[c]++} of each {@code columns[v]}. Child indices must be valid ({@link #countChildren}).
   */
  public void place(int[] cursor, double[][] columns) {
    if (childIndex != null) {
      for (int i = 0; i < size; i++) {
        int at = cursor[childIndex[i]]++;
        for (int v = 0; v < columns.length; v++) {
          columns[v][at] = value(v, i);
        }
      }
      return;
    }
    int from = 0;
    for (int r = 0; r < runChild.length; r++) {
      int to = runEnd[r];
      int at = cursor[runChild[r]];
      cursor[runChild[r]] = at + (to - from);
      for (int v = 0; v < columns.length; v++) {
        double[] dest = columns[v];
        if (floats[v] != null) {
          float[] src = floats[v];
          for (int i = from; i < to; i++) {
            dest[at + i - from] = src[i];
          }
        } else {
          System.arraycopy(doubles[v], from, dest, at, to - from);
        }
      }
      from = to;
    }
  }

  /** The coder of this element type. */
  public static Coder<PointBatch> coder() {
    return PointBatchCoder.INSTANCE;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PointBatch)) {
      return false;
    }
    PointBatch b = (PointBatch) o;
    if (b.size != size || b.variableCount() != variableCount()) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (childIndex(i) != b.childIndex(i)) {
        return false;
      }
    }
    for (int v = 0; v < variableCount(); v++) {
      for (int i = 0; i < size; i++) {
        if (Double.doubleToLongBits(value(v, i)) != Double.doubleToLongBits(b.value(v, i))) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = size * 31 + variableCount();
    for (int i = 0; i < size; i++) {
      h = h * 31 + childIndex(i);
    }
    return h;
  }

  @Override
  public String toString() {
    return "PointBatch{size=" + size + ", variables=" + variableCount() + "}";
  }

  /**
   * The coder of {@link PointBatch}, compact because point batches are what the statistics'
   * grouping ships: size and variable count, then the child indices, then each column.
   *
   * <ul>
   *   <li>Child indices as runs (two int blocks: the child of each run and its length) when that is
   *       shorter, which it is for points in along-track order; else one int block.
   *   <li>A column as float32s when every value is a float32, bit for bit (ATL06's heights and
   *       their sigmas are); else as float64s.
   * </ul>
   *
   * <p>A decoded batch holds exactly the encoded values, in the same order, in the compact form:
   * runs stay runs and float32 columns stay {@code float[]}.
   */
  public static final class PointBatchCoder extends AtomicCoder<PointBatch> {
    static final PointBatchCoder INSTANCE = new PointBatchCoder();

    /** The coder instance (for {@code @DefaultCoder}). */
    public static PointBatchCoder of() {
      return INSTANCE;
    }

    private static final long serialVersionUID = 1L;

    private static final int INDICES = 0;
    private static final int RUNS = 1;
    private static final int FLOAT64 = 0;
    private static final int FLOAT32 = 1;

    @Override
    public void encode(PointBatch b, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      int vars = b.variableCount();
      data.writeInt(b.size);
      data.writeInt(vars);
      int[] runChild = b.runChild;
      int[] runEnd = b.runEnd;
      if (runChild == null) {
        int runs = runs(b.childIndex, b.size);
        if (2L * runs < b.size) {
          runChild = new int[runs];
          runEnd = new int[runs];
          int r = -1;
          for (int i = 0; i < b.size; i++) {
            if (r < 0 || b.childIndex[i] != runChild[r]) {
              runChild[++r] = b.childIndex[i];
            }
            runEnd[r] = i + 1;
          }
        }
      }
      data.writeByte(runChild != null ? RUNS : INDICES);
      boolean[] asFloats = new boolean[vars];
      for (int v = 0; v < vars; v++) {
        asFloats[v] = b.floats[v] != null || ArrayCoding.allFloats(b.doubles[v], b.size);
        data.writeByte(asFloats[v] ? FLOAT32 : FLOAT64);
      }
      ByteBuffer scratch = ArrayCoding.scratch();
      if (runChild != null) {
        int runs = runChild.length;
        int[] length = new int[runs];
        int from = 0;
        for (int r = 0; r < runs; r++) {
          length[r] = runEnd[r] - from;
          from = runEnd[r];
        }
        data.writeInt(runs);
        data.flush();
        ArrayCoding.writeInts(out, runChild, runs, scratch);
        ArrayCoding.writeInts(out, length, runs, scratch);
      } else {
        data.flush();
        ArrayCoding.writeInts(out, b.childIndex, b.size, scratch);
      }
      for (int v = 0; v < vars; v++) {
        if (b.floats[v] != null) {
          ArrayCoding.writeFloats(out, b.floats[v], b.size, scratch);
        } else if (asFloats[v]) {
          ArrayCoding.writeFloats(out, b.doubles[v], b.size, scratch);
        } else {
          ArrayCoding.writeDoubles(out, b.doubles[v], b.size, scratch);
        }
      }
    }

    /** The number of runs of equal consecutive values in {@code a[0, n)}. */
    private static int runs(int[] a, int n) {
      int runs = n == 0 ? 0 : 1;
      for (int i = 1; i < n; i++) {
        if (a[i] != a[i - 1]) {
          runs++;
        }
      }
      return runs;
    }

    @Override
    public PointBatch decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      int size = data.readInt();
      int vars = data.readInt();
      if (size < 0 || vars < 0) {
        throw new IOException("corrupt point batch header: size " + size + ", variables " + vars);
      }
      int indices = data.readUnsignedByte();
      int[] columns = new int[vars];
      for (int v = 0; v < vars; v++) {
        columns[v] = data.readUnsignedByte();
      }
      ByteBuffer scratch = ArrayCoding.scratch();
      int[] idx = null;
      int[] child = null;
      int[] end = null;
      if (indices == RUNS) {
        int runs = data.readInt();
        if (runs < 0 || runs > size) {
          throw new IOException("corrupt point batch: " + runs + " runs for " + size + " points");
        }
        child = new int[runs];
        end = new int[runs];
        ArrayCoding.readInts(in, child, scratch);
        ArrayCoding.readInts(in, end, scratch);
        int at = 0;
        for (int r = 0; r < runs; r++) {
          if (end[r] <= 0 || end[r] > size - at) {
            throw new IOException(
                "corrupt point batch: a run of "
                    + end[r]
                    + " points (runs must be non-empty and cover the "
                    + size
                    + " points)");
          }
          at += end[r];
          end[r] = at;
        }
        if (at != size) {
          throw new IOException(
              "corrupt point batch: runs cover " + at + " of " + size + " points");
        }
      } else {
        idx = new int[size];
        ArrayCoding.readInts(in, idx, scratch);
      }
      float[][] floats = new float[vars][];
      double[][] doubles = new double[vars][];
      for (int v = 0; v < vars; v++) {
        if (columns[v] == FLOAT32) {
          floats[v] = new float[size];
          ArrayCoding.readFloats(in, floats[v], scratch);
        } else {
          doubles[v] = new double[size];
          ArrayCoding.readDoubles(in, doubles[v], scratch);
        }
      }
      return new PointBatch(size, idx, child, end, floats, doubles);
    }
  }
}
