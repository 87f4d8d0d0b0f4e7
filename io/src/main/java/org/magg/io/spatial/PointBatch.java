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
 */
@DefaultCoder(PointBatch.PointBatchCoder.class)
public final class PointBatch {
  private final int size;
  private final int[] childIndex;
  private final double[][] values;

  /**
   * Wraps arrays without copying; {@code childIndex} and each {@code values[v]} hold at least
   * {@code size} entries.
   */
  public PointBatch(int size, int[] childIndex, double[][] values) {
    if (childIndex.length < size) {
      throw new IllegalArgumentException("childIndex holds fewer than " + size + " points");
    }
    for (double[] v : values) {
      if (v.length < size) {
        throw new IllegalArgumentException("a value column holds fewer than " + size + " points");
      }
    }
    this.size = size;
    this.childIndex = childIndex;
    this.values = values;
  }

  public int size() {
    return size;
  }

  public int variableCount() {
    return values.length;
  }

  /** The child index of point {@code i}. */
  public int childIndex(int i) {
    return childIndex[i];
  }

  /** The value of variable {@code v} at point {@code i}. */
  public double value(int v, int i) {
    return values[v][i];
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
    if (b.size != size || b.values.length != values.length) {
      return false;
    }
    if (!Arrays.equals(childIndex, 0, size, b.childIndex, 0, size)) {
      return false;
    }
    for (int v = 0; v < values.length; v++) {
      if (!Arrays.equals(values[v], 0, size, b.values[v], 0, size)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = size * 31 + values.length;
    for (int i = 0; i < size; i++) {
      h = h * 31 + childIndex[i];
    }
    return h;
  }

  @Override
  public String toString() {
    return "PointBatch{size=" + size + ", variables=" + values.length + "}";
  }

  /**
   * The coder of {@link PointBatch}, compact because point batches are what the statistics'
   * grouping ships: size and variable count, then the child indices, then each column.
   *
   * <ul>
   *   <li>Child indices as runs (two int blocks: the child of each run and its length) when that is
   *       shorter, which it is for points in along-track order (consecutive points mostly fall in
   *       the same child cell); else one int block.
   *   <li>A column as float32s when every value is a float32, bit for bit (ATL06's heights and
   *       their sigmas are); else as float64s.
   * </ul>
   *
   * <p>A decoded batch holds exactly the encoded values, in the same order.
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
      data.writeInt(b.size);
      data.writeInt(b.values.length);
      int runs = runs(b.childIndex, b.size);
      data.writeByte(2L * runs < b.size ? RUNS : INDICES);
      boolean[] floats = new boolean[b.values.length];
      for (int v = 0; v < floats.length; v++) {
        floats[v] = ArrayCoding.allFloats(b.values[v], b.size);
        data.writeByte(floats[v] ? FLOAT32 : FLOAT64);
      }
      ByteBuffer scratch = ArrayCoding.scratch();
      if (2L * runs < b.size) {
        int[] child = new int[runs];
        int[] length = new int[runs];
        int r = -1;
        for (int i = 0; i < b.size; i++) {
          if (r < 0 || b.childIndex[i] != child[r]) {
            child[++r] = b.childIndex[i];
          }
          length[r]++;
        }
        data.writeInt(runs);
        data.flush();
        ArrayCoding.writeInts(out, child, runs, scratch);
        ArrayCoding.writeInts(out, length, runs, scratch);
      } else {
        data.flush();
        ArrayCoding.writeInts(out, b.childIndex, b.size, scratch);
      }
      for (int v = 0; v < floats.length; v++) {
        if (floats[v]) {
          ArrayCoding.writeFloats(out, b.values[v], b.size, scratch);
        } else {
          ArrayCoding.writeDoubles(out, b.values[v], b.size, scratch);
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
      int[] idx = new int[size];
      if (indices == RUNS) {
        int runs = data.readInt();
        if (runs < 0 || runs > size) {
          throw new IOException("corrupt point batch: " + runs + " runs for " + size + " points");
        }
        int[] child = new int[runs];
        int[] length = new int[runs];
        ArrayCoding.readInts(in, child, scratch);
        ArrayCoding.readInts(in, length, scratch);
        int at = 0;
        for (int r = 0; r < runs; r++) {
          if (length[r] < 0 || length[r] > size - at) {
            throw new IOException("corrupt point batch: runs longer than its " + size + " points");
          }
          Arrays.fill(idx, at, at + length[r], child[r]);
          at += length[r];
        }
        if (at != size) {
          throw new IOException(
              "corrupt point batch: runs cover " + at + " of " + size + " points");
        }
      } else {
        ArrayCoding.readInts(in, idx, scratch);
      }
      double[][] values = new double[vars][size];
      for (int v = 0; v < vars; v++) {
        if (columns[v] == FLOAT32) {
          ArrayCoding.readFloats(in, values[v], scratch);
        } else {
          ArrayCoding.readDoubles(in, values[v], scratch);
        }
      }
      return new PointBatch(size, idx, values);
    }
  }
}
