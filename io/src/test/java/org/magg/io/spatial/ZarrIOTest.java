package org.magg.io.spatial;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.magg.core.Failure;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.NdBuffer;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrFormat;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStore;
import org.magg.io.zarr.ZarrStores;
import org.magg.testing.TestPipelines;
import org.magg.testing.ZarrReaders;

/**
 * The cell store sink ({@link ZarrIO}) on the Direct runner, in Zarr v2 and v3: hand-made chunks of
 * three parent cells (of four) are written through the transform, two chunks it cannot write go to
 * the dead letter, and its output says what was written. The store is then read back with the
 * project's Zarr reader and with independent readers (zarrita.js for v2 and v3, zarr-python and
 * xarray for v2), and every value is compared with the layout of {@link CellStoreSpec}: chunk
 * {@code i} holds the children of the {@code i}-th parent, an unwritten chunk and a NaN read as the
 * array's fill value.
 */
class ZarrIOTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String GROUP = "6";
  private static final int CHILDREN = 4;
  private static final double NAN = Double.NaN;

  /** The arrays: coordinates, then count (int32), h_mean (float32), h_max (float64, -9999). */
  private static CellStoreSpec spec(ZarrFormat format) {
    List<CellStoreSpec.ArraySpec> arrays =
        List.of(
            new CellStoreSpec.ArraySpec(
                "cell_ids",
                CellStoreSpec.Kind.CELL_IDS,
                -1,
                "uint64",
                0,
                Map.of("grid_name", "healpix", "level", 6)),
            new CellStoreSpec.ArraySpec(
                "morton", CellStoreSpec.Kind.MORTON, -1, "int64", 0, Map.of()),
            new CellStoreSpec.ArraySpec(
                "count", CellStoreSpec.Kind.VARIABLE, 0, "int32", 0, Map.of("function", "len")),
            new CellStoreSpec.ArraySpec(
                "h_mean", CellStoreSpec.Kind.VARIABLE, 1, "float32", NAN, Map.of("units", "m")),
            new CellStoreSpec.ArraySpec(
                "h_max", CellStoreSpec.Kind.VARIABLE, 2, "float64", -9999, Map.of()));
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("dggs", Map.of("name", "healpix", "refinement_level", 6));
    attrs.put("parent_cells", List.of("123412", "-412341", "211111", "544444"));
    return new CellStoreSpec(format, GROUP, CHILDREN, 4, arrays, attrs, "gzip", 5);
  }

  private static CellChunk chunk(
      long parent, int index, long firstId, long firstMorton, double[][] values, long points) {
    long[] ids = new long[values[0].length];
    long[] mortons = new long[ids.length];
    int withData = 0;
    for (int j = 0; j < ids.length; j++) {
      ids[j] = firstId + j;
      mortons[j] = firstMorton + (firstMorton < 0 ? -j : j);
      withData += values[0][j] > 0 ? 1 : 0;
    }
    return new CellChunk(parent, index, ids, mortons, values, points, withData);
  }

  // Three good chunks (0, 1, 3); chunk 2 has two children instead of four; the fifth names chunk
  // 7 of a store of four.
  private static final CellChunk A =
      chunk(
          123412,
          0,
          1732,
          1234121,
          new double[][] {{2, 0, 2, 1}, {4.5, NAN, 12.25, 7.1}, {7, NAN, 14, 7.1}},
          5);
  private static final CellChunk B =
      chunk(
          -412341,
          1,
          37296,
          -4123411,
          new double[][] {{0, 4, 0, 0}, {NAN, 3, NAN, NAN}, {NAN, 5, NAN, NAN}},
          4);
  private static final CellChunk EMPTY =
      chunk(
          544444,
          3,
          20476,
          5444441,
          new double[][] {{0, 0, 0, 0}, {NAN, NAN, NAN, NAN}, {NAN, NAN, NAN, NAN}},
          0);
  private static final CellChunk TOO_SMALL =
      chunk(211111, 2, 8444, 2111111, new double[][] {{1, 1}, {1, 2}, {1, 2}}, 2);
  private static final CellChunk OUTSIDE =
      chunk(311112, 7, 8884, 3111121, new double[][] {{1, 0, 0, 0}, {1, 1, 1, 1}, {1, 1, 1, 1}}, 1);

  /**
   * The expected content of an array, from the written chunks in chunk order: chunk 2 is never
   * written, so it reads as the fill value; so does a NaN value.
   */
  private static double[] expected(CellStoreSpec.ArraySpec a) {
    double[] out = new double[4 * CHILDREN];
    Arrays.fill(out, a.fillValue());
    for (CellChunk c : List.of(A, B, EMPTY)) {
      for (int j = 0; j < CHILDREN; j++) {
        double v =
            switch (a.kind()) {
              case CELL_IDS -> c.cellIds()[j];
              case MORTON -> c.mortons()[j];
              case VARIABLE -> c.values()[a.variableIndex()][j];
            };
        if (a.dtype().equals("float32")) {
          v = (float) v;
        }
        out[c.chunkIndex() * CHILDREN + j] = Double.isNaN(v) ? a.fillValue() : v;
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(ZarrFormat.class)
  void writesChunksReportsThemAndIndependentReadersReadTheValues(
      ZarrFormat format, @TempDir Path dir) throws Exception {
    Path store = dir.resolve("cells.zarr");
    String location = store.toString();
    CellStoreSpec spec = spec(format);

    TestPipeline p = TestPipelines.create();
    PCollectionTuple written =
        p.apply(Create.of(A, B, TOO_SMALL, EMPTY, OUTSIDE).withCoder(CellChunk.coder()))
            .apply(ZarrIO.write().to(location).withSpec(spec));
    // raw bytes of a chunk: 4 children x (8 cell_ids + 8 morton + 4 int32 + 4 float32 + 8 float64)
    PAssert.that(written.get(ZarrIO.WRITTEN))
        .containsInAnyOrder(
            new ChunkWriteResult(123412, 0, 5, 3, 128),
            new ChunkWriteResult(-412341, 1, 4, 1, 128),
            new ChunkWriteResult(544444, 3, 0, 0, 128));
    PCollection<Failure> failures = written.get(ZarrIO.FAILURES);
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
                String cell = f.subject();
                assertThat(f.reason(), containsString("cell " + cell + ": chunk "));
                assertThat(f.reason(), containsString(" of store " + location));
                assertThat(
                    f.reason(),
                    containsString(
                        cell.equals("211111")
                            ? "chunk has 2 cells, the store expects 4"
                            : "chunk index 7 outside [0, 4)"));
              }
              return null;
            });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    Map<String, Long> c = TestPipelines.counters(result, RunCounters.NAMESPACE);
    assertEquals(3L, c.get(RunCounters.CELLS_WRITTEN), c.toString());
    assertEquals(9L, c.get(RunCounters.POINTS_BINNED), c.toString());
    assertEquals(2L, c.get(RunCounters.CELLS_FAILED), c.toString());
    assertEquals(3L, c.get(RunCounters.POINTS_IN_FAILED_CELLS), c.toString());

    readWithTheProjectsReader(store, spec);
    JsonNode zarrita =
        ZarrReaders.zarrita(
            store, format == ZarrFormat.V2 ? "v2" : "v3", List.of("", GROUP), arrayPaths(spec));
    checkReader(zarrita, spec, "zarrita " + format, false);
    if (format == ZarrFormat.V2) {
      JsonNode python =
          ZarrReaders.zarrPython(store, List.of("", GROUP), arrayPaths(spec), List.of(GROUP));
      checkReader(python, spec, "zarr-python", true);
      for (CellStoreSpec.ArraySpec a : spec.arrays()) {
        JsonNode v = python.at("/xarray").get(GROUP).get("variables").get(a.name());
        assertEquals(MAPPER.valueToTree(List.of("cells")), v.get("dims"), "xarray " + a.name());
        checkValues(a, v.get("values"), "xarray " + a.name());
      }
    }
  }

  private static List<String> arrayPaths(CellStoreSpec spec) {
    List<String> out = new ArrayList<>();
    for (CellStoreSpec.ArraySpec a : spec.arrays()) {
      out.add(GROUP + "/" + a.name());
    }
    return out;
  }

  /** One write of the three good chunks into {@code location}; its counters. */
  private static Map<String, Long> writeGoodChunks(String location, CellStoreSpec spec) {
    TestPipeline p = TestPipelines.create();
    p.apply(Create.of(A, B, EMPTY).withCoder(CellChunk.coder()))
        .apply(ZarrIO.write().to(location).withSpec(spec));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return TestPipelines.counters(result, RunCounters.NAMESPACE);
  }

  @Test
  void aRestartedTaskRewritesItsChunksWholeAndIsCounted(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("cells.zarr");
    CellStoreSpec spec = spec(ZarrFormat.V3);
    Map<String, Long> first = writeGoodChunks(store.toString(), spec);
    assertEquals(0L, first.getOrDefault(RunCounters.CHUNKS_REWRITTEN, 0L), first.toString());
    // the same task again, as a runner repeats it after losing the worker that ran it
    Map<String, Long> again = writeGoodChunks(store.toString(), spec);
    assertEquals(3L, again.get(RunCounters.CHUNKS_REWRITTEN), again.toString());
    assertEquals(3L, again.get(RunCounters.CELLS_WRITTEN), again.toString());
    readWithTheProjectsReader(store, spec);
  }

  private static void readWithTheProjectsReader(Path store, CellStoreSpec spec) throws Exception {
    ZarrStore zarr = ZarrStores.open(store.toString());
    assertEquals(
        MAPPER.valueToTree(spec.groupAttributes()),
        MAPPER.valueToTree(ZarrGroup.open(zarr, GROUP).attributes()),
        "group attributes");
    for (CellStoreSpec.ArraySpec a : spec.arrays()) {
      ZarrArray array = ZarrArray.open(zarr, GROUP + "/" + a.name(), spec.format());
      assertEquals(a.dtype(), array.metadata().dataType().v3Name(), a.name() + " dtype");
      NdBuffer values = array.read();
      double[] expected = expected(a);
      assertEquals(expected.length, values.size(), a.name() + " length");
      for (int i = 0; i < expected.length; i++) {
        double got =
            DataType.fromV3Name(a.dtype()).isFloatingPoint()
                ? values.getDouble(i)
                : values.getLong(i);
        assertEquals(expected[i], got, 0.0, "project reader " + a.name() + " element " + i);
      }
    }
  }

  /** Values, dtype, fill value and attributes as an independent reader saw them. */
  private static void checkReader(
      JsonNode out, CellStoreSpec spec, String reader, boolean v2Names) {
    assertEquals(
        MAPPER.valueToTree(spec.groupAttributes()),
        out.at("/groups").get(GROUP).get("attrs"),
        reader + " group attributes");
    for (CellStoreSpec.ArraySpec a : spec.arrays()) {
      String what = reader + " " + a.name();
      JsonNode node = out.get("arrays").get(GROUP + "/" + a.name());
      DataType type = DataType.fromV3Name(a.dtype());
      assertEquals(
          v2Names ? type.v2Name() : type.v3Name(), node.get("dtype").asText(), what + " dtype");
      assertEquals(a.fillValue(), ZarrReaders.number(node.get("fill_value")), 0.0, what + " fill");
      for (Map.Entry<String, Object> e : a.attributes().entrySet()) {
        assertEquals(
            MAPPER.valueToTree(e.getValue()), node.get("attrs").get(e.getKey()), what + " attrs");
      }
      checkValues(a, node.get("values"), what);
    }
  }

  private static void checkValues(CellStoreSpec.ArraySpec a, JsonNode values, String what) {
    double[] expected = expected(a);
    assertEquals(expected.length, values.size(), what + " length");
    boolean floating = DataType.fromV3Name(a.dtype()).isFloatingPoint();
    for (int i = 0; i < expected.length; i++) {
      JsonNode v = values.get(i);
      if (floating) {
        assertEquals(expected[i], ZarrReaders.number(v), 0.0, what + " element " + i);
      } else {
        BigInteger got = v.isTextual() ? new BigInteger(v.asText()) : v.bigIntegerValue();
        assertEquals(
            BigInteger.valueOf((long) expected[i]), got, what + " element " + i + " (" + v + ")");
      }
    }
  }
}
