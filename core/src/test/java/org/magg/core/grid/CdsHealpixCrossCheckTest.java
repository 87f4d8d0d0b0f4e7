package org.magg.core.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks {@link Healpix} against the CDS HEALPix Java library (an independent implementation
 * of the same algorithm by the authors of cdshealpix), loaded by reflection from the jar of the
 * Debian package {@code libcds-healpix-java}. See {@link CdsHealpixJar} for when this is skipped.
 */
class CdsHealpixCrossCheckTest {

  private static final int[] ORDERS = {0, 6, 12, 18, 29};
  private static final int POINTS_PER_ORDER = 100_000;
  private static final int CELLS_PER_ORDER = 10_000;

  private static URLClassLoader loader;
  private static Method getNested; // static cds.healpix.Healpix.getNested(int)
  private static Method newHashComputer; // HealpixNested.newHashComputer()
  private static Method hash; // HashComputer.hash(double lonRad, double latRad)
  private static Method center; // HealpixNested.center(long) -> {lonRad, latRad}

  /** Per test, so that a missing jar shows every test as skipped (or failed when CI=true). */
  @BeforeEach
  void loadReference() throws Exception {
    Path jar = CdsHealpixJar.requireJar();
    if (loader != null) {
      return;
    }
    loader = CdsHealpixJar.loader(jar);
    Class<?> healpix = Class.forName("cds.healpix.Healpix", true, loader);
    Class<?> nested = Class.forName("cds.healpix.HealpixNested", true, loader);
    Class<?> hashComputer = Class.forName("cds.healpix.HashComputer", true, loader);
    getNested = healpix.getMethod("getNested", int.class);
    newHashComputer = nested.getMethod("newHashComputer");
    hash = hashComputer.getMethod("hash", double.class, double.class);
    center = nested.getMethod("center", long.class);
  }

  @AfterAll
  static void close() throws Exception {
    if (loader != null) {
      loader.close();
    }
  }

  @Test
  void pseudoRandomPointsHashLikeTheReference() throws Exception {
    for (int order : ORDERS) {
      SplittableRandom random = new SplittableRandom(20_240_611L + order);
      double[] lon = new double[POINTS_PER_ORDER];
      double[] lat = new double[POINTS_PER_ORDER];
      for (int k = 0; k < POINTS_PER_ORDER; k++) {
        lon[k] = random.nextDouble(-180.0, 360.0);
        switch (k % 4) {
          case 0: // near the poles
            lat[k] = (k % 8 == 0 ? 1 : -1) * random.nextDouble(80.0, 90.0);
            break;
          case 1: // around the polar-cap / equatorial-belt transition (41.81 degrees)
            lat[k] = (k % 8 == 1 ? 1 : -1) * random.nextDouble(41.5, 42.1);
            break;
          default: // uniform on the sphere
            lat[k] = Math.toDegrees(Math.asin(random.nextDouble(-1.0, 1.0)));
        }
      }
      long[] ours = new long[POINTS_PER_ORDER];
      Healpix.nestedHash(order, lon, lat, POINTS_PER_ORDER, ours);
      Object computer = newHashComputer.invoke(getNested.invoke(null, order));
      List<String> mismatches = new ArrayList<>();
      for (int k = 0; k < POINTS_PER_ORDER; k++) {
        long expected = referenceHash(computer, lon[k], lat[k]);
        if (expected != ours[k]) {
          mismatches.add(describe(order, lon[k], lat[k], ours[k], expected));
        }
        assertEquals(ours[k], Healpix.nestedHash(order, lon[k], lat[k]), "batch vs scalar");
      }
      assertTrue(
          mismatches.isEmpty(), mismatches.size() + " mismatches, e.g. " + first(mismatches));
    }
  }

  @Test
  void specialPointsHashLikeTheReference() throws Exception {
    double transition = Math.toDegrees(Math.asin(2.0 / 3.0));
    double[] lats = {
      0.0,
      -0.0,
      90.0,
      -90.0,
      transition,
      -transition,
      45.0,
      -45.0,
      30.0,
      -60.0,
      66.5,
      89.999999,
      -89.999999,
      1e-300,
      -1e-300,
      Math.nextUp(transition),
      Math.nextDown(-transition)
    };
    for (int order : ORDERS) {
      Object computer = newHashComputer.invoke(getNested.invoke(null, order));
      List<String> mismatches = new ArrayList<>();
      int count = 0;
      // Longitudes on base-cell and cell edges: multiples of 45 / 2^m degrees, over two turns.
      for (int m = 0; m <= 10; m++) {
        int step = Math.max(1, (1 << m) / 8);
        for (int t = -16 << m; t <= 16 << m; t += step) {
          double lon = t * (45.0 / (1 << m));
          for (double lat : lats) {
            count++;
            long expected = referenceHash(computer, lon, lat);
            long actual = Healpix.nestedHash(order, lon, lat);
            if (expected != actual) {
              mismatches.add(describe(order, lon, lat, actual, expected));
            }
          }
        }
      }
      for (double lon : new double[] {-0.0, 0.0, 180.0, -180.0, 360.0, -360.0, 359.9999999999}) {
        for (double lat : lats) {
          count++;
          long expected = referenceHash(computer, lon, lat);
          long actual = Healpix.nestedHash(order, lon, lat);
          if (expected != actual) {
            mismatches.add(describe(order, lon, lat, actual, expected));
          }
        }
      }
      assertTrue(count > 10_000);
      assertTrue(
          mismatches.isEmpty(),
          mismatches.size() + "/" + count + " mismatches, e.g. " + first(mismatches));
    }
  }

  @Test
  void cellCentresMatchTheReference() throws Exception {
    for (int order : ORDERS) {
      Object layer = getNested.invoke(null, order);
      SplittableRandom random = new SplittableRandom(77L + order);
      long cells = Healpix.cellCount(order);
      for (int k = 0; k < CELLS_PER_ORDER; k++) {
        long cell;
        if (k < 24) { // first and last cell of each base cell
          long perBase = cells / 12;
          cell = (k / 2) * perBase + (k % 2 == 0 ? 0 : perBase - 1);
        } else {
          cell = random.nextLong(cells);
        }
        double[] expected = (double[]) center.invoke(layer, cell);
        double[] actual = Healpix.center(order, cell);
        double expectedLon = Math.toDegrees(expected[0]);
        double expectedLat = Math.toDegrees(expected[1]);
        double lonDiff = Math.abs(actual[0] - expectedLon) % 360.0;
        lonDiff = Math.min(lonDiff, 360.0 - lonDiff);
        String where = "order " + order + " cell " + cell;
        // At the poles the longitude is arbitrary; elsewhere it must agree.
        if (Math.abs(expectedLat) < 90.0 - 1e-6) {
          assertTrue(lonDiff < 1e-9, where + ": lon " + actual[0] + " vs " + expectedLon);
        }
        assertEquals(expectedLat, actual[1], 1e-9, where + ": lat");
        assertTrue(actual[0] >= 0.0 && actual[0] < 360.0, where + ": lon range " + actual[0]);
      }
    }
  }

  private static long referenceHash(Object computer, double lonDeg, double latDeg)
      throws IllegalAccessException, InvocationTargetException {
    return (Long) hash.invoke(computer, Math.toRadians(lonDeg), Math.toRadians(latDeg));
  }

  private static String describe(int order, double lon, double lat, long ours, long expected) {
    return "order=" + order + " lon=" + lon + " lat=" + lat + " ours=" + ours + " ref=" + expected;
  }

  private static String first(List<String> items) {
    return items.isEmpty() ? "-" : items.subList(0, Math.min(5, items.size())).toString();
  }
}
