package org.magg.core.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Cell vertices and boundaries: cross-checked against the CDS HEALPix library (see {@link
 * CdsHealpixJar}), and checked against the cell hashing (boundary points separate the cell from its
 * neighbours), plus the bounds {@link CellCoverage} relies on.
 */
class CellBoundaryTest {

  private static URLClassLoader loader;

  @AfterAll
  static void close() throws Exception {
    if (loader != null) {
      loader.close();
    }
  }

  private static Object layer(int order) throws Exception {
    if (loader == null) {
      loader = CdsHealpixJar.loader(CdsHealpixJar.requireJar());
    }
    Class<?> healpix = Class.forName("cds.healpix.Healpix", true, loader);
    return healpix.getMethod("getNested", int.class).invoke(null, order);
  }

  private static long[] someCells(int order, int count, long seed) {
    long cells = Healpix.cellCount(order);
    SplittableRandom random = new SplittableRandom(seed);
    long[] out = new long[count];
    for (int k = 0; k < count; k++) {
      if (k < 24) { // first and last cell of each base cell: poles, base-cell corners
        long perBase = cells / 12;
        out[k] = (k / 2) * perBase + (k % 2 == 0 ? 0 : perBase - 1);
      } else {
        out[k] = random.nextLong(cells);
      }
    }
    return out;
  }

  private static void assertSamePoint(double[] expectedRad, double[] actualDeg, String where) {
    double lat = Math.toDegrees(expectedRad[1]);
    assertEquals(lat, actualDeg[1], 1e-9, where + ": lat");
    if (Math.abs(lat) < 90 - 1e-7) {
      double d = Math.abs(Math.toDegrees(expectedRad[0]) - actualDeg[0]) % 360;
      assertTrue(Math.min(d, 360 - d) < 1e-9, where + ": lon " + actualDeg[0]);
    }
  }

  @Test
  void verticesMatchTheReference() throws Exception {
    CdsHealpixJar.requireJar();
    Class<?> cardinal = Class.forName("cds.healpix.CompassPoint$Cardinal", true, loaderOrLoad());
    for (int order : new int[] {0, 1, 2, 3, 6, 12, 18, 29}) {
      Object layer = layer(order);
      Method vertex = layer.getClass().getMethod("vertex", long.class, cardinal);
      for (long cell : someCells(order, 2000, 5L + order)) {
        double[][] ours = CellBoundary.vertices(order, cell);
        for (CellBoundary.Vertex v : CellBoundary.Vertex.values()) {
          Object c = cardinal.getField(v.name().substring(0, 1)).get(null);
          double[] expected = (double[]) vertex.invoke(layer, cell, c);
          assertSamePoint(
              expected, ours[v.ordinal()], "order " + order + " cell " + cell + " " + v);
        }
      }
    }
  }

  @Test
  void pathMatchesTheReferencePathAlongCellEdge() throws Exception {
    Class<?> cardinal = Class.forName("cds.healpix.CompassPoint$Cardinal", true, loaderOrLoad());
    Object south = cardinal.getField("S").get(null);
    for (int order : new int[] {0, 3, 6, 10}) {
      Object layer = layer(order);
      Method path =
          layer
              .getClass()
              .getMethod("pathAlongCellEdge", long.class, cardinal, boolean.class, int.class);
      for (int step : new int[] {1, 4, 32}) {
        for (long cell : someCells(order, 200, 9L + order)) {
          double[][] expected = (double[][]) path.invoke(layer, cell, south, false, step);
          double[][] ours = CellBoundary.path(order, cell, step);
          assertEquals(expected.length, ours.length);
          for (int k = 0; k < ours.length; k++) {
            assertSamePoint(expected[k], ours[k], "order " + order + " cell " + cell + " #" + k);
          }
        }
      }
    }
  }

  private static URLClassLoader loaderOrLoad() throws Exception {
    layer(0);
    return loader;
  }

  @Test
  void boundaryPointsSeparateTheCellFromItsNeighbours() {
    // Independent of the reference library: nudged towards the centre a boundary point hashes to
    // the cell, nudged away it does not.
    double[] center = new double[3];
    double[] p = new double[3];
    for (int order = 0; order <= 14; order++) {
      double size = Math.sqrt(4 * Math.PI / Healpix.cellCount(order));
      double nudge = 1e-5 * size;
      for (long cell : someCells(order, 200, 31L + order)) {
        CellBoundary.center(order, cell, center, 0);
        double[][] path = CellBoundary.path(order, cell, 8);
        for (double[] ll : path) {
          Vectors.fromLonLat(ll[0], ll[1], p, 0);
          double[] in = new double[3];
          double[] out = new double[3];
          for (int k = 0; k < 3; k++) {
            in[k] = p[k] + nudge * (center[k] - p[k]) / size;
            out[k] = p[k] - nudge * (center[k] - p[k]) / size;
          }
          Vectors.normalize(in, 0);
          Vectors.normalize(out, 0);
          String where = "order " + order + " cell " + cell + " point " + ll[0] + "," + ll[1];
          assertEquals(
              cell,
              Healpix.nestedHash(order, Vectors.lonDeg(in, 0), Vectors.latDeg(in, 0)),
              where + " nudged inwards");
          assertNotEquals(
              cell,
              Healpix.nestedHash(order, Vectors.lonDeg(out, 0), Vectors.latDeg(out, 0)),
              where + " nudged outwards");
        }
      }
    }
  }

  @Test
  void boundingCapsHoldTheWholeCell() {
    double[] cap = new double[6];
    for (int order = 0; order <= 12; order++) {
      int step = order <= 3 ? 256 : 32;
      double[] samples = new double[12 * step];
      long[] cells = order <= 5 ? allCells(order) : someCells(order, 3000, 77L + order);
      for (long cell : cells) {
        CellCoverage.cap(order, cell, cap);
        CellBoundary.sample(order, cell, step, samples);
        for (int k = 0; k < 4 * step; k++) {
          double d = Vectors.angle(cap, 0, samples, 3 * k);
          if (d > cap[3]) {
            fail("order " + order + " cell " + cell + ": " + d + " > " + cap[3]);
          }
        }
      }
    }
  }

  private static long[] allCells(int order) {
    long[] out = new long[(int) Healpix.cellCount(order)];
    for (int k = 0; k < out.length; k++) {
      out[k] = k;
    }
    return out;
  }

  @Test
  void fixedStepArcsStrayMostNearThePoles() {
    // Why the coverage refines cell edges to a tolerance instead of a fixed 32 points per edge:
    // the largest distance between the arc joining consecutive points and the true edge, at
    // order 6, is about 20 m on the Earth next to the poles and 5 cm at the equator.
    double polar = maxStray(6, 32, 85, 90);
    double equatorial = maxStray(6, 32, -5, 5);
    double earth = 6_371_008.8;
    assertTrue(polar * earth > 15 && polar * earth < 25, "polar stray " + polar * earth + " m");
    assertTrue(equatorial * earth < 0.1, "equatorial stray " + equatorial * earth + " m");
  }

  private static double maxStray(int order, int step, double latMin, double latMax) {
    double worst = 0;
    double[] s = new double[12 * step];
    double[] m = new double[3];
    double[] n = new double[3];
    double[] c = new double[3];
    double half = 1.0 / (1L << order);
    CellBoundary.Vertex[] vs = CellBoundary.Vertex.values();
    for (long cell = 0; cell < Healpix.cellCount(order); cell++) {
      CellBoundary.center(order, cell, c, 0);
      double lat = Vectors.latDeg(c, 0);
      if (lat < latMin || lat > latMax) {
        continue;
      }
      CellBoundary.sample(order, cell, step, s);
      double[] plane = CellBoundary.planeCenter(order, cell);
      for (int e = 0; e < 4; e++) {
        for (int k = 0; k < step; k++) {
          double t = (k + 0.5) / step;
          CellBoundary.unproject(
              plane[0] + (vs[e].dx + (vs[(e + 1) & 3].dx - vs[e].dx) * t) * half,
              plane[1] + (vs[e].dy + (vs[(e + 1) & 3].dy - vs[e].dy) * t) * half,
              m,
              0);
          int i = e * step + k;
          int j = (i + 1) % (4 * step);
          Vectors.cross(s, 3 * i, s, 3 * j, n, 0);
          Vectors.normalize(n, 0);
          worst = Math.max(worst, Math.abs(Vectors.dot(n, 0, m, 0)));
        }
      }
    }
    return worst;
  }

  @Test
  void refusesBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> CellBoundary.vertices(30, 0));
    assertThrows(IllegalArgumentException.class, () -> CellBoundary.vertices(1, 48));
    assertThrows(IllegalArgumentException.class, () -> CellBoundary.path(1, 0, 0));
  }
}
