package org.magg.core.grid;

/**
 * Centres, vertices and boundaries of HEALPix NESTED cells, computed from the HEALPix projection.
 *
 * <p>In the HEALPix projection plane (longitude axis {@code x} in units of 45 degrees, {@code x} in
 * [0, 8), and {@code y} in [-2, 2]) every cell is a square rotated by 45 degrees: a cell of order
 * {@code k} centred at {@code (X, Y)} has its vertices at {@code (X, Y -+ 1/2^k)} (south, north)
 * and {@code (X +- 1/2^k, Y)} (east, west), and its edges are the straight segments between them.
 * Points sampled along those segments and mapped back to the sphere (inverse cylindrical equal-area
 * projection in the equatorial belt, inverse Collignon projection in the polar caps) lie exactly on
 * the cell's boundary. On the sphere the edges are not great circles.
 *
 * <p>Rings are returned counter-clockwise seen from outside the sphere (south, east, north, west),
 * so the cell is on their left, as in NASA CMR's polygons. The trigonometry uses {@link StrictMath}
 * so results are identical on every platform. All methods are static and thread-safe.
 */
public final class CellBoundary {

  /** The four vertices, in the order of the returned rings. */
  public enum Vertex {
    SOUTH(0, -1),
    EAST(1, 0),
    NORTH(0, 1),
    WEST(-1, 0);

    final int dx;
    final int dy;

    Vertex(int dx, int dy) {
      this.dx = dx;
      this.dy = dy;
    }
  }

  private static final double TRANSITION_Z = 2.0 / 3.0;
  private static final double QUARTER_PI = Math.PI / 4.0;
  private static final double EPS_POLE = 1e-13;

  private CellBoundary() {}

  /**
   * Returns the four vertices of a cell as {@code {lonDeg, latDeg}} pairs, in {@link Vertex} order
   * (south, east, north, west), longitudes in (-180, 180]. At a pole the longitude is arbitrary.
   *
   * @param order HEALPix order, 0..29
   * @param nested nested index at that order
   * @return four {@code {lon, lat}} pairs in degrees
   * @throws IllegalArgumentException if the order or index is out of range
   */
  public static double[][] vertices(int order, long nested) {
    checkCell(order, nested);
    double[] plane = planeCenter(order, nested);
    double half = 1.0 / (1L << order);
    double[][] out = new double[4][];
    double[] v = new double[3];
    for (Vertex vertex : Vertex.values()) {
      unproject(plane[0] + vertex.dx * half, plane[1] + vertex.dy * half, v, 0);
      out[vertex.ordinal()] = new double[] {Vectors.lonDeg(v, 0), Vectors.latDeg(v, 0)};
    }
    return out;
  }

  /**
   * Returns points along the boundary of a cell, counter-clockwise from the south vertex: {@code
   * step} points per edge (the edge's first vertex and {@code step - 1} points equally spaced in
   * the projection plane), {@code 4 * step} in all, as {@code {lonDeg, latDeg}} pairs. This is the
   * equivalent of mortie's {@code mort2polygon(step=...)} and cdshealpix's {@code
   * pathAlongCellEdge}, without the closing point.
   *
   * @param order HEALPix order, 0..29
   * @param nested nested index at that order
   * @param step points per edge, at least 1
   * @return {@code 4 * step} points
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static double[][] path(int order, long nested, int step) {
    checkCell(order, nested);
    if (step < 1) {
      throw new IllegalArgumentException("step must be at least 1, got " + step);
    }
    double[] v = new double[3 * 4 * step];
    sample(order, nested, step, v);
    double[][] out = new double[4 * step][];
    for (int k = 0; k < out.length; k++) {
      out[k] = new double[] {Vectors.lonDeg(v, 3 * k), Vectors.latDeg(v, 3 * k)};
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Unit-vector forms used by CellCoverage (no argument checks)
  // ---------------------------------------------------------------------------------------------

  /** Projection-plane centre {@code {X, Y}} of a cell. */
  static double[] planeCenter(int order, long nested) {
    final int d0h = (int) (nested >>> (order << 1));
    final long bits = nested & ((1L << (order << 1)) - 1L);
    final long i = compact(bits);
    final long j = compact(bits >>> 1);
    final long nside = 1L << order;
    final double oneOverNside = 1.0 / nside;
    final int offsetY = 1 - (d0h >> 2);
    final int offsetX = ((d0h & 3) << 1) | (offsetY & 1);
    return new double[] {
      offsetX + (i - j) * oneOverNside, offsetY + (i + j - (nside - 1)) * oneOverNside
    };
  }

  /** Writes the unit vector of the cell centre at {@code out[off]}. */
  static void center(int order, long nested, double[] out, int off) {
    double[] p = planeCenter(order, nested);
    unproject(p[0], p[1], out, off);
  }

  /**
   * Writes {@code 4 * step} boundary points (unit vectors) counter-clockwise from the south vertex
   * into {@code out[0 .. 12 * step)}.
   */
  static void sample(int order, long nested, int step, double[] out) {
    double[] p = planeCenter(order, nested);
    double half = 1.0 / (1L << order);
    int o = 0;
    Vertex[] vs = Vertex.values();
    for (int e = 0; e < 4; e++) {
      Vertex from = vs[e];
      Vertex to = vs[(e + 1) & 3];
      double x0 = p[0] + from.dx * half;
      double y0 = p[1] + from.dy * half;
      double dx = (to.dx - from.dx) * half;
      double dy = (to.dy - from.dy) * half;
      for (int s = 0; s < step; s++) {
        double t = (double) s / step;
        unproject(x0 + t * dx, y0 + t * dy, out, o);
        o += 3;
      }
    }
  }

  /**
   * Inverse HEALPix projection of the plane point {@code (x, y)} ({@code x} in [-1, 9], {@code y}
   * in [-2, 2]) to a unit vector at {@code out[off]}.
   */
  static void unproject(double x, double y, double[] out, int off) {
    final double ax = Math.abs(x);
    final double ay = Math.abs(y);
    final int oddFloor = ((int) ax) | 1;
    final int offset = oddFloor & 7;
    double t = ax - oddFloor; // in [-1, 1] around the quarter's centre meridian
    final double z;
    final double cosLat;
    if (ay <= 1.0) {
      // Equatorial belt: inverse cylindrical equal-area, z = sin(lat) = 2/3 y.
      z = ay * TRANSITION_Z;
      cosLat = Math.sqrt((1.0 - z) * (1.0 + z));
    } else {
      // Polar caps: inverse Collignon; s = 2 - |y| = sqrt(3 (1 - z)).
      final double s = 2.0 - ay;
      if (s > EPS_POLE) {
        t = Math.max(-1.0, Math.min(1.0, t / s));
      }
      final double oneMinusZ = s * s / 3.0;
      z = 1.0 - oneMinusZ;
      cosLat = Math.sqrt(oneMinusZ * (2.0 - oneMinusZ));
    }
    double lon = (t + offset) * QUARTER_PI;
    if (x < 0.0) {
      lon = -lon;
    }
    out[off] = cosLat * StrictMath.cos(lon);
    out[off + 1] = cosLat * StrictMath.sin(lon);
    out[off + 2] = y < 0.0 ? -z : z;
  }

  static void checkCell(int order, long nested) {
    Healpix.checkOrder(order);
    if (nested < 0 || nested >= (12L << (2 * order))) {
      throw new IllegalArgumentException(
          "nested index must be in [0, 12*4^" + order + ") at order " + order + ", got: " + nested);
    }
  }

  /** Gathers the even bits of {@code v} into the low 32 bits. */
  private static long compact(long v) {
    long x = v & 0x5555555555555555L;
    x = (x | (x >>> 1)) & 0x3333333333333333L;
    x = (x | (x >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
    x = (x | (x >>> 4)) & 0x00FF00FF00FF00FFL;
    x = (x | (x >>> 8)) & 0x0000FFFF0000FFFFL;
    x = (x | (x >>> 16)) & 0x00000000FFFFFFFFL;
    return x;
  }
}
