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
 * The statistics of every child cell of one parent cell: one output chunk. Children are in nested
 * order; {@code values[v][j]} is output variable {@code v} of child {@code j} (NaN where a float
 * variable has no value; the sink maps NaN to the fill value).
 */
@DefaultCoder(CellChunk.CellChunkCoder.class)
public final class CellChunk {
  private final long parentMorton;
  private final int chunkIndex;
  private final long[] cellIds;
  private final long[] mortons;
  private final double[][] values;
  private final long pointsBinned;
  private final int childCellsWithData;

  public CellChunk(
      long parentMorton,
      int chunkIndex,
      long[] cellIds,
      long[] mortons,
      double[][] values,
      long pointsBinned,
      int childCellsWithData) {
    this.parentMorton = parentMorton;
    this.chunkIndex = chunkIndex;
    this.cellIds = cellIds;
    this.mortons = mortons;
    this.values = values;
    this.pointsBinned = pointsBinned;
    this.childCellsWithData = childCellsWithData;
    for (double[] v : values) {
      if (v.length != cellIds.length) {
        throw new IllegalArgumentException("every variable needs one value per child cell");
      }
    }
    if (mortons.length != cellIds.length) {
      throw new IllegalArgumentException("cell_ids and morton must have the same length");
    }
  }

  /** The parent cell (Morton index). */
  public long parentMorton() {
    return parentMorton;
  }

  /** The position of the parent among the selected cells: the chunk it is written to. */
  public int chunkIndex() {
    return chunkIndex;
  }

  /** HEALPix nested ids of the children at the child order. */
  public long[] cellIds() {
    return cellIds;
  }

  /** Morton indices of the children. */
  public long[] mortons() {
    return mortons;
  }

  /** Output variable values, in the config's variable order. */
  public double[][] values() {
    return values;
  }

  public int childCount() {
    return cellIds.length;
  }

  public long pointsBinned() {
    return pointsBinned;
  }

  public int childCellsWithData() {
    return childCellsWithData;
  }

  public static Coder<CellChunk> coder() {
    return CellChunkCoder.INSTANCE;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CellChunk)) {
      return false;
    }
    CellChunk c = (CellChunk) o;
    return parentMorton == c.parentMorton
        && chunkIndex == c.chunkIndex
        && pointsBinned == c.pointsBinned
        && childCellsWithData == c.childCellsWithData
        && Arrays.equals(cellIds, c.cellIds)
        && Arrays.equals(mortons, c.mortons)
        && Arrays.deepEquals(values, c.values);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(parentMorton) * 31 + chunkIndex;
  }

  @Override
  public String toString() {
    return "CellChunk{parent="
        + parentMorton
        + ", chunk="
        + chunkIndex
        + ", children="
        + cellIds.length
        + ", points="
        + pointsBinned
        + "}";
  }

  /** The coder of {@link CellChunk}. */
  public static final class CellChunkCoder extends AtomicCoder<CellChunk> {
    static final CellChunkCoder INSTANCE = new CellChunkCoder();

    /** The coder instance (for {@code @DefaultCoder}). */
    public static CellChunkCoder of() {
      return INSTANCE;
    }

    private static final long serialVersionUID = 1L;

    @Override
    public void encode(CellChunk c, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      int n = c.cellIds.length;
      data.writeLong(c.parentMorton);
      data.writeInt(c.chunkIndex);
      data.writeLong(c.pointsBinned);
      data.writeInt(c.childCellsWithData);
      data.writeInt(n);
      data.writeInt(c.values.length);
      data.flush();
      ByteBuffer scratch = ArrayCoding.scratch();
      ArrayCoding.writeLongs(out, c.cellIds, n, scratch);
      ArrayCoding.writeLongs(out, c.mortons, n, scratch);
      for (double[] v : c.values) {
        ArrayCoding.writeDoubles(out, v, n, scratch);
      }
    }

    @Override
    public CellChunk decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      long parent = data.readLong();
      int chunk = data.readInt();
      long points = data.readLong();
      int withData = data.readInt();
      int n = data.readInt();
      int vars = data.readInt();
      ByteBuffer scratch = ArrayCoding.scratch();
      long[] ids = new long[n];
      long[] mortons = new long[n];
      ArrayCoding.readLongs(in, ids, scratch);
      ArrayCoding.readLongs(in, mortons, scratch);
      double[][] values = new double[vars][n];
      for (int v = 0; v < vars; v++) {
        ArrayCoding.readDoubles(in, values[v], scratch);
      }
      return new CellChunk(parent, chunk, ids, mortons, values, points, withData);
    }
  }
}
