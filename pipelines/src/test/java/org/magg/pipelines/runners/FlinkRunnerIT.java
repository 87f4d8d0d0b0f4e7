package org.magg.pipelines.runners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.Failure;
import org.magg.core.Json;
import org.magg.io.zarr.NdBuffer;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStore;
import org.magg.io.zarr.ZarrStores;
import org.magg.pipelines.Magg;
import org.magg.pipelines.cli.MaggCli;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.PipelineConfig;
import org.magg.pipelines.samples.SampleData;
import org.magg.pipelines.spatial.RunOptions;
import org.magg.pipelines.spatial.RunSummary;

/**
 * The spatial pipeline on the Flink runner's embedded local cluster, compared with the Direct
 * runner on the same generated granules: every array of the two stores element for element, and
 * every count of the two summaries. Needs the Flink runner on the classpath: {@code mvn
 * -Pflink-runner test -Dtest='FlinkRunnerIT'}.
 */
class FlinkRunnerIT {
  /** Flink's defaults: elements are copied between chained operators. */
  private static final List<String> FLINK = List.of("--runner=FlinkRunner", "--parallelism=2");

  /** What magg bench uses: no copies between chained operators. */
  private static final List<String> FLINK_REUSE =
      List.of("--runner=FlinkRunner", "--parallelism=2", "--objectReuse=true", "--fasterCopy=true");

  @BeforeAll
  static void requireFlinkRunner() {
    FlinkOnClasspath.require();
  }

  /** The built-in atl06 config (Zarr v3, quality filter) on eight granules over several cells. */
  @Test
  void atl06StoreMatchesTheDirectRunner(@TempDir Path dir) throws IOException {
    SampleData.Result sample =
        SampleData.generate(dir.resolve("sample"), new SampleData.Spec(8, 1500, 6, 11L));
    PipelineConfig config = ConfigLoader.builtin("atl06");
    RunSummary direct = run(config, sample.catalog(), dir.resolve("direct.zarr"), List.of());
    RunSummary flink = run(config, sample.catalog(), dir.resolve("flink.zarr"), FLINK_REUSE);

    assertEquals("FlinkRunner", flink.runner());
    assertEquals(0, flink.exitCode(), flink.toText());
    assertTrue(direct.pointsBinned() > 0, direct.toText());
    assertEquals(sample.points(), flink.pointsRead());
    assertSameCounts(direct, flink);
    int arrays = assertSameStores(dir.resolve("direct.zarr"), dir.resolve("flink.zarr"));
    assertEquals(11, arrays, "cell_ids, morton and nine statistics");
  }

  /**
   * A Zarr v2 store with zstd, a bounding box that drops points, and a catalog that lists a granule
   * that does not exist and one that is not HDF5: the failures reach the summary on Flink as on
   * Direct, and the other cells complete identically.
   */
  @Test
  void failuresAndFiltersMatchTheDirectRunner(@TempDir Path dir) throws IOException {
    SampleData.Result sample =
        SampleData.generate(dir.resolve("sample"), new SampleData.Spec(4, 1200, 6, 5L));
    Path sampleDir = sample.catalog().getParent();
    Files.writeString(sampleDir.resolve("NOT_HDF5.h5"), "this is not an HDF5 file\n");
    // The first cell also lists a granule that does not exist, the second one that is not HDF5.
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(sample.catalog().toFile());
    Iterator<JsonNode> cells = root.get("catalog").elements();
    ((ArrayNode) cells.next()).insert(0, "MISSING.h5");
    ((ArrayNode) cells.next()).add("NOT_HDF5.h5");
    Path badCatalog = sampleDir.resolve("catalog-with-failures.json");
    json.writeValue(badCatalog.toFile(), root);
    String yaml =
        ConfigLoader.builtinText("atl06")
                .replace(
                    "    child_order: 12\n",
                    "    child_order: 12\n  zarr_format: 2\n  compressor: zstd\n")
            + "bounds:\n  spatial: {lon_min: 100.2, lat_min: -90, lon_max: 180, lat_max: -74.5}\n";
    PipelineConfig config = ConfigLoader.parse(yaml, "v2-bounds");

    RunSummary direct = run(config, badCatalog, dir.resolve("direct.zarr"), List.of());
    RunSummary flink = run(config, badCatalog, dir.resolve("flink.zarr"), FLINK);

    assertEquals(2, direct.granulesFailed(), direct.toText());
    assertTrue(direct.pointsFiltered().get("outside_bounds") > 0, direct.toText());
    assertEquals(1, flink.exitCode(), flink.toText());
    assertSameCounts(direct, flink);
    assertEquals(sorted(direct.failures()), sorted(flink.failures()));
    assertSameStores(dir.resolve("direct.zarr"), dir.resolve("flink.zarr"));
  }

  /**
   * The command line on Flink with {@code --log-format json}: the job is submitted without waiting
   * for it and its counters are read while it runs. The last progress line has the summary's
   * counts, and the summary (read from the job's final counters) is the Direct runner's, failures
   * included. Beam's Flink runner hands a task's counters to Flink when the task ends, so the lines
   * before the last advance as stages end; they are counts of the running job (read, not blank) and
   * never go back.
   */
  @Test
  void jsonProgressOnFlinkEndsWithTheSummarysCounts(@TempDir Path dir) throws IOException {
    SampleData.Result sample =
        SampleData.generate(dir.resolve("sample"), new SampleData.Spec(8, 1500, 6, 11L));
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(sample.catalog().toFile());
    ((ArrayNode) root.get("catalog").elements().next()).insert(0, "MISSING.h5");
    Path catalog = sample.catalog().getParent().resolve("catalog-with-a-missing-granule.json");
    json.writeValue(catalog.toFile(), root);
    RunSummary direct =
        run(ConfigLoader.builtin("atl06"), catalog, dir.resolve("direct.zarr"), List.of());
    assertEquals(1, direct.granulesFailed(), direct.toText());

    Path summaryFile = dir.resolve("flink.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    System.setProperty(Progress.INTERVAL_PROPERTY, "0.2");
    try {
      code =
          MaggCli.execute(
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              "--log-format",
              "json",
              "run",
              "--config",
              "atl06",
              "--catalog",
              catalog.toString(),
              "--store",
              dir.resolve("flink.zarr").toString(),
              "--summary-json",
              summaryFile.toString(),
              "--runner=FlinkRunner",
              "--parallelism=2");
    } finally {
      System.clearProperty(Progress.INTERVAL_PROPERTY);
    }
    assertEquals(1, code, out + "\n" + err);

    // the summary is the Direct runner's, but for where and how it ran
    JsonNode flink = Json.mapper().readTree(summaryFile.toFile());
    assertEquals("FlinkRunner", flink.get("runner").asText());
    assertEquals(comparable(Json.mapper().readTree(direct.toJson())), comparable(flink));

    List<JsonNode> lines = new ArrayList<>();
    for (String l : err.toString().lines().toList()) {
      JsonNode line = Json.mapper().readTree(l);
      assertEquals("progress", line.get("event").asText(), l);
      lines.add(line);
    }
    JsonNode last = lines.get(lines.size() - 1);
    assertTrue(last.get("final").asBoolean(), last.toString());
    // cells written or failed, granules read or failed, of the selected ones
    long cells = direct.totalCells();
    long granules = direct.granules();
    assertEquals(List.of(cells, cells, granules, granules), doneAndTotals(last));
    // granules, groups and cells that failed; every cell here is written (a cell whose granule
    // failed is "failed" in the summary, but not counted again)
    assertEquals(
        direct.granulesFailed() + direct.groupsFailed(),
        last.get("errors").asLong(),
        last.toString());
    // points read per second over the run's elapsed seconds: the summary's points read
    double points = last.get("rate").asDouble() * last.get("elapsed_s").asDouble();
    assertEquals(direct.pointsRead(), points, direct.pointsRead() * 1e-3, last.toString());

    List<JsonNode> running = lines.subList(0, lines.size() - 1);
    assertTrue(
        running.stream().anyMatch(l -> !l.get("done").isNull()),
        "some line before the last had counts of the running job: " + err);
    List<Long> before = List.of(0L, cells, 0L, granules);
    for (JsonNode l : running) {
      assertFalse(l.get("final").asBoolean(), l.toString());
      if (l.get("done").isNull()) {
        continue;
      }
      List<Long> now = doneAndTotals(l);
      for (int i = 0; i < now.size(); i += 2) {
        assertTrue(now.get(i) >= before.get(i) && now.get(i) <= now.get(i + 1), l.toString());
        assertEquals(before.get(i + 1), now.get(i + 1), l.toString());
      }
      before = now;
    }
  }

  /** Each item's done and total, in order. */
  private static List<Long> doneAndTotals(JsonNode line) {
    List<Long> out = new ArrayList<>();
    for (JsonNode item : line.get("items")) {
      out.add(item.get("done").asLong());
      out.add(item.get("total").asLong());
    }
    return out;
  }

  /** A summary without what depends on where and how long it ran; its failures sorted. */
  private static JsonNode comparable(JsonNode summary) {
    ObjectNode s = summary.deepCopy();
    s.remove(List.of("runner", "store", "wallSeconds"));
    List<String> failures = new ArrayList<>();
    summary.get("failures").forEach(f -> failures.add(f.toString()));
    failures.sort(Comparator.naturalOrder());
    ArrayNode sorted = s.putArray("failures");
    failures.forEach(sorted::add);
    return s;
  }

  private static RunSummary run(
      PipelineConfig config, Path catalog, Path store, List<String> pipelineArgs) {
    return Magg.run(
        config,
        RunOptions.defaults()
            .withCatalog(catalog.toString())
            .withStore(store.toString())
            .withPipelineArgs(pipelineArgs));
  }

  /** Every count of the summaries, and every cell's outcome. */
  private static void assertSameCounts(RunSummary expected, RunSummary actual) {
    assertTrue(actual.totalsAddUp(), actual.toText());
    assertEquals(expected.totalCells(), actual.totalCells());
    assertEquals(expected.cellsWithData(), actual.cellsWithData());
    assertEquals(expected.cellsWithErrors(), actual.cellsWithErrors());
    assertEquals(expected.granules(), actual.granules());
    assertEquals(expected.granulesRead(), actual.granulesRead());
    assertEquals(expected.granulesFailed(), actual.granulesFailed());
    assertEquals(expected.groupsRead(), actual.groupsRead());
    assertEquals(expected.groupsMissing(), actual.groupsMissing());
    assertEquals(expected.groupsFailed(), actual.groupsFailed());
    assertEquals(expected.pointsRead(), actual.pointsRead());
    assertEquals(expected.pointsKept(), actual.pointsKept());
    assertEquals(expected.pointsFiltered(), actual.pointsFiltered());
    assertEquals(expected.pointsBinned(), actual.pointsBinned());
    assertEquals(expected.pointsInFailedCells(), actual.pointsInFailedCells());
    assertEquals(expected.cells(), actual.cells());
  }

  private static List<String> sorted(List<Failure> failures) {
    List<String> out = new ArrayList<>();
    for (Failure f : failures) {
      out.add(f.stage() + " | " + f.subject() + " | " + f.reason());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /**
   * Reads every array of both stores' output group with {@link ZarrArray#read()} and compares them
   * element by element (floating point by bits, so NaN cells must be NaN in both); returns the
   * number of arrays compared.
   */
  private static int assertSameStores(Path expectedPath, Path actualPath) throws IOException {
    ZarrStore expected = ZarrStores.open(expectedPath.toString());
    ZarrStore actual = ZarrStores.open(actualPath.toString());
    assertEquals(expected.list(""), actual.list(""), "the same keys in both stores");
    List<String> groups = ZarrGroup.open(expected, "").memberNames();
    assertEquals(1, groups.size(), "one output group: " + groups);
    ZarrGroup a = ZarrGroup.open(expected, groups.get(0));
    ZarrGroup b = ZarrGroup.open(actual, groups.get(0));
    assertEquals(a.attributes(), b.attributes());
    List<String> names = a.memberNames();
    assertEquals(names, b.memberNames());
    for (String name : names) {
      ZarrArray x = a.openArray(name);
      ZarrArray y = b.openArray(name);
      assertEquals(x.metadata().dataType(), y.metadata().dataType(), name);
      NdBuffer u = x.read();
      NdBuffer v = y.read();
      assertArrayEquals(u.shape(), v.shape(), name);
      if (u.dataType().isFloatingPoint()) {
        // element by element by bits: a NaN (empty) cell must be NaN in both
        assertArrayEquals(u.toDoubleArray(), v.toDoubleArray(), name);
      } else {
        assertArrayEquals(u.toLongArray(), v.toLongArray(), name);
      }
    }
    return names.size();
  }
}
