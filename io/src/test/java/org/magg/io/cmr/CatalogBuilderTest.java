package org.magg.io.cmr;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.grid.CellBoundary;
import org.magg.core.grid.GroundTracks;
import org.magg.core.grid.Healpix;
import org.magg.core.grid.Morton;
import org.magg.io.spatial.GranuleCatalog;
import org.magg.testing.PolygonOracle;

/**
 * Catalogs built from the recorded CMR pages, checked against brute force: dense points on each
 * granule's footprint are hashed with {@link Morton#encode}; their cells must list the granule, and
 * every cell listing it must really meet the footprint.
 */
class CatalogBuilderTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-06-01T12:34:56.789Z"), ZoneOffset.UTC);
  private static final String S3 = "s3://nsidc-cumulus-prod-protected/ATLAS/ATL06/007/2019/01/01/";

  private static final String G1 = "ATL06_20190101001723_00550211_007_01.h5";
  private static final String G2 = "ATL06_20190101003002_00550209_007_01.h5"; // antimeridian
  private static final String G3 = "ATL06_20190101014955_00560210_007_01.h5"; // to -87.3
  private static final String G4 = "ATL06_20190101022410_00560299_007_01.h5"; // around the pole
  private static final String G5 = "ATL06_20190101033215_00570211_007_01.h5"; // no S3
  private static final String G6 = "ATL06_20190101045010_00580211_007_01.h5"; // no geometry
  private static final String G7 = "ATL06_20190101060245_00590209_007_01.h5"; // rectangle

  private static CatalogRequest request(SpatialFilter spatial, UrlType type) {
    return new CatalogRequest(
        "ATL06",
        "007",
        "NSIDC_CPRD",
        TemporalRange.parse("2019-01-01", "2019-01-01"),
        null,
        spatial,
        6,
        type,
        3);
  }

  private static BuiltCatalog build(FakeCmr cmr, SpatialFilter spatial, UrlType type) {
    return CatalogBuilder.fromCmr(request(spatial, type), CmrClientTest.client(cmr), CLOCK, null);
  }

  /** The footprints in the fixtures, by granule name: {lon[], lat[]} rings. */
  private static Map<String, CmrGranule> fixtureGranules() throws Exception {
    try (FakeCmr cmr = FakeCmr.recorded()) {
      Map<String, CmrGranule> out = new LinkedHashMap<>();
      for (CmrGranule g :
          CmrClientTest.client(cmr).search(CmrClientTest.query(null, 3), null).granules()) {
        out.put(g.granuleUr(), g);
      }
      return out;
    }
  }

  private static Map<String, Set<Long>> cellsByGranule(GranuleCatalog catalog) {
    Map<String, Set<Long>> out = new LinkedHashMap<>();
    catalog
        .cells()
        .forEach(
            (cell, urls) ->
                urls.forEach(u -> out.computeIfAbsent(u, k -> new HashSet<>()).add(cell)));
    return out;
  }

  /**
   * Brute force for one footprint: cells of dense edge points and vertices must be listed; listed
   * cells must meet the footprint (centre or a densely sampled boundary point inside it, or a dense
   * edge point in the cell).
   */
  private static void assertCellsOf(
      String what,
      Set<Long> listed,
      List<double[]> edgePoints,
      BiPredicate<Double, Double> inside,
      BiPredicate<Double, Double> area) {
    int order = 6;
    Set<Long> touched = new HashSet<>();
    for (double[] p : edgePoints) {
      long cell = Morton.encode(p[1], p[0], order);
      if (area != null && !area.test(p[0], p[1])) {
        continue; // outside the area of interest: the cell may rightly be left out
      }
      touched.add(cell);
      if (!listed.contains(cell)) {
        fail(what + ": point " + p[0] + "," + p[1] + " is in cell " + cell + ", not listed");
      }
    }
    for (long cell : listed) {
      if (touched.contains(cell)) {
        continue;
      }
      long nested = Morton.toNested(cell);
      double[] c = Healpix.center(order, nested);
      boolean meets = inside.test(c[0], c[1]);
      for (double[] p : CellBoundary.path(order, nested, 256)) {
        meets |= inside.test(p[0], p[1]);
      }
      if (!meets) {
        fail(what + ": cell " + cell + " (centre " + c[0] + "," + c[1] + ") does not meet it");
      }
    }
  }

  private static PolygonOracle oracle(CmrGranule g, double lon, double lat) {
    double[][] ring = g.polygons().get(0);
    return new PolygonOracle(ring[0], ring[1], lon, lat);
  }

  @Test
  void buildsTheCatalogFromTheRecordedPages(@TempDir Path dir) throws Exception {
    BuiltCatalog built;
    BuiltCatalog again;
    try (FakeCmr cmr = FakeCmr.recorded()) {
      built = build(cmr, SpatialFilter.everywhere(), UrlType.S3);
      again = build(cmr, SpatialFilter.everywhere(), UrlType.S3);
    }
    Path file = dir.resolve("out/catalog.json");
    built.write(file);
    GranuleCatalog catalog = GranuleCatalog.read(file);
    assertEquals(6, catalog.parentOrder());

    Map<String, Object> meta = catalog.metadata();
    assertEquals("ATL06", meta.get("short_name"));
    assertEquals("007", meta.get("version"));
    assertEquals("NSIDC_CPRD", meta.get("provider"));
    assertEquals("2019-01-01T00:00:00Z", meta.get("start_date"));
    assertEquals("2019-01-01T23:59:59Z", meta.get("end_date"));
    assertEquals(6, meta.get("parent_order"));
    assertEquals(7, meta.get("total_granules"));
    assertEquals(catalog.cells().size(), meta.get("total_cells"));
    assertEquals("2024-06-01T12:34:56Z", meta.get("created"));
    assertEquals(CatalogBuilder.METHOD, meta.get("method"));
    assertEquals("s3", meta.get("url_type"));
    assertEquals(7, meta.get("cmr_hits"));
    assertEquals(5, meta.get("granules_cataloged"));
    assertEquals(
        Map.of("no_url", 1, "no_geometry", 1, "invalid_geometry", 0, "outside_region", 0),
        meta.get("granules_skipped"));
    assertFalse(meta.containsKey("cycle"));
    assertEquals(
        List.of(
            new BuiltCatalog.Skipped(
                G5, BuiltCatalog.Reason.NO_URL, "no s3 data URL (it has an" + " https one)"),
            new BuiltCatalog.Skipped(
                G6, BuiltCatalog.Reason.NO_GEOMETRY, "no GPolygons or BoundingRectangles")),
        built.skipped());

    // keys: one order, ascending numeric order
    List<Long> keys = new ArrayList<>(catalog.cells().keySet());
    for (int k = 1; k < keys.size(); k++) {
      assertTrue(keys.get(k - 1) < keys.get(k), "keys ascending: " + keys);
    }
    assertTrue(keys.get(0) < 0, "southern cells have negative indices");

    Map<String, Set<Long>> byGranule = cellsByGranule(catalog);
    assertEquals(
        Set.of(S3 + G1, S3 + G2, S3 + G3, S3 + G4, S3 + G7), byGranule.keySet(), "granules");

    Map<String, CmrGranule> granules = fixtureGranules();
    double[][] centres = {{7, -64}, {180, -64}, {60, -85}, {0, -90}};
    String[] names = {G1, G2, G3, G4};
    for (int k = 0; k < names.length; k++) {
      PolygonOracle o = oracle(granules.get(names[k]), centres[k][0], centres[k][1]);
      assertCellsOf(names[k], byGranule.get(S3 + names[k]), o.edgePoints(2e-5), o::contains, null);
    }
    // the antimeridian granule stays near longitude 180
    for (long cell : byGranule.get(S3 + G2)) {
      double[] c = Healpix.center(6, Morton.toNested(cell));
      assertTrue(Math.abs(c[0] - 180) < 10, "G2 cell " + cell + " at longitude " + c[0]);
    }
    // the ring at -86 takes every cell around the pole
    Set<Long> polar = byGranule.get(S3 + G4);
    int south = 0;
    for (long nested = 0; nested < Healpix.cellCount(6); nested++) {
      boolean allSouth = true;
      for (double[] v : CellBoundary.vertices(6, nested)) {
        allSouth &= v[1] < -86.5;
      }
      if (allSouth) {
        south++;
        assertTrue(polar.contains(Morton.fromNested(nested, 6)), "polar cell " + nested);
      }
    }
    assertTrue(south >= 20, "cells south of -86.5: " + south);
    // the rectangle: its edges and interior
    List<double[]> rectangle = new ArrayList<>();
    for (double t = 0; t <= 1; t += 0.001) {
      rectangle.add(new double[] {160.25 + 9.5 * t, -75.0});
      rectangle.add(new double[] {160.25 + 9.5 * t, -70.5});
      rectangle.add(new double[] {160.25, -75.0 + 4.5 * t});
      rectangle.add(new double[] {169.75, -75.0 + 4.5 * t});
    }
    assertCellsOf(
        G7,
        byGranule.get(S3 + G7),
        rectangle,
        (lo, la) -> la >= -75 && la <= -70.5 && lo >= 160.25 && lo <= 169.75,
        null);

    // a cell crossed by two granules lists them by start time
    for (List<String> urls : catalog.cells().values()) {
      for (int k = 1; k < urls.size(); k++) {
        String a = urls.get(k - 1).substring(S3.length());
        String b = urls.get(k).substring(S3.length());
        assertTrue(a.compareTo(b) < 0, "start-time order (names start with the time): " + urls);
      }
    }
    assertTrue(catalog.cells().values().stream().anyMatch(u -> u.size() > 1));

    // deterministic: the same answer gives the same bytes
    assertEquals(built.toJson(), again.toJson());
    String json = Files.readString(file);
    assertTrue(json.startsWith("{\n  \"metadata\": {\n    \"short_name\": \"ATL06\",\n"), json);
    assertFalse(json.contains("\r"));
  }

  @Test
  void areaOfInterestKeepsOnlyTheCellsThatMeetIt() throws Exception {
    BuiltCatalog built;
    try (FakeCmr cmr = FakeCmr.recorded()) {
      built = build(cmr, SpatialFilter.bbox("0,-80,20,-60"), UrlType.S3);
      assertEquals("0,-80,20,-60", cmr.requests().get(0).param("bounding_box"));
    }
    assertEquals(List.of(0.0, -80.0, 20.0, -60.0), built.metadata().get("bbox"));
    Map<String, Integer> skipped = built.skippedCounts();
    assertEquals(1, skipped.get("no_url"));
    assertEquals(1, skipped.get("no_geometry"));
    Set<String> outside = new HashSet<>();
    for (BuiltCatalog.Skipped s : built.skipped()) {
      if (s.reason() == BuiltCatalog.Reason.OUTSIDE_REGION) {
        outside.add(s.granule());
      }
    }
    assertTrue(outside.containsAll(Set.of(G2, G4, G7)), "far from the box: " + outside);
    assertFalse(outside.contains(G1));

    BiPredicate<Double, Double> box = (lo, la) -> la >= -80 && la <= -60 && lo >= 0 && lo <= 20;
    Map<String, CmrGranule> granules = fixtureGranules();
    Map<String, Set<Long>> byGranule = new LinkedHashMap<>();
    built
        .cells()
        .forEach(
            (cell, urls) ->
                urls.forEach(u -> byGranule.computeIfAbsent(u, k -> new HashSet<>()).add(cell)));
    PolygonOracle g1 = oracle(granules.get(G1), 7, -64);
    assertCellsOf(
        G1 + " in the box",
        byGranule.get(S3 + G1),
        g1.edgePoints(2e-5),
        (lo, la) -> g1.contains(lo, la),
        box);
    // every listed cell meets the box as well
    for (long cell : built.cells().keySet()) {
      long nested = Morton.toNested(cell);
      boolean meets = false;
      for (double[] p : CellBoundary.path(6, nested, 64)) {
        meets |= box.test(p[0], p[1]);
      }
      assertTrue(meets, "cell " + cell + " meets the box");
    }
  }

  @Test
  void httpsLinksListTheGranuleWithoutAnS3Link() throws Exception {
    BuiltCatalog built;
    try (FakeCmr cmr = FakeCmr.recorded()) {
      built = build(cmr, SpatialFilter.everywhere(), UrlType.HTTPS);
    }
    assertEquals("https", built.metadata().get("url_type"));
    assertEquals(6, built.catalogedGranules());
    assertEquals(0, built.skippedCounts().get("no_url"));
    assertTrue(
        built.granules().stream().allMatch(u -> u.startsWith("https://data.nsidc.earthdatacloud")));
    assertTrue(built.granules().stream().anyMatch(u -> u.endsWith(G5)));
  }

  @Test
  void unusableGeometryIsLeftOutWithTheReason() {
    List<CmrGranule> granules =
        List.of(
            new CmrGranule(
                "G1",
                "a.h5",
                "2019-01-01T00:00:00Z",
                "s3://b/a.h5",
                null,
                List.<double[][]>of(new double[][] {{0, 1, 0}, {0, 0, 0}}),
                List.of(),
                List.of(),
                null),
            new CmrGranule(
                "G2",
                "b.h5",
                "2019-01-01T00:00:00Z",
                "s3://b/b.h5",
                null,
                List.of(),
                List.of(new double[] {10, 5, 10, 6}),
                List.of(),
                null),
            new CmrGranule(
                "G3",
                "c.h5",
                "2019-01-01T00:00:00Z",
                "s3://b/c.h5",
                null,
                List.of(),
                List.of(),
                List.of("Lines"),
                null),
            new CmrGranule(
                "G4",
                "d.h5",
                "2019-01-01T00:00:00Z",
                "s3://b/d.h5",
                null,
                List.of(),
                List.of(),
                List.of(),
                "SpatialExtent.HorizontalSpatialDomain.Geometry.GPolygons[0]"
                    + ".Boundary.Points[2].Latitude: expected a number, got \"x\""));
    BuiltCatalog built =
        CatalogBuilder.build(
            request(SpatialFilter.everywhere(), UrlType.S3),
            new CmrClient.Search(granules, 4, 1, "search-after"),
            "http://cmr.test/search/granules.umm_json",
            CLOCK);
    assertEquals(0, built.cells().size());
    List<BuiltCatalog.Skipped> s = built.skipped();
    assertEquals(BuiltCatalog.Reason.INVALID_GEOMETRY, s.get(0).reason());
    assertThat(s.get(0).detail(), containsString("GPolygons[0]: polygon needs at least 3"));
    assertEquals(BuiltCatalog.Reason.INVALID_GEOMETRY, s.get(1).reason());
    assertThat(s.get(1).detail(), containsString("BoundingRectangles[0]: bounding box"));
    assertEquals(BuiltCatalog.Reason.NO_GEOMETRY, s.get(2).reason());
    assertEquals("only Lines (not supported)", s.get(2).detail());
    assertEquals(BuiltCatalog.Reason.INVALID_GEOMETRY, s.get(3).reason());
    assertThat(s.get(3).detail(), containsString("Points[2].Latitude"));
    // an empty catalog is still a catalog
    GranuleCatalog read = GranuleCatalog.parse(built.toJson(), "empty", null);
    assertEquals(6, read.parentOrder());
    assertTrue(read.cells().isEmpty());
  }

  @Test
  void fullPagesOfTwoThousandGranules() throws Exception {
    // 2,100 synthetic ICESat-2 footprints (60 vertices each) in pages of CMR's maximum size
    int count = 2100;
    List<String> items = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      double[][] ring = GroundTracks.granule(k / 14, k % 14, 30, 7.0);
      StringBuilder points = new StringBuilder();
      for (int i = 0; i <= ring[0].length; i++) {
        int j = i % ring[0].length;
        points
            .append(i == 0 ? "" : ",")
            .append(
                String.format(
                    java.util.Locale.ROOT,
                    "{\"Longitude\":%.5f,\"Latitude\":%.5f}",
                    ring[0][j],
                    ring[1][j]));
      }
      String name = String.format(java.util.Locale.ROOT, "ATL06_%06d_007_01.h5", k);
      items.add(
          "{\"meta\":{\"concept-id\":\"G"
              + k
              + "-NSIDC_CPRD\"},\"umm\":{\"GranuleUR\":\""
              + name
              + "\",\"TemporalExtent\":{\"RangeDateTime\":{\"BeginningDateTime\":\""
              + Instant.parse("2019-01-01T00:00:00Z").plusSeconds(60L * k)
              + "\"}},"
              + "\"RelatedUrls\":[{\"URL\":\"s3://bucket/"
              + name
              + "\",\"Type\":\"GET DATA VIA DIRECT ACCESS\"}],\"SpatialExtent\":{"
              + "\"HorizontalSpatialDomain\":{\"Geometry\":{\"GPolygons\":[{\"Boundary\":{"
              + "\"Points\":["
              + points
              + "]}}]}}}}}");
    }
    List<String> pages =
        List.of(
            "{\"items\":[" + String.join(",", items.subList(0, 2000)) + "]}",
            "{\"items\":[" + String.join(",", items.subList(2000, count)) + "]}");
    try (FakeCmr cmr = new FakeCmr(pages, count)) {
      CatalogRequest request =
          new CatalogRequest(
              "ATL06",
              "007",
              "NSIDC_CPRD",
              TemporalRange.icesat2Cycle(2),
              2,
              SpatialFilter.everywhere(),
              6,
              UrlType.S3,
              GranuleQuery.MAX_PAGE_SIZE);
      long start = System.nanoTime();
      BuiltCatalog built = CatalogBuilder.fromCmr(request, CmrClientTest.client(cmr), CLOCK, null);
      double seconds = (System.nanoTime() - start) / 1e9;
      List<FakeCmr.Request> requests = cmr.requests();
      assertEquals(2, requests.size());
      assertEquals("2000", requests.get(1).param("page_size"));
      assertEquals(
          "[\"nsidc_cprd\",1546310000,\"p1\"]", requests.get(1).header("CMR-Search-After"));
      assertEquals(count, built.catalogedGranules());
      assertEquals(2, built.metadata().get("cycle"));
      long entries = built.cells().values().stream().mapToLong(List::size).sum();
      System.out.printf(
          java.util.Locale.ROOT,
          "catalog build: %d granules, %d cells, %d entries; %.2f s in all, cells found in %.2f s"
              + " (%.0f granules/s on %d cores)%n",
          count,
          built.cells().size(),
          entries,
          seconds,
          built.geometrySeconds(),
          count / built.geometrySeconds(),
          Runtime.getRuntime().availableProcessors());
    }
  }

  @Test
  void icesat2Cycles() {
    TemporalRange first = TemporalRange.icesat2Cycle(1);
    assertEquals("2018-10-13T00:00:00Z,2019-01-11T23:59:59Z", first.cmrValue());
    assertEquals(
        "2024-01-06T00:00:00Z,2024-04-05T23:59:59Z", TemporalRange.icesat2Cycle(22).cmrValue());
    assertEquals(
        "2019-01-01T06:00:00Z,2019-01-02T23:59:59Z",
        TemporalRange.parse("2019-01-01T06:00:00Z", "2019-01-02").cmrValue());
    // times with an offset, or without one (UTC), as the catalogs take them
    assertEquals(
        "2019-01-01T06:00:00Z,2019-01-02T12:30:00Z",
        TemporalRange.parse("2019-01-01T08:00+02:00", "2019-01-02T12:30").cmrValue());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TemporalRange.parse("2019-01-01 06:00", "x"));
    assertEquals(
        "--start-date '2019-01-01 06:00' is not a date: expected YYYY-MM-DD or an instant like"
            + " 2019-01-01T00:00:00Z",
        e.getMessage());
  }
}
