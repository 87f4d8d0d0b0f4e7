package org.magg.core.grid;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HealpixTest {

  /**
   * Order-29 cells of ten points from the mortie repository, file {@code
   * mortie/tests/data/legacy_geodetic_goldens.json} ("Pre-authalic (geodetic-as-spherical) goldens,
   * captured from mortie 0.9.7"; key {@code points_o29}). mortie stores them as packed 64-bit words
   * (4-bit base cell + 1, 27 two-bit digits, 6-bit suffix; its docs/specification.md section 1);
   * the nested indices below were decoded from those words: {@code ((prefix - 1) << 58) | (body <<
   * 4) | t28 << 2 | t29} with {@code suffix = 48 + 4 * t28 + t29}.
   */
  private static final double[][] MORTIE_LAT_LON = {
    {0.0, 0.0},
    {45.0, -122.0},
    {-45.0, 10.0},
    {30.0, 150.0},
    {-80.0, 120.0},
    {89.9999, 0.0},
    {-89.9999, 45.0},
    {22.5, -60.0},
    {-35.264389, 170.0},
    {60.0, -45.0}
  };

  private static final long[] MORTIE_NESTED_29 = {
    1369094286720630784L, 698508309912425735L, 2489815028426024687L, 371997329220802969L,
    2604365600141906640L, 288230376150657722L, 2305843009214484467L, 913616517489059403L,
    2699568351713914458L, 1095487205032542000L
  };

  /**
   * Centres of the order-12 cells of the same points, from the same file (keys {@code
   * mort2geo_o12_lat} / {@code mort2geo_o12_lon}). mortie computes them with another Rust HEALPix
   * crate whose polar-cap inverse projection differs from cdshealpix by up to ~5e-9 degrees (the
   * cdshealpix value agrees with a 40-digit evaluation of asin(1 - s^2/3)), hence the tolerance.
   */
  private static final double[][] MORTIE_CENTRES_12 = {
    {0.00932548498796424, 0.0}, {44.99388015465925, 237.99609374999997},
    {-45.00624252110653, 9.998697577494141}, {29.999999999999996, 149.996337890625},
    {-80.00508072506692, 120.01716247139588}, {89.98857866012028, 45.0},
    {-89.98857866012028, 45.0}, {22.49791050721786, 299.99267578125},
    {-35.26164799194856, 170.00244140625}, {59.997161538093295, 315.0}
  };

  @Test
  void matchesMortieOrder29Goldens() {
    for (int k = 0; k < MORTIE_LAT_LON.length; k++) {
      double lat = MORTIE_LAT_LON[k][0];
      double lon = MORTIE_LAT_LON[k][1];
      assertEquals(
          MORTIE_NESTED_29[k], Healpix.nestedHash(29, lon, lat), "lat=" + lat + " lon=" + lon);
    }
  }

  @Test
  void centresMatchMortieOrder12Goldens() {
    for (int k = 0; k < MORTIE_LAT_LON.length; k++) {
      long cell = Healpix.nestedHash(12, MORTIE_LAT_LON[k][1], MORTIE_LAT_LON[k][0]);
      double[] c = Healpix.center(12, cell);
      assertEquals(MORTIE_CENTRES_12[k][0], c[1], 1e-8, "lat of cell " + cell);
      assertEquals(MORTIE_CENTRES_12[k][1], c[0], 1e-8, "lon of cell " + cell);
    }
  }

  /**
   * Points on base-cell edges and vertices (longitudes that are multiples of 45 degrees, including
   * out-of-range ones, and the polar-cap transition latitude T = asin(2/3) in degrees), where the
   * edge-assignment rules and the rounding of the projection decide the cell. Each entry is "order
   * lon lat nested"; the expected values were computed with the CDS HEALPix Java library 0.30.2
   * (Debian package libcds-healpix-java), so that these cases are checked even where {@link
   * CdsHealpixCrossCheckTest} is skipped.
   */
  private static final String EDGE_CASES =
      """
      0 -630.0 0.0 5; 0 -630.0 T 0
      0 -630.0 -41.8103148957786 8; 0 -630.0 66.5 0
      0 -630.0 90.0 0; 0 -630.0 -90.0 8
      0 -405.0 0.0 3; 0 -405.0 T 3
      0 -405.0 -41.8103148957786 11; 0 -405.0 66.5 3
      0 -405.0 90.0 3; 0 -405.0 -90.0 11
      0 -90.0 0.0 7; 0 -90.0 T 2
      0 -90.0 -41.8103148957786 10; 0 -90.0 66.5 2
      0 -90.0 90.0 2; 0 -90.0 -90.0 10
      0 0.0 0.0 4; 0 0.0 T 0
      0 0.0 -41.8103148957786 8; 0 0.0 66.5 0
      0 0.0 90.0 0; 0 0.0 -90.0 8
      0 45.0 0.0 0; 0 45.0 T 0
      0 45.0 -41.8103148957786 8; 0 45.0 66.5 0
      0 45.0 90.0 0; 0 45.0 -90.0 8
      0 337.5 0.0 4; 0 337.5 T 3
      0 337.5 -41.8103148957786 11; 0 337.5 66.5 3
      0 337.5 90.0 3; 0 337.5 -90.0 11
      6 -630.0 0.0 23552; 6 -630.0 T 1365
      6 -630.0 -41.8103148957786 34133; 6 -630.0 66.5 3413
      6 -630.0 90.0 4095; 6 -630.0 -90.0 32768
      6 -405.0 0.0 12288; 6 -405.0 T 15360
      6 -405.0 -41.8103148957786 46079; 6 -405.0 66.5 16128
      6 -405.0 90.0 16383; 6 -405.0 -90.0 45056
      6 -90.0 0.0 31744; 6 -90.0 T 9557
      6 -90.0 -41.8103148957786 42325; 6 -90.0 66.5 11605
      6 -90.0 90.0 12287; 6 -90.0 -90.0 40960
      6 0.0 0.0 19456; 6 0.0 T 2730
      6 0.0 -41.8103148957786 35498; 6 0.0 66.5 3754
      6 0.0 90.0 4095; 6 0.0 -90.0 32768
      6 45.0 0.0 0; 6 45.0 T 3072
      6 45.0 -41.8103148957786 33791; 6 45.0 66.5 3840
      6 45.0 90.0 4095; 6 45.0 -90.0 32768
      6 337.5 0.0 18858; 6 337.5 T 13738
      6 337.5 -41.8103148957786 46506; 6 337.5 66.5 15808
      6 337.5 90.0 16383; 6 337.5 -90.0 45056
      29 -630.0 0.0 1657324662872342528; 29 -630.0 T 96076792050570581
      29 -630.0 -41.8103148957786 2401919801264264533; 29 -630.0 66.5 240192540764886487
      29 -630.0 90.0 288230376151711743; 29 -630.0 -90.0 2305843009213693952
      29 -405.0 0.0 864691128455135232; 29 -405.0 T 1080863910568919040
      29 -405.0 -41.8103148957786 3242591731706757119; 29 -405.0 66.5 1134907316336787504
      29 -405.0 90.0 1152921504606846975; 29 -405.0 -90.0 3170534137668829184
      29 -90.0 0.0 2233785415175766016; 29 -90.0 T 672537544353994069
      29 -90.0 -41.8103148957786 2978380553567688021; 29 -90.0 66.5 816653293068309975
      29 -90.0 90.0 864691128455135231; 29 -90.0 -90.0 2882303761517117440
      29 0.0 0.0 1369094286720630784; 29 0.0 T 192153584101141162
      29 0.0 -41.8103148957786 2497996593314835114; 29 0.0 66.5 264211458458299115
      29 0.0 90.0 288230376151711743; 29 0.0 -90.0 2305843009213693952
      29 45.0 0.0 0; 29 45.0 T 216172782113783808
      29 45.0 -41.8103148957786 2377900603251621887; 29 45.0 66.5 270216187881652272
      29 45.0 90.0 288230376151711743; 29 45.0 -90.0 2305843009213693952
      29 337.5 0.0 1327060690198506154; 29 337.5 T 966772720008866474
      29 337.5 -41.8103148957786 3272615729222560426; 29 337.5 66.5 1112389306406518828
      29 337.5 90.0 1152921504606846975; 29 337.5 -90.0 3170534137668829184
      """;

  @Test
  void edgeAndVertexPointsMatchReferenceValues() {
    String transition = Double.toString(Math.toDegrees(Math.asin(2.0 / 3.0)));
    int checked = 0;
    for (String entry : EDGE_CASES.replace('\n', ';').split(";")) {
      String[] f = entry.trim().split(" ");
      if (f.length != 4) {
        continue;
      }
      int order = Integer.parseInt(f[0]);
      double lon = Double.parseDouble(f[1]);
      double lat = Double.parseDouble(f[2].equals("T") ? transition : f[2]);
      long expected = Long.parseLong(f[3]);
      assertEquals(expected, Healpix.nestedHash(order, lon, lat), entry.trim());
      checked++;
    }
    assertEquals(108, checked);
  }

  @Test
  void northPoleRegionIsLastCellOfBaseCellZero() {
    // Example of cdshealpix's Layer::hash documentation: depth 12, (12.5, 89.99999) -> nside^2 - 1.
    long nside = Healpix.nside(12);
    assertEquals(nside * nside - 1, Healpix.nestedHash(12, 12.5, 89.99999));
    // The pole itself, at every order (hand computation: i = j = nside - 1 in base cell 0).
    for (int order = 0; order <= Healpix.MAX_ORDER; order++) {
      assertEquals((1L << (2 * order)) - 1, Healpix.nestedHash(order, 0.0, 90.0), "order " + order);
      // South pole: i = j = 0 in base cell 8.
      assertEquals(8L << (2 * order), Healpix.nestedHash(order, 0.0, -90.0), "order " + order);
    }
  }

  @Test
  void baseCellsFollowTheStandardNestedLayout() {
    // Hand-checked against the HEALPix base-cell layout: 0-3 north cap, 4-7 equator, 8-11 south.
    double[][] lonLat = {
      {45, 60}, {135, 60}, {225, 60}, {315, 60},
      {0, 0}, {90, 0}, {180, 0}, {270, 0},
      {45, -60}, {135, -60}, {225, -60}, {315, -60}
    };
    for (int base = 0; base < 12; base++) {
      assertEquals(base, Healpix.nestedHash(0, lonLat[base][0], lonLat[base][1]), "base " + base);
      assertEquals(base, Healpix.nestedHash(0, lonLat[base][0] - 360.0, lonLat[base][1]));
    }
    // Order 1 inside base cell 4 (centred on lon 0, lat 0): sub-cells 0 S, 1 E, 2 W, 3 N.
    assertEquals(16, Healpix.nestedHash(1, 0.0, -20.0));
    assertEquals(17, Healpix.nestedHash(1, 20.0, 0.0));
    assertEquals(18, Healpix.nestedHash(1, -20.0, 0.0));
    assertEquals(19, Healpix.nestedHash(1, 0.0, 20.0));
    // The shared vertex of the four sub-cells belongs to the northern one.
    assertEquals(19, Healpix.nestedHash(1, 0.0, 0.0));
  }

  @Test
  void baseCellCentres() {
    double transition = Math.toDegrees(Math.asin(2.0 / 3.0)); // 41.81 degrees
    assertArrayEquals(new double[] {45.0, transition}, Healpix.center(0, 0), 1e-12);
    assertArrayEquals(new double[] {315.0, transition}, Healpix.center(0, 3), 1e-12);
    assertArrayEquals(new double[] {0.0, 0.0}, Healpix.center(0, 4), 1e-12);
    assertArrayEquals(new double[] {180.0, 0.0}, Healpix.center(0, 6), 1e-12);
    assertArrayEquals(new double[] {135.0, -transition}, Healpix.center(0, 9), 1e-12);
  }

  @Test
  void centreHashesBackToItsCell() {
    SplittableRandom random = new SplittableRandom(5);
    for (int order = 0; order <= Healpix.MAX_ORDER; order++) {
      for (int k = 0; k < 2_000; k++) {
        long cell = random.nextLong(Healpix.cellCount(order));
        double[] c = Healpix.center(order, cell);
        assertTrue(c[0] >= 0.0 && c[0] < 360.0, "lon range");
        assertEquals(
            cell, Healpix.nestedHash(order, c[0], c[1]), "order " + order + " cell " + cell);
      }
    }
  }

  @Test
  void coarserOrdersAreShiftsOfFinerOnes() {
    SplittableRandom random = new SplittableRandom(11);
    for (int k = 0; k < 20_000; k++) {
      double lon = random.nextDouble(-180.0, 180.0);
      double lat = Math.toDegrees(Math.asin(random.nextDouble(-1.0, 1.0)));
      long n29 = Healpix.nestedHash(29, lon, lat);
      long n18 = Healpix.nestedHash(18, lon, lat);
      assertEquals(n18, Healpix.parent(n29, 29, 18));
      for (int p = 0; p <= 18; p++) {
        assertEquals(Healpix.nestedHash(p, lon, lat), Healpix.parent(n18, 18, p), "order " + p);
      }
    }
  }

  @Test
  void parentAndChildIndexHelpers() {
    // Hand computation: n = base 5, digits (base 4) 3,2,1,0 at order 4 = 5*256 + 0b11100100.
    long n = 5L * 256 + 0b11_10_01_00;
    assertEquals(5, Healpix.parent(n, 4, 0));
    assertEquals(5 * 4 + 3, Healpix.parent(n, 4, 1));
    assertEquals(n, Healpix.parent(n, 4, 4));
    assertEquals(2, Healpix.childIndex(n, 4, 1, 2)); // digit at order 2
    assertEquals(0b10_01, Healpix.childIndex(n, 4, 1, 3)); // digits at orders 2..3
    assertEquals(0b11_10_01_00, Healpix.childIndex(n, 4, 0, 4));
    assertEquals(0, Healpix.childIndex(n, 4, 2, 2));
    // Typical pipeline use: order-18 hashes, parent at 10, sub-cell at 12.
    long n18 = Healpix.nestedHash(18, -122.0, 45.0);
    long p10 = Healpix.parent(n18, 18, 10);
    long c12 = Healpix.parent(n18, 18, 12);
    assertEquals(c12, (p10 << 4) | Healpix.childIndex(n18, 18, 10, 12));

    assertThrows(IllegalArgumentException.class, () -> Healpix.parent(n, 4, 5));
    assertThrows(IllegalArgumentException.class, () -> Healpix.parent(n, 30, 1));
    assertThrows(IllegalArgumentException.class, () -> Healpix.childIndex(n, 4, 3, 2));
    assertThrows(IllegalArgumentException.class, () -> Healpix.childIndex(n, 4, 1, 5));
  }

  @Test
  void longitudesWrapAround() {
    SplittableRandom random = new SplittableRandom(3);
    for (int k = 0; k < 20_000; k++) {
      // Multiples of 2^-20 degrees, so that adding 360 is exact.
      double lon = Math.scalb((double) random.nextInt(-180 << 20, 180 << 20), -20);
      double lat = Math.toDegrees(Math.asin(random.nextDouble(-1.0, 1.0)));
      long expected = Healpix.nestedHash(18, lon, lat);
      assertEquals(expected, Healpix.nestedHash(18, lon + 360.0, lat), "lon " + lon);
      assertEquals(expected, Healpix.nestedHash(18, lon - 720.0, lat), "lon " + lon);
    }
    // Huge longitudes are reduced modulo 360 exactly: 1e9 = 2777777 * 360 + 280.
    assertEquals(Healpix.nestedHash(18, 280.5, 12.0), Healpix.nestedHash(18, 1e9 + 0.5, 12.0));
    assertEquals(Healpix.nestedHash(18, 79.5, 12.0), Healpix.nestedHash(18, -1e9 - 0.5, 12.0));
    assertTrue(Healpix.isValid(-1e300, 0.0));
    Healpix.nestedHash(29, 1e300, 0.0); // any finite longitude is accepted
  }

  @Test
  void rejectsInvalidInputWithClearMessages() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Healpix.nestedHash(6, 10.0, 90.5));
    assertThat(e.getMessage(), containsString("latitude"));
    assertThat(e.getMessage(), containsString("90.5"));
    e = assertThrows(IllegalArgumentException.class, () -> Healpix.nestedHash(6, 10.0, -91.0));
    assertThat(e.getMessage(), containsString("-91.0"));
    e = assertThrows(IllegalArgumentException.class, () -> Healpix.nestedHash(6, 10.0, Double.NaN));
    assertThat(e.getMessage(), containsString("NaN"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Healpix.nestedHash(6, Double.POSITIVE_INFINITY, 0.0));
    assertThat(e.getMessage(), containsString("longitude"));
    assertThat(e.getMessage(), containsString("Infinity"));
    e = assertThrows(IllegalArgumentException.class, () -> Healpix.nestedHash(30, 0.0, 0.0));
    assertThat(e.getMessage(), containsString("30"));
    assertThrows(IllegalArgumentException.class, () -> Healpix.nestedHash(-1, 0.0, 0.0));
    assertThrows(IllegalArgumentException.class, () -> Healpix.center(3, 12L * 64));
    assertThrows(IllegalArgumentException.class, () -> Healpix.center(3, -1));
    assertThrows(IllegalArgumentException.class, () -> Healpix.nside(30));

    assertTrue(Healpix.isValid(-180.0, -90.0));
    assertTrue(Healpix.isValid(720.0, 90.0));
    assertFalse(Healpix.isValid(0.0, 90.000001));
    assertFalse(Healpix.isValid(Double.NaN, 0.0));
    assertFalse(Healpix.isValid(Double.NEGATIVE_INFINITY, 0.0));
    assertFalse(Healpix.isValid(0.0, Double.NaN));
    assertTrue(Healpix.isValidNested(0, 11));
    assertFalse(Healpix.isValidNested(0, 12));
  }

  @Test
  void batchMatchesScalarAndReportsTheBadIndex() {
    SplittableRandom random = new SplittableRandom(9);
    int n = 10_000;
    double[] lon = new double[n + 5];
    double[] lat = new double[n + 5];
    for (int k = 0; k < lon.length; k++) {
      lon[k] = random.nextDouble(-540.0, 540.0);
      lat[k] = random.nextDouble(-90.0, 90.0);
    }
    long[] out = new long[n + 5];
    out[n] = -7; // beyond n: untouched
    Healpix.nestedHash(18, lon, lat, n, out);
    for (int k = 0; k < n; k++) {
      assertEquals(Healpix.nestedHash(18, lon[k], lat[k]), out[k]);
    }
    assertEquals(-7, out[n]);

    lat[42] = 123.0;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Healpix.nestedHash(18, lon, lat, n, out));
    assertThat(e.getMessage(), containsString("point 42"));
    assertThat(e.getMessage(), containsString("123.0"));
    assertThrows(
        IllegalArgumentException.class, () -> Healpix.nestedHash(18, lon, lat, n + 6, out));
    assertThrows(IllegalArgumentException.class, () -> Healpix.nestedHash(30, lon, lat, 1, out));
  }

  @Test
  void interleavePutsIOnEvenBitsAndJOnOddBits() {
    SplittableRandom random = new SplittableRandom(1);
    for (int k = 0; k < 10_000; k++) {
      int i = random.nextInt(1 << 29);
      int j = random.nextInt(1 << 29);
      long expected = 0;
      for (int b = 0; b < 29; b++) {
        expected |= (long) ((i >>> b) & 1) << (2 * b);
        expected |= (long) ((j >>> b) & 1) << (2 * b + 1);
      }
      assertEquals(expected, Healpix.interleave(i, j));
    }
  }
}
