package org.magg.core.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A longitude/latitude box: the points with latitude in {@code [south, north]} and longitude in
 * {@code [west, east]}, bounded by two meridians and two parallels (not great circles). As in NASA
 * CMR's {@code bounding_box}, {@code west > east} means the box crosses the antimeridian, and
 * {@code west = -180, east = 180} spans all longitudes; {@code south = -90} or {@code north = 90}
 * makes it a polar cap or band.
 */
public final class LonLatBox extends SphericalRegion {

  private final double west;
  private final double south;
  private final double east;
  private final double north;
  private final boolean allLongitudes;
  private final double sinSouth;
  private final double sinNorth;
  private final double cosSouth;
  private final double cosNorth;

  /** Meridian edges, each split in two arcs shorter than half a turn: 3 vectors per arc. */
  private final double[] arcs; // a, b, a x b per arc

  /** Meridian (cos, sin) per meridian edge, for distances. */
  private final double[] meridians;

  private final double[] corners; // 3 per corner

  private LonLatBox(double west, double south, double east, double north) {
    this.west = west;
    this.south = south;
    this.east = east;
    this.north = north;
    this.allLongitudes = west == -180.0 && east == 180.0;
    this.sinSouth = StrictMath.sin(Math.toRadians(south));
    this.sinNorth = StrictMath.sin(Math.toRadians(north));
    this.cosSouth = StrictMath.cos(Math.toRadians(south));
    this.cosNorth = StrictMath.cos(Math.toRadians(north));
    List<double[]> arcList = new ArrayList<>();
    double mid = (south + north) / 2;
    double[] lons = allLongitudes ? new double[0] : new double[] {west, east};
    this.meridians = new double[2 * lons.length];
    for (int k = 0; k < lons.length; k++) {
      meridians[2 * k] = StrictMath.cos(Math.toRadians(lons[k]));
      meridians[2 * k + 1] = StrictMath.sin(Math.toRadians(lons[k]));
      for (double[] span : new double[][] {{south, mid}, {mid, north}}) {
        double[] arc = new double[9];
        Vectors.fromLonLat(lons[k], span[0], arc, 0);
        Vectors.fromLonLat(lons[k], span[1], arc, 3);
        Vectors.cross(arc, 0, arc, 3, arc, 6);
        arcList.add(arc);
      }
    }
    this.arcs = new double[9 * arcList.size()];
    for (int k = 0; k < arcList.size(); k++) {
      System.arraycopy(arcList.get(k), 0, arcs, 9 * k, 9);
    }
    this.corners = new double[12];
    Vectors.fromLonLat(west, south, corners, 0);
    Vectors.fromLonLat(east, south, corners, 3);
    Vectors.fromLonLat(east, north, corners, 6);
    Vectors.fromLonLat(west, north, corners, 9);
  }

  /**
   * Builds a box from its bounds in degrees ({@code west, south, east, north}, CMR's order).
   *
   * @throws IllegalArgumentException unless every value is finite, {@code -180 <= west, east <=
   *     180}, {@code west != east}, and {@code -90 <= south < north <= 90}
   */
  public static LonLatBox of(double west, double south, double east, double north) {
    String text = String.format(Locale.ROOT, "%s,%s,%s,%s", west, south, east, north);
    for (double d : new double[] {west, south, east, north}) {
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("bounding box " + text + ": values must be finite");
      }
    }
    if (west < -180 || west > 180 || east < -180 || east > 180) {
      throw new IllegalArgumentException(
          "bounding box "
              + text
              + ": longitudes must be in [-180, 180] (west > east crosses the antimeridian)");
    }
    if (west == east) {
      throw new IllegalArgumentException(
          "bounding box " + text + ": west equals east; use -180,...,180,... for all longitudes");
    }
    if (south < -90 || north > 90 || !(south < north)) {
      throw new IllegalArgumentException(
          "bounding box "
              + text
              + ": latitudes must satisfy -90 <= south < north <= 90 (order: west,south,east,north)");
    }
    return new LonLatBox(west, south, east, north);
  }

  public double west() {
    return west;
  }

  public double south() {
    return south;
  }

  public double east() {
    return east;
  }

  public double north() {
    return north;
  }

  /** Whether the box crosses the antimeridian ({@code west > east}). */
  public boolean crossesAntimeridian() {
    return west > east;
  }

  @Override
  boolean contains(double[] p, int off) {
    double z = p[off + 2];
    if (z < sinSouth || z > sinNorth) {
      return false;
    }
    if (allLongitudes || Math.hypot(p[off], p[off + 1]) < 1e-15) {
      return true; // a pole within the latitude range lies on every meridian
    }
    return inLongitudes(Math.toDegrees(Math.atan2(p[off + 1], p[off])));
  }

  private boolean inLongitudes(double lon) {
    if (allLongitudes) {
      return true;
    }
    if (west < east) {
      return lon >= west && lon <= east;
    }
    return lon >= west || lon <= east;
  }

  @Override
  Boundary boundary() {
    return new Boundary() {
      @Override
      public Boundary within(double[] p, int off, double radius, double cosR, double sinR) {
        return near(p, off, cosR) ? this : null;
      }

      @Override
      public boolean crosses(double[] a, int ia, double[] b, int ib, double[] nab, int inab) {
        return LonLatBox.this.crosses(a, ia, b, ib, nab, inab);
      }

      @Override
      public boolean crossesOddly(double[] a, int ia, double[] b, int ib) {
        return contains(a, ia) != contains(b, ib);
      }
    };
  }

  /** Whether some edge of the box comes within the angle whose cosine is given. */
  private boolean near(double[] p, int off, double cosRadius) {
    for (int k = 0; k < meridians.length / 2; k++) {
      if (maxCosToMeridian(p, off, k) >= cosRadius) {
        return true;
      }
    }
    return south > -90 && maxCosToParallel(p, off, sinSouth, cosSouth, 0, 3) >= cosRadius
        || north < 90 && maxCosToParallel(p, off, sinNorth, cosNorth, 9, 6) >= cosRadius;
  }

  @Override
  double[] anchors() {
    return corners;
  }

  /** Largest cosine of the angle between p and a point of meridian edge k (closest point). */
  private double maxCosToMeridian(double[] p, int off, int k) {
    // cos d(phi) = A sin(phi) + B cos(phi), A = z, B = cos(lat_p) cos(lon_p - lon_m).
    double a = p[off + 2];
    double b = p[off] * meridians[2 * k] + p[off + 1] * meridians[2 * k + 1];
    double s = Math.toRadians(south);
    double nn = Math.toRadians(north);
    double phiStar = Math.atan2(a, b);
    if (phiStar >= s && phiStar <= nn) {
      return Math.hypot(a, b);
    }
    return Math.max(a * sinSouth + b * cosSouth, a * sinNorth + b * cosNorth);
  }

  /** Largest cosine of the angle between p and a point of a parallel edge (closest point). */
  private double maxCosToParallel(
      double[] p, int off, double sinLat, double cosLat, int cornerA, int cornerB) {
    double horizontal = Math.hypot(p[off], p[off + 1]);
    if (allLongitudes || inLongitudes(Math.toDegrees(Math.atan2(p[off + 1], p[off])))) {
      return p[off + 2] * sinLat + horizontal * cosLat; // cos(lat_p - lat)
    }
    return Math.max(Vectors.dot(corners, cornerA, p, off), Vectors.dot(corners, cornerB, p, off));
  }

  /** Whether the arc a -> b crosses a meridian or parallel edge of the box. */
  private boolean crosses(double[] a, int ia, double[] b, int ib, double[] nab, int inab) {
    for (int k = 0; k < arcs.length; k += 9) {
      if (Vectors.arcsCross(nab, inab, arcs, k, arcs, k + 3, arcs, k + 6, a, ia, b, ib)) {
        return true;
      }
    }
    return south > -90 && crossesParallel(a, ia, b, ib, nab, inab, sinSouth)
        || north < 90 && crossesParallel(a, ia, b, ib, nab, inab, sinNorth);
  }

  /** Whether the arc a -> b meets the parallel {@code z = z0} at a longitude inside the box. */
  private boolean crossesParallel(
      double[] a, int ia, double[] b, int ib, double[] nab, int inab, double z0) {
    double[] n = {nab[inab], nab[inab + 1], nab[inab + 2]};
    if (!(Vectors.normalize(n, 0) > 0)) {
      return false;
    }
    double arcAngle = Vectors.angle(a, ia, b, ib);
    // Points of the arc: a cos t + w sin t, t in [0, arcAngle], with w = n x a.
    double[] w = new double[3];
    Vectors.cross(n, 0, a, ia, w, 0);
    double az = a[ia + 2];
    double wz = w[2];
    double amp = Math.hypot(az, wz);
    if (amp < Math.abs(z0) || amp == 0) {
      return false;
    }
    double phase = Math.atan2(wz, az);
    double delta = Math.acos(Math.max(-1, Math.min(1, z0 / amp)));
    for (double t : new double[] {phase - delta, phase + delta}) {
      double u = t % (2 * Math.PI);
      if (u < 0) {
        u += 2 * Math.PI;
      }
      if (u <= arcAngle) {
        double c = Math.cos(u);
        double s = Math.sin(u);
        double x = a[ia] * c + w[0] * s;
        double y = a[ia + 1] * c + w[1] * s;
        if (inLongitudes(Math.toDegrees(Math.atan2(y, x)))) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "LonLatBox[%s,%s,%s,%s]", west, south, east, north);
  }
}
