package org.magg.core.grid;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.magg.testing.PolygonOracle;

/**
 * {@link CellCoverage} against brute force: the cells of dense points on and inside a region must
 * all be found, and every cell found must really meet the region (a point of its densely sampled
 * boundary, or its centre, inside the region by an independent test; or a region vertex or a dense
 * region-boundary point hashed into it). Also cross-checked against the CDS HEALPix library's
 * polygon coverage.
 */
class CellCoverageTest {

  private static final double EARTH_M = 6_371_008.8;

  private static URLClassLoader loader;

  @AfterAll
  static void close() throws Exception {
    if (loader != null) {
      loader.close();
    }
  }

  private static Set<Long> asSet(long[] cells) {
    Set<Long> s = new HashSet<>();
    for (long c : cells) {
      s.add(c);
    }
    return s;
  }

  private static long cellOf(int order, double[] lonLat) {
    // Morton.encode hashes exactly as mortie; its nested index is the HEALPix cell.
    return Morton.toNested(Morton.encode(lonLat[1], lonLat[0], order));
  }

  /**
   * Checks a coverage in both directions.
   *
   * @param inside independent containment test (lon, lat)
   * @param boundary dense points on the region's boundary
   * @param interior points inside the region
   * @param anchors region vertices or corners
   */
  private static Set<Long> checkCoverage(
      String name,
      SphericalRegion region,
      int order,
      BiPredicate<Double, Double> inside,
      List<double[]> boundary,
      List<double[]> interior,
      List<double[]> anchors) {
    long[] cells = CellCoverage.atOrder(order).cells(region);
    for (int k = 1; k < cells.length; k++) {
      assertTrue(cells[k - 1] < cells[k], name + ": cells ascending and distinct");
    }
    Set<Long> found = asSet(cells);
    Set<Long> touched = new HashSet<>();
    for (List<double[]> points : List.of(boundary, interior, anchors)) {
      for (double[] p : points) {
        long cell = cellOf(order, p);
        touched.add(cell);
        if (!found.contains(cell)) {
          fail(name + ": point " + p[0] + "," + p[1] + " is in cell " + cell + ", not found");
        }
      }
    }
    int step = order <= 3 ? 1024 : 256;
    for (long cell : cells) {
      if (touched.contains(cell)) {
        continue;
      }
      boolean meets = false;
      double[] c = Healpix.center(order, cell);
      meets = inside.test(c[0], c[1]);
      double[][] path = meets ? new double[0][] : CellBoundary.path(order, cell, step);
      for (int k = 0; k < path.length && !meets; k++) {
        meets = inside.test(path[k][0], path[k][1]);
      }
      if (!meets) {
        fail(name + ": cell " + cell + " (centre " + c[0] + "," + c[1] + ") does not meet it");
      }
    }
    return found;
  }

  private static List<double[]> vertices(double[] lon, double[] lat) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < lon.length; i++) {
      out.add(new double[] {lon[i], lat[i]});
    }
    return out;
  }

  /** Centre of a ring for the gnomonic oracle: the normalised sum of its vertices. */
  private static double[] centroid(double[] lon, double[] lat) {
    double[] s = new double[3];
    for (int i = 0; i < lon.length; i++) {
      double[] v = PolygonOracle.vec(lon[i], lat[i]);
      for (int k = 0; k < 3; k++) {
        s[k] += v[k];
      }
    }
    return PolygonOracle.lonLat(s);
  }

  private static Set<Long> checkPolygon(
      String name, double[] lon, double[] lat, int order, double interiorSpacing) {
    double[] c = centroid(lon, lat);
    return checkPolygon(name, lon, lat, order, interiorSpacing, c[0], c[1]);
  }

  private static Set<Long> checkPolygon(
      String name,
      double[] lon,
      double[] lat,
      int order,
      double interiorSpacing,
      double centreLon,
      double centreLat) {
    PolygonOracle oracle = new PolygonOracle(lon, lat, centreLon, centreLat);
    double cell = Math.sqrt(4 * Math.PI / Healpix.cellCount(order));
    return checkCoverage(
        name,
        SphericalPolygon.of(lon, lat),
        order,
        oracle::contains,
        oracle.edgePoints(Math.min(2e-5, cell / 500)),
        interiorSpacing > 0 ? oracle.interiorPoints(interiorSpacing) : List.of(),
        vertices(lon, lat));
  }

  @Test
  void icesatLikeGranulesMatchBruteForce() {
    int antimeridian = 0;
    int polar = 0;
    for (int orbit = 0; orbit < 15; orbit++) {
      for (int region = orbit % 2; region < 14; region += 3) {
        double[][] g = GroundTracks.granule(orbit * 97, region, 25 + orbit, 7.0);
        double minLon = 180;
        double maxLon = -180;
        double maxAbsLat = 0;
        for (int i = 0; i < g[0].length; i++) {
          minLon = Math.min(minLon, g[0][i]);
          maxLon = Math.max(maxLon, g[0][i]);
          maxAbsLat = Math.max(maxAbsLat, Math.abs(g[1][i]));
        }
        if (maxLon - minLon > 180) {
          antimeridian++;
        }
        if (maxAbsLat > 87.5) {
          polar++;
        }
        int order = orbit % 5 == 4 ? 9 : 6;
        checkPolygon("orbit " + orbit * 97 + " region " + region, g[0], g[1], order, 0);
      }
    }
    assertTrue(antimeridian >= 2, "some granules cross the antimeridian: " + antimeridian);
    assertTrue(polar >= 4, "some granules reach 87.5 degrees: " + polar);
  }

  @Test
  void randomPolygonsAtSeveralOrdersMatchBruteForce() {
    SplittableRandom random = new SplittableRandom(3);
    double[][] centres = {{0, 0}, {179.9, -20}, {60, 88}, {-100, -70}, {-45, 41.8}, {135, 0}};
    for (double[] centre : centres) {
      for (int order : new int[] {0, 2, 5, 8}) {
        double radius = Math.min(30, 200.0 / (1 << order));
        double[][] p = SphericalPolygonTest.randomPolygon(random, centre[0], centre[1], radius, 12);
        checkPolygon(
            "random polygon at " + centre[0] + "," + centre[1] + " order " + order,
            p[0],
            p[1],
            order,
            Math.toRadians(radius) / 40,
            centre[0],
            centre[1]);
      }
    }
  }

  @Test
  void polygonAroundTheSouthPoleTakesEveryCellAroundThePole() {
    int n = 90;
    double[] lon = new double[n];
    double[] lat = new double[n];
    for (int i = 0; i < n; i++) {
      lon[i] = 180 - 4.0 * i; // westward: counter-clockwise around the south pole
      lat[i] = -72 + 2 * Math.sin(i * 0.9);
    }
    int order = 6;
    Set<Long> found = checkPolygon("south polar ring", lon, lat, order, 0.005, 0, -90);
    for (int q = 0; q < 4; q++) {
      long poleCell = Healpix.nestedHash(order, 45 + 90 * q, -89.9999);
      assertTrue(found.contains(poleCell), "cell at the pole " + poleCell);
    }
    // every cell entirely south of the ring's northernmost bound, checked by its vertices
    int south = 0;
    for (long cell = 0; cell < Healpix.cellCount(order); cell++) {
      boolean allSouth = true;
      for (double[] v : CellBoundary.vertices(order, cell)) {
        allSouth &= v[1] < -74.5;
      }
      if (allSouth) {
        south++;
        assertTrue(found.contains(cell), "cell " + cell + " lies south of the ring");
      }
      double[] c = Healpix.center(order, cell);
      if (c[1] > -65) {
        assertTrue(!found.contains(cell), "cell " + cell + " is far north of the ring");
      }
    }
    assertTrue(south > 500, "cells south of the ring: " + south);
    // The same ring clockwise is read as wound the wrong way round: same cells.
    double[] rlon = new double[n];
    double[] rlat = new double[n];
    for (int i = 0; i < n; i++) {
      rlon[i] = lon[n - 1 - i];
      rlat[i] = lat[n - 1 - i];
    }
    SphericalPolygon reversed = SphericalPolygon.of(rlon, rlat);
    assertTrue(reversed.isReversed());
    assertEquals(found, asSet(CellCoverage.atOrder(order).cells(reversed)));
  }

  @Test
  void antimeridianStripStaysOnItsSideOfTheGlobe() {
    // a strip from (175, -60) to (-175, -50), 10 km wide
    double[] lon = {175.0, -175.0, -175.0, 175.0};
    double[] lat = {-60.0, -50.0, -49.9, -59.9};
    Set<Long> found = checkPolygon("antimeridian strip", lon, lat, 6, 0, 180, -55);
    assertTrue(found.size() > 10);
    for (long cell : found) {
      double[] c = Healpix.center(6, cell);
      double fromAntimeridian = Math.abs(((c[0] % 360) + 360) % 360 - 180);
      assertTrue(fromAntimeridian < 7, "cell " + cell + " at lon " + c[0] + " is far from 180");
    }
  }

  @Test
  void polygonsSmallerThanACell() {
    int order = 6;
    long cell = 20_000;
    double[] c = Healpix.center(order, cell);
    double d = 0.01;
    double[] lon = {c[0] - d, c[0] + d, c[0]};
    double[] lat = {c[1] - d, c[1] - d, c[1] + d};
    assertArrayEquals(
        new long[] {cell}, CellCoverage.atOrder(order).cells(SphericalPolygon.of(lon, lat)));
    // a small triangle around a vertex shared by cells: every one of them
    double[] v = CellBoundary.vertices(order, cell)[CellBoundary.Vertex.EAST.ordinal()];
    double[] lon2 = {v[0] - d, v[0] + d, v[0]};
    double[] lat2 = {v[1] - d, v[1] - d, v[1] + d};
    Set<Long> found = checkPolygon("triangle on a vertex", lon2, lat2, order, 1e-5, v[0], v[1]);
    assertTrue(found.contains(cell));
    assertTrue(found.size() >= 3, "cells around the vertex: " + found);
  }

  @Test
  void lonLatBoxesMatchBruteForce() {
    double[][] boxes = {
      {-180, -90, 180, -60}, {170, -20, -170, 20}, {10.3, 40.1, 12.7, 41.9},
      {-30, 80, 30, 90}, {5.0, -30.0, 5.01, 30.0}, {-180, -89.5, 180, -88.0}
    };
    for (double[] b : boxes) {
      LonLatBox box = LonLatBox.of(b[0], b[1], b[2], b[3]);
      double width = b[2] >= b[0] ? b[2] - b[0] : b[2] + 360 - b[0];
      List<double[]> boundary = new ArrayList<>();
      List<double[]> interior = new ArrayList<>();
      double ds = 0.002;
      for (double t = 0; t <= width; t += ds) {
        boundary.add(new double[] {b[0] + t, b[1]});
        boundary.add(new double[] {b[0] + t, b[3]});
      }
      for (double la = b[1]; la <= b[3]; la += ds) {
        boundary.add(new double[] {b[0], la});
        boundary.add(new double[] {b[2], la});
      }
      double di = Math.max(width, b[3] - b[1]) / 300;
      for (double t = di / 2; t < width; t += di) {
        for (double la = b[1] + di / 2; la < b[3]; la += di) {
          interior.add(new double[] {b[0] + t, la});
        }
      }
      List<double[]> corners =
          List.of(
              new double[] {b[0], b[1]}, new double[] {b[2], b[1]},
              new double[] {b[2], b[3]}, new double[] {b[0], b[3]});
      BiPredicate<Double, Double> inside =
          (lo, la) -> {
            if (la < b[1] || la > b[3]) {
              return false;
            }
            double l = ((lo + 180) % 360 + 360) % 360 - 180;
            return b[0] < b[2] ? l >= b[0] && l <= b[2] : l >= b[0] || l <= b[2];
          };
      checkCoverage(box.toString(), box, 6, inside, boundary, interior, corners);
    }
    LonLatBox all = LonLatBox.of(-180, -90, 180, 90);
    assertEquals(Healpix.cellCount(5), CellCoverage.atOrder(5).cells(all).length);
  }

  @Test
  void intersectsAgreesWithCells() {
    double[][] g = GroundTracks.granule(44, 3, 30, 7.0);
    SphericalPolygon polygon = SphericalPolygon.of(g[0], g[1]);
    CellCoverage coverage = CellCoverage.atOrder(7);
    Set<Long> found = asSet(coverage.cells(polygon));
    Set<Long> checked = new TreeSet<>();
    for (long cell : found) {
      // the cell, and the cells around it
      for (long k = Math.max(0, cell - 40); k < cell + 40; k++) {
        checked.add(k);
      }
    }
    for (long cell : checked) {
      assertEquals(found.contains(cell), coverage.intersects(polygon, cell), "cell " + cell);
    }
  }

  @Test
  void agreesWithTheReferencePolygonCoverage() throws Exception {
    // cdshealpix's polygon coverage may add cells a polygon only comes close to (within tens of
    // metres here); it must never miss one of ours, and every cell only it finds must be one the
    // brute force confirms the polygon does not meet.
    if (loader == null) {
      loader = CdsHealpixJar.loader(CdsHealpixJar.requireJar());
    }
    int order = 6;
    Object layer =
        Class.forName("cds.healpix.Healpix", true, loader)
            .getMethod("getNested", int.class)
            .invoke(null, order);
    Object computer = layer.getClass().getMethod("newPolygonComputer").invoke(layer);
    Method overlapping = computer.getClass().getMethod("overlappingCells", double[][].class);
    Class<?> accessor =
        Class.forName("cds.healpix.HealpixNestedBMOC$CurrentValueAccessor", true, loader);
    Method depth = accessor.getMethod("getDepth");
    Method hash = accessor.getMethod("getHash");
    int extra = 0;
    int equal = 0;
    int polygons = 0;
    for (int orbit = 0; orbit < 40; orbit++) {
      for (int region = 0; region < 14; region++) {
        double[][] g = GroundTracks.granule(orbit * 13, region, 30, 7.0);
        double[][] rad = new double[g[0].length][];
        for (int i = 0; i < rad.length; i++) {
          rad[i] = new double[] {Math.toRadians(g[0][i]), Math.toRadians(g[1][i])};
        }
        Object bmoc = overlapping.invoke(computer, (Object) rad);
        Set<Long> reference = new HashSet<>();
        Iterator<?> it = (Iterator<?>) Iterable.class.getMethod("iterator").invoke(bmoc);
        while (it.hasNext()) {
          Object c = it.next();
          int d = (Integer) depth.invoke(c);
          long h = (Long) hash.invoke(c);
          for (long k = h << 2 * (order - d); k < (h + 1) << 2 * (order - d); k++) {
            reference.add(k);
          }
        }
        Set<Long> ours = asSet(CellCoverage.atOrder(order).cells(SphericalPolygon.of(g[0], g[1])));
        polygons++;
        for (long cell : ours) {
          assertTrue(
              reference.contains(cell), "orbit " + orbit + " region " + region + ": " + cell);
        }
        reference.removeAll(ours);
        if (reference.isEmpty()) {
          equal++;
          continue;
        }
        PolygonOracle oracle =
            new PolygonOracle(g[0], g[1], centroid(g[0], g[1])[0], centroid(g[0], g[1])[1]);
        Set<Long> edgeCells = new HashSet<>();
        for (double[] p : oracle.edgePoints(2e-6)) {
          edgeCells.add(cellOf(order, p));
        }
        for (long cell : reference) {
          extra++;
          assertTrue(!edgeCells.contains(cell), "reference-only cell " + cell + " is met");
          for (double[] p : CellBoundary.path(order, cell, 256)) {
            assertTrue(!oracle.contains(p[0], p[1]), "reference-only cell " + cell + " is met");
          }
        }
      }
    }
    assertTrue(equal > 0.95 * polygons, "identical for " + equal + " of " + polygons);
    System.out.printf(
        "CellCoverage vs cdshealpix: %d granule footprints, %d identical, %d cells only in the"
            + " reference (none meeting the footprint)%n",
        polygons, equal, extra);
  }

  @Test
  void benchmarkFootprintsHoldTheCellsOfTheirVertices() {
    // The 700 footprints `magg bench --coverage` times (its speed is measured there, not here):
    // each coverage is ascending and holds the cell of every vertex.
    CellCoverage coverage = CellCoverage.atOrder(6);
    long cells = 0;
    for (int orbit = 0; orbit < 50; orbit++) {
      for (int region = 0; region < 14; region++) {
        double[][] g = GroundTracks.granule(orbit * 7, region, 30, 7.0);
        long[] found = coverage.cells(SphericalPolygon.of(g[0], g[1]));
        for (int k = 1; k < found.length; k++) {
          assertTrue(found[k - 1] < found[k], "cells ascending and distinct");
        }
        Set<Long> set = asSet(found);
        for (int i = 0; i < g[0].length; i++) {
          long cell = cellOf(6, new double[] {g[0][i], g[1][i]});
          assertTrue(
              set.contains(cell),
              "orbit " + orbit * 7 + " region " + region + ": vertex " + i + " in cell " + cell);
        }
        cells += found.length;
      }
    }
    // a 7 km wide strip along a seventh of an orbit (2,900 km) crosses a few dozen order-6 cells
    // (about 100 km across)
    assertTrue(cells > 700 * 20 && cells < 700 * 80, "cells: " + cells);
  }

  @Test
  void refusesBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> CellCoverage.atOrder(30));
    assertThrows(IllegalArgumentException.class, () -> CellCoverage.atOrder(6).withTolerance(0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LonLatBox.of(10, 50, 20, 40));
    assertThat(e.getMessage(), containsString("-90 <= south < north <= 90"));
    assertThrows(IllegalArgumentException.class, () -> LonLatBox.of(200, 0, 20, 40));
    assertThrows(IllegalArgumentException.class, () -> LonLatBox.of(20, 0, 20, 40));
    assertThrows(IllegalArgumentException.class, () -> LonLatBox.of(Double.NaN, 0, 20, 40));
  }

  @Test
  void toleranceKeepsCellsTheSame() {
    double[][] g = GroundTracks.granule(5, 6, 30, 7.0); // near the south pole
    SphericalPolygon polygon = SphericalPolygon.of(g[0], g[1]);
    long[] fine = CellCoverage.atOrder(6).withTolerance(1e-10).cells(polygon);
    assertArrayEquals(fine, CellCoverage.atOrder(6).cells(polygon));
    assertEquals(1e-7, CellCoverage.atOrder(6).tolerance());
    assertTrue(EARTH_M * CellCoverage.DEFAULT_TOLERANCE < 1);
  }
}
