package org.magg.io.spatial;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What the Zarr sink wrote for one parent cell.
 *
 * @param parentMorton the parent cell
 * @param chunkIndex the chunk written
 * @param pointsBinned points the chunk's statistics were computed from
 * @param childCellsWithData child cells with at least one point
 * @param rawBytes uncompressed bytes of the chunk, all arrays together
 */
@DefaultCoder(ChunkWriteResult.ResultCoder.class)
public record ChunkWriteResult(
    long parentMorton, int chunkIndex, long pointsBinned, int childCellsWithData, long rawBytes) {

  public static Coder<ChunkWriteResult> coder() {
    return ResultCoder.INSTANCE;
  }

  /** The coder of {@link ChunkWriteResult}. */
  public static final class ResultCoder extends AtomicCoder<ChunkWriteResult> {
    static final ResultCoder INSTANCE = new ResultCoder();

    /** The coder instance (for {@code @DefaultCoder}). */
    public static ResultCoder of() {
      return INSTANCE;
    }

    private static final long serialVersionUID = 1L;

    @Override
    public void encode(ChunkWriteResult r, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeLong(r.parentMorton());
      d.writeInt(r.chunkIndex());
      d.writeLong(r.pointsBinned());
      d.writeInt(r.childCellsWithData());
      d.writeLong(r.rawBytes());
      d.flush();
    }

    @Override
    public ChunkWriteResult decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      return new ChunkWriteResult(
          d.readLong(), d.readInt(), d.readLong(), d.readInt(), d.readLong());
    }

    @Override
    public void verifyDeterministic() {}
  }
}
