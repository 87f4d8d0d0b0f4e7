package org.magg.io;

import java.util.List;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;
import org.magg.transforms.CellChunk;

/** Every element type's coder round-trips its values, including empty ones. */
class ElementCodersTest {

  @Test
  void pointBatch() throws Exception {
    PointBatch b =
        new PointBatch(
            3,
            new int[] {0, 4095, 7},
            new double[][] {{1.5, Double.NaN, -2}, {0.1, 0.2, Double.MAX_VALUE}});
    CoderProperties.coderDecodeEncodeEqual(PointBatch.coder(), b);
    CoderProperties.coderDecodeEncodeEqual(
        PointBatch.coder(), new PointBatch(0, new int[0], new double[2][0]));
    // a batch wrapping longer arrays encodes only its first `size` points
    PointBatch prefix = new PointBatch(1, new int[] {9, 9}, new double[][] {{3, 4}});
    CoderProperties.coderDecodeEncodeEqual(PointBatch.coder(), prefix);
  }

  @Test
  void cellChunk() throws Exception {
    CellChunk c =
        new CellChunk(
            -3331423L,
            5,
            new long[] {Long.MIN_VALUE + 7, 2},
            new long[] {-33314231L, -33314232L},
            new double[][] {{1, Double.NaN}, {0, 3}},
            12,
            1);
    CoderProperties.coderDecodeEncodeEqual(CellChunk.coder(), c);
  }

  @Test
  void smallRecords() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        Failure.coder(), Failure.group("/data/a.h5", "gt1l", "dataset /gt1l/x is missing"));
    CoderProperties.coderDeterministic(
        Failure.coder(), Failure.cell("1", "r"), Failure.cell("1", "r"));
    CoderProperties.coderDecodeEncodeEqual(
        GranuleAssignment.coder(),
        new GranuleAssignment("s3://bucket/a.h5", List.of(-3131L, 4212L)));
    CoderProperties.coderDecodeEncodeEqual(
        ChunkWriteResult.coder(), new ChunkWriteResult(3234123L, 2, 100, 7, 4096));
  }
}
