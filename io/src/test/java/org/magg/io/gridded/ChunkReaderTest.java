package org.magg.io.gridded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.dataset.ChunkedDataset;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChunkReader} against the values written, on 5 x 7 x 9 datasets in 2 x 3 x 4 chunks (so the
 * last chunk along each dimension is partial), for each stored type and filter pipeline it reads
 * (none, deflate, shuffle then deflate), over random boxes; value {@code v(i, j, k) = 100 i + 10 j
 * + k - 250} (negative for some cells, to check signedness).
 */
class ChunkReaderTest {
  private static final int NI = 5;
  private static final int NJ = 7;
  private static final int NK = 9;

  @TempDir Path dir;

  private static double v(int i, int j, int k) {
    return 100 * i + 10 * j + k - 250;
  }

  private static DatasetCreationOptions options(String filters) {
    DatasetCreationOptions.Builder b = DatasetCreationOptions.builder().chunkDimensions(2, 3, 4);
    if (filters.contains("shuffle")) {
      b.shuffle();
    }
    if (filters.contains("deflate")) {
      b.deflate(1);
    }
    return b.build();
  }

  @Test
  void readsEveryBoxAsWrittenForEachTypeAndFilterPipeline() throws Exception {
    Path file = dir.resolve("chunks.h5");
    float[][][] f = new float[NI][NJ][NK];
    double[][][] d = new double[NI][NJ][NK];
    short[][][] s = new short[NI][NJ][NK];
    int[][][] n = new int[NI][NJ][NK];
    long[][][] l = new long[NI][NJ][NK];
    byte[][][] b = new byte[NI][NJ][NK];
    for (int i = 0; i < NI; i++) {
      for (int j = 0; j < NJ; j++) {
        for (int k = 0; k < NK; k++) {
          f[i][j][k] = (float) (v(i, j, k) + 0.25);
          d[i][j][k] = v(i, j, k) / 3.0;
          s[i][j][k] = (short) v(i, j, k);
          n[i][j][k] = (int) v(i, j, k) * 1000;
          l[i][j][k] = (long) v(i, j, k) * 1_000_000_000L;
          b[i][j][k] = (byte) (v(i, j, k) % 100);
        }
      }
    }
    String[] pipelines = {"none", "deflate", "shuffle+deflate"};
    try (WritableHdfFile w = HdfFile.write(file)) {
      for (String p : pipelines) {
        w.putDataset("f_" + p, f, options(p));
        w.putDataset("d_" + p, d, options(p));
        w.putDataset("s_" + p, s, options(p));
        w.putDataset("n_" + p, n, options(p));
        w.putDataset("l_" + p, l, options(p));
        w.putDataset("b_" + p, b, options(p));
      }
    }
    Random random = new Random(7);
    try (HdfFile h = new HdfFile(file);
        ChunkReader reader = new ChunkReader()) {
      for (String p : pipelines) {
        for (String t : new String[] {"f", "d", "s", "n", "l", "b"}) {
          ChunkedDataset ds = (ChunkedDataset) h.getDatasetByPath(t + "_" + p);
          long[] dims = {NI, NJ, NK};
          for (int trial = 0; trial < 25; trial++) {
            long[] offset = new long[3];
            int[] shape = new int[3];
            for (int a = 0; a < 3; a++) {
              int size = (int) dims[a];
              offset[a] = random.nextInt(size);
              shape[a] = 1 + random.nextInt(size - (int) offset[a]);
            }
            if (trial == 0) {
              offset = new long[3];
              shape = new int[] {NI, NJ, NK};
            }
            int count = shape[0] * shape[1] * shape[2];
            double[] got = reader.read(ds, dims, offset, shape, count);
            assertNotNull(got, t + "_" + p);
            double[] expected = new double[count];
            int c = 0;
            for (int i = 0; i < shape[0]; i++) {
              for (int j = 0; j < shape[1]; j++) {
                for (int k = 0; k < shape[2]; k++) {
                  int gi = (int) offset[0] + i;
                  int gj = (int) offset[1] + j;
                  int gk = (int) offset[2] + k;
                  expected[c++] =
                      switch (t) {
                        case "f" -> f[gi][gj][gk];
                        case "d" -> d[gi][gj][gk];
                        case "s" -> s[gi][gj][gk];
                        case "n" -> n[gi][gj][gk];
                        case "l" -> l[gi][gj][gk];
                        default -> b[gi][gj][gk];
                      };
                }
              }
            }
            assertArrayEquals(expected, got, 0.0, t + "_" + p + " trial " + trial);
          }
        }
      }
    }
  }

  @Test
  void givesUpOnAnAbsentChunkSoThatTheCallerReadsWithJhdf() throws Exception {
    Path file = dir.resolve("sparse.h5");
    try (WritableHdfFile w = HdfFile.write(file)) {
      w.putDataset(
          "x",
          new float[4][4],
          DatasetCreationOptions.builder().chunkDimensions(2, 2).deflate(1).build());
    }
    try (HdfFile h = new HdfFile(file);
        ChunkReader reader = new ChunkReader()) {
      ChunkedDataset ds = (ChunkedDataset) h.getDatasetByPath("x");
      // a box inside the dataset reads; the reader refuses nothing it can read
      double[] all = reader.read(ds, new long[] {4, 4}, new long[2], new int[] {4, 4}, 16);
      assertEquals(16, all.length);
      // a chunk origin beyond the stored chunks: no such chunk
      assertNull(reader.read(ds, new long[] {8, 8}, new long[] {4, 4}, new int[] {2, 2}, 4));
    }
  }
}
