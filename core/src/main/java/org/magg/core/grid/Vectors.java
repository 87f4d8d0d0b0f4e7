package org.magg.core.grid;

/**
 * Unit vectors on the sphere, stored as {@code x, y, z} triples in flat {@code double[]} arrays:
 * {@code x = cos(lat) cos(lon)}, {@code y = cos(lat) sin(lon)}, {@code z = sin(lat)}. Great-circle
 * arcs are the shorter arcs between two such vectors. The conversions to and from longitude and
 * latitude are public (centroids elsewhere are means of these vectors); the arc geometry is not.
 */
public final class Vectors {
  private Vectors() {}

  /** Writes the unit vector of {@code (lonDeg, latDeg)} at {@code out[off..off+2]}. */
  public static void fromLonLat(double lonDeg, double latDeg, double[] out, int off) {
    double lon = Math.toRadians(lonDeg);
    double lat = Math.toRadians(latDeg);
    double c = StrictMath.cos(lat);
    out[off] = c * StrictMath.cos(lon);
    out[off + 1] = c * StrictMath.sin(lon);
    out[off + 2] = StrictMath.sin(lat);
  }

  /** Longitude in degrees, in (-180, 180], of the vector at {@code v[off]}. */
  public static double lonDeg(double[] v, int off) {
    return Math.toDegrees(Math.atan2(v[off + 1], v[off]));
  }

  /** Latitude in degrees of the vector at {@code v[off]}. */
  public static double latDeg(double[] v, int off) {
    return Math.toDegrees(Math.atan2(v[off + 2], Math.hypot(v[off], v[off + 1])));
  }

  static double dot(double[] a, int ia, double[] b, int ib) {
    return a[ia] * b[ib] + a[ia + 1] * b[ib + 1] + a[ia + 2] * b[ib + 2];
  }

  /** {@code out = a x b}. */
  static void cross(double[] a, int ia, double[] b, int ib, double[] out, int io) {
    double x = a[ia + 1] * b[ib + 2] - a[ia + 2] * b[ib + 1];
    double y = a[ia + 2] * b[ib] - a[ia] * b[ib + 2];
    double z = a[ia] * b[ib + 1] - a[ia + 1] * b[ib];
    out[io] = x;
    out[io + 1] = y;
    out[io + 2] = z;
  }

  /** Normalises the vector at {@code v[off]} in place; returns its former length. */
  static double normalize(double[] v, int off) {
    double n = Math.sqrt(v[off] * v[off] + v[off + 1] * v[off + 1] + v[off + 2] * v[off + 2]);
    if (n > 0) {
      v[off] /= n;
      v[off + 1] /= n;
      v[off + 2] /= n;
    }
    return n;
  }

  /** Angle in radians between two unit vectors (accurate for small and large angles). */
  static double angle(double[] a, int ia, double[] b, int ib) {
    double cx = a[ia + 1] * b[ib + 2] - a[ia + 2] * b[ib + 1];
    double cy = a[ia + 2] * b[ib] - a[ia] * b[ib + 2];
    double cz = a[ia] * b[ib + 1] - a[ia + 1] * b[ib];
    return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), dot(a, ia, b, ib));
  }

  /**
   * Whether the arcs {@code a->b} and {@code c->d} cross at a point interior to both (the sign test
   * of the four orientations {@code -[abc], [abd], -[cdb], [cda]}, which must agree and be
   * nonzero). {@code nab} is {@code a x b} (any positive multiple), {@code ncd} is {@code c x d}.
   */
  static boolean arcsCross(
      double[] nab,
      int inab,
      double[] c,
      int ic,
      double[] d,
      int id,
      double[] ncd,
      int incd,
      double[] a,
      int ia,
      double[] b,
      int ib) {
    double abc = dot(nab, inab, c, ic);
    double abd = dot(nab, inab, d, id);
    if (abc == 0 || abd == 0 || (abc > 0) == (abd > 0)) {
      return false;
    }
    // c and d are on opposite sides of the great circle of a->b; a->b's endpoints must be on
    // opposite sides of the great circle of c->d, in the orientation that puts the crossing on
    // the same side of the sphere for both arcs.
    double cda = dot(ncd, incd, a, ia);
    double cdb = dot(ncd, incd, b, ib);
    boolean s = abd > 0; // sign shared by -[abc] and [abd]
    return cda != 0 && cdb != 0 && (cda > 0) == s && (cdb < 0) == s;
  }
}
