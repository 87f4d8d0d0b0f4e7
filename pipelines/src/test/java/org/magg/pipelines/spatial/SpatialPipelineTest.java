package org.magg.pipelines.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.grid.Morton;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrStore;
import org.magg.io.zarr.ZarrStores;
import org.magg.pipelines.Magg;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.PipelineConfig;
import org.magg.testing.SharedData;
import org.magg.testing.ZarrReaders;

/**
 * The real ATL06 granule binned end to end on the Direct runner, compared with statistics computed
 * independently (h5py + healpy + numpy, {@code atl06_expected.py} in the test resources), and the
 * written stores read back by independent Zarr readers.
 */
class SpatialPipelineTest {
  private static final String GRANULE = "data/atl06/ATL06_20181013235645_02340114_209_01.h5";
  private static final String[] STATS = {
    "h_min", "h_max", "h_mean", "h_sigma", "h_variance", "h_q25", "h_q50", "h_q75"
  };
  private static JsonNode withQuality;
  private static JsonNode withoutQuality;
  private static RunSummary v3Summary;
  private static RunSummary v2Summary;
  private static Path v3Store;
  private static Path v2Store;

  /** Runs the atl06 config (v3 store) and a variant without quality filter (v2, zstd) once. */
  @BeforeAll
  static void runPipelines(@TempDir Path dir) throws Exception {
    JsonNode expected;
    try (InputStream in = SpatialPipelineTest.class.getResourceAsStream("atl06_expected.json")) {
      expected = new ObjectMapper().readTree(in);
    }
    withQuality = expected.get("with_quality_filter");
    withoutQuality = expected.get("without_quality_filter");
    v3Store = dir.resolve("atl06.zarr");
    v3Summary =
        runOnRealGranule(dir.resolve("v3"), withQuality, ConfigLoader.builtin("atl06"), v3Store);
    String yaml =
        ConfigLoader.builtinText("atl06")
            .replaceAll("(?s)  quality_filter:\\n    dataset: [^\\n]*\\n    value: 0\\n", "")
            .replace(
                "    child_order: 12\n",
                "    child_order: 12\n  zarr_format: 2\n" + "  compressor: zstd\n");
    v2Store = dir.resolve("atl06-v2.zarr");
    v2Summary =
        runOnRealGranule(
            dir.resolve("v2"), withoutQuality, ConfigLoader.parse(yaml, "no-quality"), v2Store);
  }

  @Test
  void summaryWithQualityFilterAddsUp() {
    checkSummary(v3Summary, withQuality);
  }

  @Test
  void summaryWithoutQualityFilterAddsUp() {
    assertTrue(v2Summary.pointsFiltered().get("fill_value") > 0, v2Summary.toText());
    checkSummary(v2Summary, withoutQuality);
  }

  @Test
  void v3StoreMatchesIndependentStatistics() throws Exception {
    checkStore(ZarrStores.open(v3Store.toString()), withQuality);
  }

  @Test
  void v2StoreMatchesIndependentStatistics() throws Exception {
    checkStore(ZarrStores.open(v2Store.toString()), withoutQuality);
  }

  @Test
  void zarritaReadsTheV3Store() throws Exception {
    checkWithZarrita(v3Store, "v3", withQuality);
  }

  @Test
  void zarritaReadsTheV2Store() throws Exception {
    checkWithZarrita(v2Store, "v2", withoutQuality);
  }

  @Test
  void zarrPythonAndXarrayReadTheV2Store() throws Exception {
    checkWithZarrPython(v2Store, withoutQuality);
  }

  /**
   * The worked example through the whole pipeline (CSV reader, binning, statistics, float32
   * store): h = [120.5, 118.3, 122.1, 119.7, 121.0], s = [0.05, 0.10, 0.03, 0.08, 0.06] in one
   * child cell; the neighbouring children stay empty (count 0, NaN).
   */
  @Test
  void workedExampleThroughTheCsvReader(@TempDir Path dir) throws Exception {
    double lat = -75.0;
    double lon = 100.1;
    double[] h = {120.5, 118.3, 122.1, 119.7, 121.0};
    double[] s = {0.05, 0.10, 0.03, 0.08, 0.06};
    StringBuilder csv = new StringBuilder("lat,lon,h,s,quality\n");
    for (int i = 0; i < h.length; i++) {
      // float32 input, as ATL06 stores it: the exact decimal value of each float
      csv.append(lat)
          .append(',')
          .append(lon)
          .append(',')
          .append(new java.math.BigDecimal((float) h[i]))
          .append(',')
          .append(new java.math.BigDecimal((float) s[i]))
          .append(",0\n");
    }
    java.nio.file.Files.writeString(dir.resolve("points.csv"), csv);
    long parent = Morton.encode(lat, lon, 6);
    int child = Morton.childIndex(Morton.encode(lat, lon, 12), 6);
    Path catalog =
        TestCatalogs.write(
            dir.resolve("c.json"), 6, Map.of(Morton.format(parent), List.of("points.csv")));
    Path store = dir.resolve("example.zarr");
    RunSummary summary =
        Magg.run(
            ConfigLoader.builtin("atl06_csv"),
            RunOptions.defaults().withCatalog(catalog.toString()).withStore(store.toString()));
    assertEquals(0, summary.exitCode(), summary.toText());
    ZarrStore zs = ZarrStores.open(store.toString());
    Map<String, String> expect = new LinkedHashMap<>();
    expect.put("h_min", "118.3");
    expect.put("h_max", "122.1");
    expect.put("h_mean", "121.26848");
    expect.put("h_sigma", "0.0221125");
    expect.put("h_variance", "1.6255972");
    expect.put("h_q25", "119.7");
    expect.put("h_q50", "120.5");
    expect.put("h_q75", "121.0");
    assertEquals(5.0, ZarrArray.open(zs, "12/count").read().toDoubleArray()[child]);
    for (Map.Entry<String, String> e : expect.entrySet()) {
      double v = ZarrArray.open(zs, "12/" + e.getKey()).read().toDoubleArray()[child];
      // within half a unit of the last digit given, plus one float32 step of storage
      java.math.BigDecimal given = new java.math.BigDecimal(e.getValue());
      double tolerance = 0.5 * Math.pow(10, -given.scale()) + Math.ulp((float) v);
      assertEquals(given.doubleValue(), v, tolerance, e.getKey());
    }
    int other = child == 0 ? 1 : 0;
    assertEquals(0.0, ZarrArray.open(zs, "12/count").read().toDoubleArray()[other]);
    assertTrue(Double.isNaN(ZarrArray.open(zs, "12/h_mean").read().toDoubleArray()[other]));
  }

  private static RunSummary runOnRealGranule(
      Path dir, JsonNode exp, PipelineConfig config, Path store) throws Exception {
    Path granule = SharedData.require(GRANULE);
    Map<String, List<String>> cells = new LinkedHashMap<>();
    for (JsonNode p : exp.get("parents")) {
      cells.put(p.get("parent_morton").asText(), List.of(granule.toString()));
    }
    java.nio.file.Files.createDirectories(dir);
    Path catalog = TestCatalogs.write(dir.resolve("catalog.json"), 6, cells);
    return Magg.run(
        config, RunOptions.defaults().withCatalog(catalog.toString()).withStore(store.toString()));
  }

  private static void checkSummary(RunSummary s, JsonNode exp) {
    assertEquals(0, s.exitCode(), s.toText());
    assertTrue(s.totalsAddUp(), s.toText());
    assertEquals(exp.get("parents").size(), s.totalCells());
    assertEquals(exp.get("parents").size(), s.cellsWithData());
    assertEquals(1, s.granulesRead());
    assertEquals(6, s.groupsRead());
    // every kept point falls in one of the listed parents
    assertEquals(exp.get("points_read").asLong(), s.pointsRead());
    assertEquals(exp.get("points_kept").asLong(), s.pointsKept());
    assertEquals(exp.get("points_kept").asLong(), s.pointsBinned());
    JsonNode f = exp.get("filtered");
    assertEquals(f.get("fill_value").asLong(), s.pointsFiltered().get("fill_value"));
    assertEquals(f.get("quality").asLong(), s.pointsFiltered().get("quality"));
    assertEquals(
        f.get("invalid_coordinate").asLong(), s.pointsFiltered().get("invalid_coordinate"));
    for (int i = 0; i < s.cells().size(); i++) {
      JsonNode p = exp.get("parents").get(i);
      assertEquals(p.get("points").asLong(), s.cells().get(i).pointsBinned());
      assertEquals(p.get("children").size(), s.cells().get(i).childCellsWithData());
      assertEquals("ok", s.cells().get(i).status());
    }
  }

  /** Reads our store with our reader and compares every child cell. */
  private static void checkStore(ZarrStore store, JsonNode exp) throws Exception {
    int chunk = 4096;
    double[] count = ZarrArray.open(store, "12/count").read().toDoubleArray();
    long[] ids = ZarrArray.open(store, "12/cell_ids").read().toLongArray();
    long[] mortons = ZarrArray.open(store, "12/morton").read().toLongArray();
    assertEquals(chunk * exp.get("parents").size(), count.length);
    Map<String, double[]> stats = new LinkedHashMap<>();
    for (String v : STATS) {
      stats.put(v, ZarrArray.open(store, "12/" + v).read().toDoubleArray());
    }
    for (int p = 0; p < exp.get("parents").size(); p++) {
      JsonNode parent = exp.get("parents").get(p);
      long parentNested = parent.get("parent_nested").asLong();
      Map<Integer, JsonNode> byIndex = new LinkedHashMap<>();
      parent.get("children").forEach(c -> byIndex.put(c.get("index").asInt(), c));
      for (int j = 0; j < chunk; j++) {
        int at = p * chunk + j;
        assertEquals((parentNested << 12) + j, ids[at], "cell_ids at " + at);
        JsonNode c = byIndex.get(j);
        if (c == null) {
          assertEquals(0.0, count[at], "count of empty child " + at);
          for (String v : STATS) {
            assertTrue(Double.isNaN(stats.get(v)[at]), v + " of empty child " + at);
          }
          continue;
        }
        assertEquals(c.get("nested").asLong(), ids[at]);
        assertEquals(c.get("morton").asLong(), mortons[at], "morton at " + at);
        assertEquals(c.get("count").asDouble(), count[at], "count at " + at);
        for (String v : STATS) {
          assertFloat32(c.get(v).asDouble(), stats.get(v)[at], v + " at " + at);
        }
      }
    }
  }

  private static void checkWithZarrita(Path store, String format, JsonNode exp) throws Exception {
    List<String> arrays = new ArrayList<>(List.of("12/count", "12/cell_ids", "12/morton"));
    for (String v : STATS) {
      arrays.add("12/" + v);
    }
    JsonNode out = ZarrReaders.zarrita(store, format, List.of("12"), arrays);
    JsonNode attrs = out.get("groups").get("12").get("attrs");
    assertEquals("healpix", attrs.get("dggs").get("name").asText());
    assertEquals(12, attrs.get("dggs").get("refinement_level").asInt());
    compareReaderValues(out.get("arrays"), exp, "12/", "zarrita " + format);
  }

  private static void checkWithZarrPython(Path store, JsonNode exp) throws Exception {
    List<String> arrays = new ArrayList<>(List.of("12/count", "12/cell_ids", "12/morton"));
    for (String v : STATS) {
      arrays.add("12/" + v);
    }
    JsonNode out = ZarrReaders.zarrPython(store, List.of("12"), arrays, List.of("12"));
    compareReaderValues(out.get("arrays"), exp, "12/", "zarr-python");
    JsonNode vars = out.get("xarray").get("12").get("variables");
    assertEquals("cells", vars.get("h_mean").get("dims").get(0).asText());
    // the config's long_name and units reach xarray as the variables' attributes
    assertEquals("m", vars.get("h_mean").get("attrs").get("units").asText());
    assertEquals("m2", vars.get("h_variance").get("attrs").get("units").asText());
    assertEquals(
        "median land-ice height", vars.get("h_q50").get("attrs").get("long_name").asText());
  }

  private static void compareReaderValues(
      JsonNode arrays, JsonNode exp, String prefix, String reader) {
    int chunk = 4096;
    for (int p = 0; p < exp.get("parents").size(); p++) {
      for (JsonNode c : exp.get("parents").get(p).get("children")) {
        int at = p * chunk + c.get("index").asInt();
        assertEquals(
            c.get("count").asLong(),
            arrays.get(prefix + "count").get("values").get(at).asLong(),
            reader + " count");
        assertEquals(
            c.get("nested").asText(),
            arrays.get(prefix + "cell_ids").get("values").get(at).asText(),
            reader + " cell_ids");
        assertEquals(
            c.get("morton").asText(),
            arrays.get(prefix + "morton").get("values").get(at).asText(),
            reader + " morton");
        for (String v : STATS) {
          assertFloat32(
              c.get(v).asDouble(),
              ZarrReaders.number(arrays.get(prefix + v).get("values").get(at)),
              reader + " " + v);
        }
      }
    }
  }

  /** Stored float32 equals the float64 reference rounded to float32 (one ulp of slack). */
  static void assertFloat32(double expected, double actual, String what) {
    float e = (float) expected;
    assertEquals(e, (float) actual, Math.ulp(e), what);
  }
}
