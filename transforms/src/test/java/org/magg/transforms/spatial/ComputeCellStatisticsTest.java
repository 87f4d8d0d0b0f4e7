package org.magg.transforms.spatial;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.magg.core.Failure;
import org.magg.io.spatial.CellChunk;
import org.magg.io.spatial.PointBatch;
import org.magg.io.spatial.PointSpill;
import org.magg.io.spatial.RunCounters;
import org.magg.testing.TestPipelines;

/**
 * {@link ComputeCellStatistics} on the Direct runner: hand-made point batches of two parent cells
 * give the hand-computed statistics of every child cell; a selected cell without points gives an
 * empty chunk; a cell whose batch names a child it does not have, and a cell that is not selected,
 * go to the dead letter. The same from spilled points ({@link ComputeCellStatistics#spilled()}):
 * each batch written to its own file, only the names grouped, and the files gone afterwards.
 */
class ComputeCellStatisticsTest {
  private static final int PARENT = 5;
  private static final int CHILD = 6;
  private static final List<String> INPUTS = List.of("h", "s");

  @TempDir Path dir;

  // Parent cells (Morton, order 5) and, worked out by hand from the Morton digits, their nested
  // index: 123412 is base cell 0 with base-4 digits 1,2,3,0,1 (nested 433); -412341 is base
  // cell 9 with digits 0,1,2,3,0 (9 * 4^5 + 108 = 9324); 544444 is base cell 4 with digits
  // 3,3,3,3,3 (4 * 4^5 + 1023 = 5119). A child c at order 6 has nested index 4 n + c and the
  // Morton index of its parent with the digit c + 1 appended.
  private static final long A = 123412L;
  private static final long B = -412341L;
  private static final long BAD = 211111L;
  private static final long EMPTY = 544444L;
  private static final long UNSELECTED = 311112L;

  /** count, mean, min, max, std (population), weighted mean (weights 1 / s^2), max - min. */
  private static List<CellAggregator> aggregators() {
    Set<String> known = Set.copyOf(INPUTS);
    return List.of(
        CellAggregators.compile("count", "len", "h", null, null, known),
        CellAggregators.compile("mean", "mean", "h", null, null, known),
        CellAggregators.compile("min", "min", "h", null, null, known),
        CellAggregators.compile("max", "np.max", "h", null, null, known),
        CellAggregators.compile("std", "std", "h", null, null, known),
        CellAggregators.compile(
            "wmean", "average", "h", Map.of("weights", "1.0 / s**2"), null, known),
        CellAggregators.compile("range", null, null, null, "np.max(h) - np.min(h)", known));
  }

  private static KV<Long, PointBatch> batch(long cell, int[] child, double[] h, double[] s) {
    return KV.of(cell, new PointBatch(child.length, child, new double[][] {h, s}));
  }

  /** A chunk as text, so that a mismatch shows every value. */
  static String text(CellChunk c) {
    StringBuilder s =
        new StringBuilder()
            .append(c.parentMorton())
            .append(" chunk ")
            .append(c.chunkIndex())
            .append(" points ")
            .append(c.pointsBinned())
            .append(" with data ")
            .append(c.childCellsWithData());
    for (int j = 0; j < c.childCount(); j++) {
      s.append(" | ").append(c.cellIds()[j]).append(' ').append(c.mortons()[j]);
      for (double[] v : c.values()) {
        s.append(' ').append(v[j]);
      }
    }
    return s.toString();
  }

  private static final double NAN = Double.NaN;

  /** An empty child: count 0, NaN for everything else. */
  private static final double[] NONE = {0, NAN, NAN, NAN, NAN, NAN, NAN};

  private static String expected(
      long parent,
      int chunk,
      long points,
      int withData,
      long firstNested,
      long firstMorton,
      double[]... children) {
    long[] ids = new long[4];
    long[] mortons = new long[4];
    double[][] values = new double[7][4];
    for (int j = 0; j < 4; j++) {
      ids[j] = firstNested + j;
      mortons[j] = firstMorton + (firstMorton < 0 ? -j : j);
      for (int v = 0; v < 7; v++) {
        values[v][j] = children[j][v];
      }
    }
    return text(new CellChunk(parent, chunk, ids, mortons, values, points, withData));
  }

  @ParameterizedTest(name = "spilled: {0}")
  @ValueSource(booleans = {false, true})
  void childStatisticsOfTwoCellsAnEmptyCellAndTwoCellsInTheDeadLetter(boolean spilled)
      throws IOException {
    List<KV<Long, PointBatch>> input = new ArrayList<>();
    // A: two batches; child 0 gets h {2, 7} with s {1, 0.5}, child 2 h {10, 14} with s {1, 2},
    // child 3 h {7}
    input.add(batch(A, new int[] {0, 2, 0}, new double[] {2, 10, 7}, new double[] {1, 1, 0.5}));
    input.add(batch(A, new int[] {2, 3}, new double[] {14, 7}, new double[] {2, 1}));
    // B: one batch, all in child 1: h {1, 1, 5, 5}
    input.add(
        batch(B, new int[] {1, 1, 1, 1}, new double[] {1, 5, 1, 5}, new double[] {1, 1, 1, 1}));
    // BAD names child 4 of a cell that has children 0..3; UNSELECTED is not a selected cell
    input.add(batch(BAD, new int[] {0, 4}, new double[] {1, 2}, new double[] {1, 1}));
    input.add(batch(UNSELECTED, new int[] {0}, new double[] {1}, new double[] {1}));

    TestPipeline p = TestPipelines.create();
    ComputeCellStatistics statistics =
        ComputeCellStatistics.of(List.of(A, B, BAD, EMPTY), PARENT, CHILD, INPUTS, aggregators());
    PointSpill spill = new PointSpill(dir.resolve("spill").toString());
    PCollectionTuple out;
    if (spilled) {
      // each batch in a file of its own, named as if from granule gN
      List<KV<Long, KV<String, String>>> files = new ArrayList<>();
      for (int i = 0; i < input.size(); i++) {
        KV<Long, PointBatch> b = input.get(i);
        String file = spill.write(b.getKey(), List.of(b.getValue()));
        files.add(KV.of(b.getKey(), KV.of("g" + i, file)));
      }
      out =
          p.apply(
                  Create.of(files)
                      .withCoder(
                          KvCoder.of(
                              VarLongCoder.of(),
                              KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))))
              .apply(statistics.spilled());
    } else {
      out =
          p.apply(Create.of(input).withCoder(KvCoder.of(VarLongCoder.of(), PointBatch.coder())))
              .apply(statistics);
    }

    PCollection<String> chunks =
        out.get(ComputeCellStatistics.CHUNKS)
            .apply(
                "ChunkText",
                MapElements.into(TypeDescriptors.strings()).via(ComputeCellStatisticsTest::text));
    PAssert.that(chunks)
        .containsInAnyOrder(
            // count, mean, min, max, std, weighted mean, range per child:
            // {2, 7}: mean 4.5, std 2.5, weights {1, 4}: (2 + 28) / 5 = 6; {10, 14}: std 2,
            // weights {1, 1/4}: (10 + 14 / 4) / 1.25 = 10.8; {7}: std 0
            expected(
                A,
                0,
                5,
                3,
                1732,
                1234121,
                new double[] {2, 4.5, 2, 7, 2.5, 6, 5},
                NONE,
                new double[] {2, 12, 10, 14, 2, 10.8, 4},
                new double[] {1, 7, 7, 7, 0, 7, 0}),
            // {1, 5, 1, 5}: mean 3, std 2, equal weights
            expected(
                B, 1, 4, 1, 37296, -4123411, NONE, new double[] {4, 3, 1, 5, 2, 3, 4}, NONE, NONE),
            expected(EMPTY, 3, 0, 0, 20476, 5444441, NONE, NONE, NONE, NONE));

    PCollection<Failure> failures = out.get(ComputeCellStatistics.FAILURES);
    PAssert.that(
            failures.apply(
                "FailureSubjects",
                MapElements.into(TypeDescriptors.strings())
                    .via(f -> f.stage() + " " + f.subject())))
        .containsInAnyOrder("cell 211111", "cell 311112");
    PAssert.that(failures)
        .satisfies(
            fs -> {
              for (Failure f : fs) {
                if (f.subject().equals("211111")) {
                  assertThat(f.reason(), containsString("cell 211111: statistics failed: "));
                  assertThat(f.reason(), containsString("child index 4 outside [0, 4)"));
                } else {
                  assertEquals(
                      "cell 311112 received points but is not a selected cell", f.reason());
                }
              }
              return null;
            });
    PipelineResult result = p.run();
    result.waitUntilFinish();

    Map<String, Long> c = TestPipelines.counters(result, RunCounters.NAMESPACE);
    assertEquals(2L, c.get(RunCounters.CELLS_FAILED), c.toString());
    assertEquals(3L, c.get(RunCounters.POINTS_IN_FAILED_CELLS), c.toString());
    assertEquals(4L, c.get(RunCounters.CHILD_CELLS_WITH_DATA), c.toString());
    if (spilled) {
      // every file was read back and deleted, with its cell's directory
      try (Stream<Path> left = Files.list(dir.resolve("spill"))) {
        assertEquals(List.of(), left.toList());
      }
    }
  }
}
