package org.magg.pipelines.spatial;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.Failure;
import org.magg.core.grid.Healpix;
import org.magg.core.grid.Morton;
import org.magg.io.spatial.GranuleCatalogException;
import org.magg.io.spatial.ZarrIO;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStores;
import org.magg.pipelines.Magg;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.samples.SampleData;

/**
 * Bad granules and catalogs: each is reported with a reason naming the file, counted, and the run
 * goes on for everything else; the counts still add up.
 */
class SpatialPipelineBadInputTest {

  @Test
  void badGranulesAreReportedAndTheRestCompletes(@TempDir Path dir) throws Exception {
    SampleData.Result sample =
        SampleData.generate(dir.resolve("sample"), new SampleData.Spec(2, 1500, 6, 11L));
    Map<String, Object> catalog = readCatalog(sample.catalog());
    @SuppressWarnings("unchecked")
    Map<String, List<String>> cells = (Map<String, List<String>>) catalog.get("catalog");
    String cellA = cells.keySet().iterator().next();
    long nestedA = Morton.toNested(Morton.parse(cellA));
    double[] centre = Healpix.center(6, nestedA);

    Path good = sample.granules().get(0);
    Path truncated = dir.resolve("truncated.h5");
    byte[] bytes = Files.readAllBytes(good);
    Files.write(truncated, Arrays.copyOf(bytes, 2000));
    Path notHdf5 = dir.resolve("notes.h5");
    Files.writeString(notHdf5, "this is not an HDF5 file\n");
    Path partial = dir.resolve("partial.h5");
    int n = 40;
    writeGranule(partial, centre, n, false, true);
    Path allFill = dir.resolve("allfill.h5");
    writeGranule(allFill, centre, n, true, false);
    Path missing = dir.resolve("does-not-exist.h5");

    Map<String, List<String>> withBad = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : cells.entrySet()) {
      List<String> granules = new ArrayList<>();
      for (String g : e.getValue()) {
        granules.add(sample.catalog().getParent().resolve(g).toString());
      }
      if (e.getKey().equals(cellA)) {
        granules.addAll(
            List.of(
                truncated.toString(),
                notHdf5.toString(),
                partial.toString(),
                allFill.toString(),
                missing.toString()));
      }
      withBad.put(e.getKey(), granules);
    }
    Path cat = TestCatalogs.write(dir.resolve("bad-catalog.json"), 6, withBad);
    Path store = dir.resolve("out.zarr");
    RunSummary s =
        Magg.run(
            ConfigLoader.builtin("atl06"),
            RunOptions.defaults().withCatalog(cat.toString()).withStore(store.toString()));

    assertEquals(1, s.exitCode());
    assertTrue(s.totalsAddUp(), s.toText());
    assertEquals(4, s.granulesRead(), s.toText()); // 2 sample granules, partial, allfill
    assertEquals(3, s.granulesFailed(), s.toText());
    assertEquals(1, s.groupsFailed());
    // partial has gt1l and gt1r (failed); allfill has gt1l only
    assertEquals(4 + 5, s.groupsMissing());
    Map<String, String> reasons = new LinkedHashMap<>();
    for (Failure f : s.failures()) {
      reasons.put(f.subject(), f.reason());
    }
    assertThat(reasons.get(truncated.toString()), containsString(truncated.toString()));
    assertThat(reasons.get(notHdf5.toString()), containsString("HDF5"));
    assertThat(reasons.get(missing.toString()), containsString("does not exist"));
    assertThat(
        reasons.get(partial + "#gt1r"),
        containsString("dataset /gt1r/land_ice_segments/h_li_sigma is missing"));
    // the all-fill granule's points are all dropped as fill; partial's gt1l points are kept
    assertTrue(s.pointsFiltered().get("fill_value") >= n);
    RunSummary.CellResult a = s.cells().get(0);
    assertEquals(cellA, a.morton());
    assertEquals("failed", a.status());
    assertEquals(4, a.errors().size(), a.errors().toString());
    for (int i = 1; i < s.cells().size(); i++) {
      assertEquals("ok", s.cells().get(i).status(), s.cells().get(i).toString());
    }
    assertEquals(s.totalCells(), s.cellsWithData());
    assertEquals(1, s.cellsWithErrors());
    // cell A's chunk is still written from the granules that could be read
    double[] count =
        ZarrArray.open(ZarrStores.open(store.toString()), "12/count").read().toDoubleArray();
    double sumA = 0;
    for (int j = 0; j < 4096; j++) {
      sumA += count[j];
    }
    assertEquals(a.pointsBinned(), (long) sumA);
    // ... and marked as failed in the store, the only one
    ZarrGroup group = ZarrGroup.open(ZarrStores.open(store.toString()), "12");
    assertEquals(List.of(cellA), group.attributes().get(ZarrIO.FAILED_PARENT_CELLS));

    // The other cells are complete: their chunks equal those of a run without the bad granules,
    // whose store has no mark.
    Path cleanStore = dir.resolve("clean.zarr");
    RunSummary c =
        Magg.run(
            ConfigLoader.builtin("atl06"),
            RunOptions.defaults()
                .withCatalog(sample.catalog().toString())
                .withStore(cleanStore.toString()));
    assertEquals(0, c.exitCode(), c.toText());
    ZarrGroup cleanGroup = ZarrGroup.open(ZarrStores.open(cleanStore.toString()), "12");
    assertFalse(cleanGroup.attributes().containsKey(ZarrIO.FAILED_PARENT_CELLS));
    assertEquals(
        Morton.format(Morton.parse(cellA)),
        ((List<?>) cleanGroup.attributes().get("parent_cells")).get(0));
    int chunk = 4096;
    for (String name : List.of("count", "h_mean", "h_max", "cell_ids")) {
      double[] bad = group.openArray(name).read().toDoubleArray();
      double[] clean = cleanGroup.openArray(name).read().toDoubleArray();
      assertEquals(clean.length, bad.length);
      assertTrue(clean.length > chunk);
      for (int j = chunk; j < clean.length; j++) {
        assertEquals(clean[j], bad[j], 0.0, name + "[" + j + "]");
      }
    }
  }

  @Test
  void invalidCoordinatesAndMissingValuesInCsvAreFiltered(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("points.csv");
    Files.writeString(
        csv,
        String.join(
            "\n",
            "quality,h,lon,s,lat",
            "0,100.0,100.1,0.1,-75.0",
            "0,101.0,100.1,0.1,95.0", // latitude out of range
            "0,102.0,NaN,0.1,-75.0", // longitude missing
            "0,,100.1,0.1,-75.0", // h missing
            "1,103.0,100.1,0.1,-75.0", // quality
            "0,104.0,100.1,0.1,-75.0",
            ""));
    long parent = Morton.encode(-75.0, 100.1, 6);
    Path cat =
        TestCatalogs.write(
            dir.resolve("c.json"), 6, Map.of(Morton.format(parent), List.of(csv.toString())));
    RunSummary s =
        Magg.run(
            ConfigLoader.builtin("atl06_csv"),
            RunOptions.defaults()
                .withCatalog(cat.toString())
                .withStore(dir.resolve("o.zarr").toString()));
    assertEquals(0, s.exitCode(), s.toText());
    assertEquals(6, s.pointsRead());
    assertEquals(2, s.pointsKept());
    assertEquals(2, s.pointsFiltered().get("invalid_coordinate"));
    assertEquals(1, s.pointsFiltered().get("fill_value"));
    assertEquals(1, s.pointsFiltered().get("quality"));
    assertTrue(s.totalsAddUp());
  }

  @Test
  void badCatalogsAreRefusedWithTheReason(@TempDir Path dir) throws Exception {
    Path malformed = dir.resolve("malformed.json");
    Files.writeString(malformed, "{\"catalog\": {\"3234123\": [\"a.h5\"]");
    GranuleCatalogException e1 =
        assertThrows(GranuleCatalogException.class, () -> run(malformed, dir));
    assertThat(e1.getMessage(), containsString("is not valid JSON"));

    Path notMorton = dir.resolve("not-morton.json");
    Files.writeString(notMorton, "{\"catalog\": {\"3235123\": [\"a.h5\"]}}");
    GranuleCatalogException e2 =
        assertThrows(GranuleCatalogException.class, () -> run(notMorton, dir));
    assertThat(e2.getMessage(), containsString("'3235123' is not a Morton index"));

    Path mixed = dir.resolve("mixed.json");
    Files.writeString(mixed, "{\"catalog\": {\"3234123\": [\"a.h5\"], \"32341\": [\"b.h5\"]}}");
    GranuleCatalogException e3 = assertThrows(GranuleCatalogException.class, () -> run(mixed, dir));
    assertThat(e3.getMessage(), containsString("order"));

    Path wrongOrder = dir.resolve("wrong-order.json");
    Files.writeString(
        wrongOrder,
        "{\"metadata\": {\"parent_order\": 5}, \"catalog\": {\"3234123\": [\"a.h5\"]}}");
    GranuleCatalogException e4 =
        assertThrows(GranuleCatalogException.class, () -> run(wrongOrder, dir));
    assertThat(e4.getMessage(), containsString("parent_order is 5"));
  }

  private static RunSummary run(Path catalog, Path dir) {
    return Magg.run(
        ConfigLoader.builtin("atl06"),
        RunOptions.defaults()
            .withCatalog(catalog.toString())
            .withStore(dir.resolve("x.zarr").toString()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readCatalog(Path p) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().readValue(p.toFile(), Map.class);
  }

  /**
   * An ATL06-layout granule around {@code centre} with group gt1l and, when {@code withBrokenGt1r},
   * a gt1r lacking h_li_sigma.
   */
  private static void writeGranule(
      Path file, double[] centre, int n, boolean allFill, boolean withBrokenGt1r) throws Exception {
    double[] lat = new double[n];
    double[] lon = new double[n];
    float[] h = new float[n];
    float[] s = new float[n];
    byte[] q = new byte[n];
    for (int i = 0; i < n; i++) {
      lat[i] = centre[1] + 1e-4 * i;
      lon[i] = centre[0];
      h[i] = allFill ? SampleData.FILL : 1000f + i;
      s[i] = 0.1f;
    }
    try (WritableHdfFile h5 = HdfFile.write(file)) {
      WritableGroup g = h5.putGroup("gt1l").putGroup("land_ice_segments");
      g.putDataset("latitude", lat);
      g.putDataset("longitude", lon);
      g.putDataset("h_li", h).putAttribute("_FillValue", new float[] {SampleData.FILL});
      g.putDataset("h_li_sigma", s).putAttribute("_FillValue", new float[] {SampleData.FILL});
      g.putDataset("atl06_quality_summary", q);
      if (withBrokenGt1r) {
        WritableGroup r = h5.putGroup("gt1r").putGroup("land_ice_segments");
        r.putDataset("latitude", lat);
        r.putDataset("longitude", lon);
        r.putDataset("h_li", h);
        r.putDataset("atl06_quality_summary", q);
      }
    }
  }
}
