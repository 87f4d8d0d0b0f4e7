package org.magg.pipelines.runners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
import org.magg.io.zarr.NdBuffer;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStore;
import org.magg.io.zarr.ZarrStores;
import org.magg.pipelines.Magg;
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
