package org.magg.core.grid;

/**
 * A closed region of the unit sphere that {@link CellCoverage} can cover with HEALPix cells: a
 * {@link SphericalPolygon} (great-circle edges) or a {@link LonLatBox} (meridians and parallels).
 *
 * <p>Coordinates are geographic degrees; the sphere is the unit sphere (latitudes are used as
 * given, as in {@link Healpix}). Implementations are immutable and thread-safe.
 */
public abstract class SphericalRegion {

  SphericalRegion() {}

  /**
   * Returns whether the region contains a point. Points exactly on the boundary may be reported
   * either way.
   *
   * @param lonDeg longitude in degrees (any finite value)
   * @param latDeg latitude in degrees, in [-90, 90]
   * @return {@code true} if the point is inside
   */
  public final boolean contains(double lonDeg, double latDeg) {
    if (!Healpix.isValid(lonDeg, latDeg)) {
      throw new IllegalArgumentException(
          "invalid point: lon " + lonDeg + ", lat " + latDeg + " (expected lat in [-90, 90])");
    }
    double[] v = new double[3];
    Vectors.fromLonLat(lonDeg, latDeg, v, 0);
    return contains(v, 0);
  }

  /** Whether the unit vector at {@code p[off]} is inside. */
  abstract boolean contains(double[] p, int off);

  /** The whole boundary of the region. */
  abstract Boundary boundary();

  /**
   * Points of the region (unit vectors, {@code x, y, z} triples) such that a region lying entirely
   * inside a cell has at least one of them in that cell: for example its vertices.
   */
  abstract double[] anchors();

  /** Parts of a region's boundary, tested against short great-circle arcs. */
  interface Boundary {
    /**
     * The parts that come within {@code radius} radians (less than {@code pi / 2}) of the unit
     * vector at {@code p[off]}, or {@code null} if none does. {@code cosRadius} and {@code
     * sinRadius} are the cosine and sine of {@code radius}.
     */
    Boundary within(double[] p, int off, double radius, double cosRadius, double sinRadius);

    /**
     * Whether the arc from {@code a[ia]} to {@code b[ib]} (unit vectors, shorter than a quarter
     * turn) crosses these parts. {@code nab} is {@code a x b}.
     */
    boolean crosses(double[] a, int ia, double[] b, int ib, double[] nab, int inab);

    /**
     * Whether the arc from {@code a[ia]} to {@code b[ib]} (shorter than a quarter turn) crosses the
     * region's boundary an odd number of times, i.e. whether exactly one end is inside. Only valid
     * if every part of the boundary that the arc meets is among these parts.
     */
    boolean crossesOddly(double[] a, int ia, double[] b, int ib);
  }
}
