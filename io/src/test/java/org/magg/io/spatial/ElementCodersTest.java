package org.magg.io.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;
import org.magg.core.Failure;

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
  void pointBatchesShipCompactly() throws Exception {
    // along-track points: 1,000 points in 4 runs of child cells; float32 heights, float64 times
    int n = 1000;
    int[] idx = new int[n];
    double[][] v = new double[2][n];
    for (int i = 0; i < n; i++) {
      idx[i] = i < 100 ? 7 : i < 600 ? 8 : i < 601 ? 4095 : 8;
      v[0][i] = (float) (2000 + 0.37 * i);
      v[1][i] = 1e9 + i * 1e-3;
    }
    PointBatch b = new PointBatch(n, idx, v);
    CoderProperties.coderDecodeEncodeEqual(PointBatch.coder(), b);
    // header 4 + 4, index mode 1, column modes 2, run count 4, 4 runs x (child 4 + length 4),
    // then 1,000 float32s and 1,000 float64s
    int expected = 8 + 1 + 2 + 4 + 4 * 8 + n * 4 + n * 8;
    assertEquals(expected, CoderUtils.encodeToByteArray(PointBatch.coder(), b).length);
    // indices in no order go as one int block; a NaN whose payload is not a float32's stays whole
    int[] scattered = {3, 9, 3, 9};
    double nan = Double.longBitsToDouble(0x7ff8000000000001L);
    PointBatch mixed = new PointBatch(4, scattered, new double[][] {{nan, 1, 2, 3}});
    byte[] bytes = CoderUtils.encodeToByteArray(PointBatch.coder(), mixed);
    assertEquals(8 + 1 + 1 + 4 * 4 + 4 * 8, bytes.length);
    PointBatch back = CoderUtils.decodeFromByteArray(PointBatch.coder(), bytes);
    assertEquals(0x7ff8000000000001L, Double.doubleToRawLongBits(back.value(0, 0)));
    assertEquals(9, back.childIndex(3));
  }

  @Test
  void batchesLargerThanTheScratchBufferRoundTrip() throws Exception {
    int n = 50_001; // several scratch blocks, and a partial last one
    int[] idx = new int[n];
    double[][] v = new double[2][n];
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < n; i++) {
      idx[i] = r.nextInt(4096);
      v[0][i] = r.nextGaussian();
      v[1][i] = i;
    }
    CoderProperties.coderDecodeEncodeEqual(PointBatch.coder(), new PointBatch(n, idx, v));
    long[] ids = new long[20_000];
    long[] mortons = new long[20_000];
    double[][] values = new double[3][20_000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Long.MAX_VALUE - i;
      mortons[i] = -i;
      values[i % 3][i] = i * 0.5;
    }
    CoderProperties.coderDecodeEncodeEqual(
        CellChunk.coder(), new CellChunk(1L, 0, ids, mortons, values, 7, 2));
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
