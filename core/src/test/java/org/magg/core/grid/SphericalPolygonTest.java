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
import org.magg.testing.PolygonOracle;

class SphericalPolygonTest {

  /** A random star-shaped polygon around a centre, radius up to {@code maxRadiusDeg}. */
  static double[][] randomPolygon(
      SplittableRandom random, double centerLon, double centerLat, double maxRadiusDeg, int n) {
    double[] c = PolygonOracle.vec(centerLon, centerLat);
    double[] helper = Math.abs(c[2]) < 0.9 ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
    double[] e1 = PolygonOracle.normalize(PolygonOracle.cross(helper, c));
    double[] e2 = PolygonOracle.cross(c, e1);
    double[] lon = new double[n];
    double[] lat = new double[n];
    for (int i = 0; i < n; i++) {
      // counter-clockwise around c: angle increases from e1 towards e2 (e1 x e2 = c)
      double az = 2 * Math.PI * (i + random.nextDouble(0.1, 0.9)) / n;
      double r = Math.toRadians(random.nextDouble(0.2, 1.0) * maxRadiusDeg);
      double[] v = new double[3];
      for (int k = 0; k < 3; k++) {
        v[k] = Math.cos(r) * c[k] + Math.sin(r) * (Math.cos(az) * e1[k] + Math.sin(az) * e2[k]);
      }
      double[] ll = PolygonOracle.lonLat(v);
      lon[i] = ll[0];
      lat[i] = ll[1];
    }
    return new double[][] {lon, lat};
  }

  @Test
  void containmentAgreesWithGnomonicRayCasting() {
    SplittableRandom random = new SplittableRandom(11);
    double[][] centres = {
      {0, 0}, {179.5, 10}, {-179.9, -35}, {45, 89.5}, {-120, -90}, {10, 60}, {100, -75}
    };
    int checked = 0;
    for (double[] centre : centres) {
      for (int trial = 0; trial < 15; trial++) {
        int n = 3 + random.nextInt(40);
        double radius = random.nextDouble(0.01, 40);
        double[][] p = randomPolygon(random, centre[0], centre[1], radius, n);
        SphericalPolygon polygon = SphericalPolygon.of(p[0], p[1]);
        PolygonOracle oracle = new PolygonOracle(p[0], p[1], centre[0], centre[1]);
        assertFalse(polygon.isReversed(), "counter-clockwise ring");
        double[] c = PolygonOracle.vec(centre[0], centre[1]);
        for (int k = 0; k < 400; k++) {
          // points around the centre, about as far as the polygon, plus some anywhere
          double[] q;
          if (k % 4 == 0) {
            q = PolygonOracle.vec(random.nextDouble(-180, 180), random.nextDouble(-90, 90));
          } else {
            double[][] one = randomPolygon(random, centre[0], centre[1], radius * 1.3, 1);
            q = PolygonOracle.vec(one[0][0], one[1][0]);
          }
          double[] ll = PolygonOracle.lonLat(q);
          boolean expected = PolygonOracle.dot(q, c) > 0.2 && oracle.contains(ll[0], ll[1]);
          assertEquals(
              expected,
              polygon.contains(ll[0], ll[1]),
              "point " + ll[0] + "," + ll[1] + " polygon around " + centre[0] + "," + centre[1]);
          checked++;
        }
      }
    }
    assertTrue(checked > 40_000);
  }

  @Test
  void areaOfAnOctantAndOfAPolarCap() {
    SphericalPolygon octant = SphericalPolygon.of(new double[] {0, 90, 0}, new double[] {0, 0, 90});
    assertEquals(Math.PI / 2, octant.area(), 1e-12);
    assertFalse(octant.isReversed());
    // Clockwise (as seen from outside): the left side is 7/8 of the sphere, so the ring is read
    // as reversed and the interior is still the octant.
    SphericalPolygon clockwise =
        SphericalPolygon.of(new double[] {0, 0, 90}, new double[] {0, 90, 0});
    assertTrue(clockwise.isReversed());
    assertEquals(Math.PI / 2, clockwise.area(), 1e-12);
    assertTrue(clockwise.contains(30, 30));
    assertFalse(clockwise.contains(-30, 30));
    assertArrayEquals(new double[] {90, 0}, clockwise.counterClockwise()[0]);

    // A ring along latitude -60, westward (counter-clockwise around the south pole seen from
    // outside): with many vertices its area tends to that of the cap, 2 pi (1 - sin 60).
    int n = 3600;
    double[] lon = new double[n];
    double[] lat = new double[n];
    for (int i = 0; i < n; i++) {
      lon[i] = 180 - i * 0.1;
      lat[i] = -60;
    }
    SphericalPolygon cap = SphericalPolygon.of(lon, lat);
    assertFalse(cap.isReversed());
    assertEquals(2 * Math.PI * (1 - Math.sin(Math.toRadians(60))), cap.area(), 1e-6);
    assertTrue(cap.contains(0, -90));
    assertTrue(cap.contains(123, -60.01));
    assertFalse(cap.contains(123, -59.99));
    assertFalse(cap.contains(0, 90));
  }

  @Test
  void crossesTheAntimeridian() {
    SphericalPolygon p =
        SphericalPolygon.of(new double[] {170, -170, -170, 170}, new double[] {-10, -10, 10, 10});
    assertTrue(p.contains(180, 0));
    assertTrue(p.contains(-175, 5));
    assertTrue(p.contains(175, -5));
    assertFalse(p.contains(0, 0));
    assertFalse(p.contains(160, 0));
    assertFalse(p.contains(-160, 0));
  }

  @Test
  void closingVertexAndDuplicatesAreDropped() {
    SphericalPolygon p =
        SphericalPolygon.of(new double[] {0, 1, 1, 1, 0, 0}, new double[] {0, 0, 0, 1, 1, 0});
    assertEquals(4, p.vertexCount());
    // a pole is one point whatever its longitude
    SphericalPolygon q =
        SphericalPolygon.of(
            new double[] {0, 90, 45, 60, 0}, new double[] {-90, -90, -80, -80, -90});
    assertEquals(3, q.vertexCount());
  }

  @Test
  void refusesDegenerateInput() {
    IllegalArgumentException few =
        assertThrows(
            IllegalArgumentException.class,
            () -> SphericalPolygon.of(new double[] {0, 1, 0}, new double[] {0, 0, 0}));
    assertThat(few.getMessage(), containsString("at least 3 distinct vertices, got 2"));
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> SphericalPolygon.of(new double[] {0, 1, 2}, new double[] {0, 95, 0}));
    assertThat(bad.getMessage(), containsString("vertex 1 is invalid: lon 1.0, lat 95.0"));
    IllegalArgumentException antipodal =
        assertThrows(
            IllegalArgumentException.class,
            () -> SphericalPolygon.of(new double[] {0, 180, 90}, new double[] {0, 0, 45}));
    assertThat(antipodal.getMessage(), containsString("antipodal"));
    assertThrows(
        IllegalArgumentException.class,
        () -> SphericalPolygon.of(new double[] {0, 1}, new double[] {0, 0, 1}));
  }
}
