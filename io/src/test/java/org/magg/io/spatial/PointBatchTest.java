package org.magg.io.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/**
 * The compact forms of a point batch (child runs, float32 columns) against the same points held per
 * point in doubles: every accessor and the placing by child give the same values.
 */
class PointBatchTest {

  /** Along-track points: runs of one child, float32 values, and a float64 column. */
  private static PointBatch alongTrack(int n, Random r) {
    int[] idx = new int[n];
    float[] h = new float[n];
    double[] t = new double[n];
    int child = r.nextInt(64);
    for (int i = 0; i < n; i++) {
      if (r.nextInt(20) == 0) {
        child = r.nextInt(64);
      }
      idx[i] = child;
      h[i] = (float) (1000 + r.nextGaussian() * 300);
      t[i] = 1e9 + i * 1e-3;
    }
    return PointBatch.ofColumns(n, idx, new float[][] {h, null}, new double[][] {null, t});
  }

  @Test
  void decodedBatchesKeepRunsAndFloatsAndReadTheSame() throws Exception {
    Random r = new Random(11);
    PointBatch b = alongTrack(5_000, r);
    byte[] bytes = CoderUtils.encodeToByteArray(PointBatch.coder(), b);
    PointBatch back = CoderUtils.decodeFromByteArray(PointBatch.coder(), bytes);
    // the decoded batch is held as runs and float32s, and encodes to the same bytes
    assertArrayEquals(bytes, CoderUtils.encodeToByteArray(PointBatch.coder(), back));
    assertEquals(b, back);
    for (int i = 0; i < b.size(); i++) {
      assertEquals(b.childIndex(i), back.childIndex(i), "child of point " + i);
      assertEquals(b.value(0, i), back.value(0, i));
      assertEquals(b.value(1, i), back.value(1, i));
    }
    // header 8, modes 3, then the float32 column at 4 bytes and the float64 one at 8 a point
    int runs = 0;
    for (int i = 0; i < b.size(); i++) {
      if (i == 0 || b.childIndex(i) != b.childIndex(i - 1)) {
        runs++;
      }
    }
    assertEquals(8 + 3 + 4 + runs * 8 + b.size() * 12, bytes.length);
  }

  @Test
  void countingAndPlacingMatchAPerPointCountingSort() throws Exception {
    Random r = new Random(3);
    PointBatch[] batches = {
      alongTrack(3_000, r),
      CoderUtils.decodeFromByteArray(
          PointBatch.coder(),
          CoderUtils.encodeToByteArray(PointBatch.coder(), alongTrack(2_000, r))),
      new PointBatch(4, new int[] {63, 0, 63, 5}, new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}})
    };
    int children = 64;
    int[] counts = new int[children];
    int n = 0;
    for (PointBatch b : batches) {
      assertTrue(b.countChildren(counts));
      n += b.size();
    }
    // the expected placing, point by point through the plain accessors
    int[] expectedCounts = new int[children];
    for (PointBatch b : batches) {
      for (int i = 0; i < b.size(); i++) {
        expectedCounts[b.childIndex(i)]++;
      }
    }
    assertArrayEquals(expectedCounts, counts);
    int[] start = new int[children];
    for (int c = 1; c < children; c++) {
      start[c] = start[c - 1] + counts[c - 1];
    }
    double[][] expected = new double[2][n];
    int[] at = start.clone();
    for (PointBatch b : batches) {
      for (int i = 0; i < b.size(); i++) {
        int k = at[b.childIndex(i)]++;
        expected[0][k] = b.value(0, i);
        expected[1][k] = b.value(1, i);
      }
    }
    double[][] placed = new double[2][n];
    int[] cursor = start.clone();
    for (PointBatch b : batches) {
      b.place(cursor, placed);
    }
    assertArrayEquals(expected[0], placed[0]);
    assertArrayEquals(expected[1], placed[1]);
    assertArrayEquals(at, cursor);
  }

  @Test
  void childIndicesOutsideTheCellAreReported() throws Exception {
    int[] counts = new int[16];
    assertFalse(
        new PointBatch(2, new int[] {3, 16}, new double[][] {{1, 2}}).countChildren(counts));
    PointBatch runs =
        CoderUtils.decodeFromByteArray(
            PointBatch.coder(),
            CoderUtils.encodeToByteArray(
                PointBatch.coder(),
                new PointBatch(
                    5, new int[] {-1, -1, -1, -1, -1}, new double[][] {{1, 2, 3, 4, 5}})));
    assertFalse(runs.countChildren(new int[16]));
    assertEquals(-1, runs.childIndex(4));
  }

  @Test
  void emptyRunsAreCorrupt() {
    // 2 points, 1 variable, runs, float32; 2 runs: child 1 of length 0, child 2 of length 2
    ByteBuffer b = ByteBuffer.allocate(8 + 2 + 4 + 16 + 8);
    b.putInt(2).putInt(1).put((byte) 1).put((byte) 1).putInt(2);
    b.order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(2).putInt(0).putInt(2);
    b.putFloat(1f).putFloat(2f);
    IOException e =
        assertThrows(
            IOException.class,
            () -> PointBatch.coder().decode(new java.io.ByteArrayInputStream(b.array())));
    assertTrue(e.getMessage().contains("run of 0 points"), e.getMessage());
  }
}
