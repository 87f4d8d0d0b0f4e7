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
   * The coder of {@link PointBatch}: size, variable count, then little-endian blocks of the indices
   * and of each column.
   */
  public static final class PointBatchCoder extends AtomicCoder<PointBatch> {
    static final PointBatchCoder INSTANCE = new PointBatchCoder();

    /** The coder instance (for {@code @DefaultCoder}). */
    public static PointBatchCoder of() {
      return INSTANCE;
    }

    private static final long serialVersionUID = 1L;

    @Override
    public void encode(PointBatch b, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      data.writeInt(b.size);
      data.writeInt(b.values.length);
      data.flush();
      ByteBuffer scratch = ArrayCoding.scratch();
      ArrayCoding.writeInts(out, b.childIndex, b.size, scratch);
      for (double[] v : b.values) {
        ArrayCoding.writeDoubles(out, v, b.size, scratch);
      }
    }

    @Override
    public PointBatch decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      int size = data.readInt();
      int vars = data.readInt();
      if (size < 0 || vars < 0) {
        throw new IOException("corrupt point batch header: size " + size + ", variables " + vars);
      }
      ByteBuffer scratch = ArrayCoding.scratch();
      int[] idx = new int[size];
      ArrayCoding.readInts(in, idx, scratch);
      double[][] values = new double[vars][size];
      for (int v = 0; v < vars; v++) {
        ArrayCoding.readDoubles(in, values[v], scratch);
      }
      return new PointBatch(size, idx, values);
    }
  }
}
