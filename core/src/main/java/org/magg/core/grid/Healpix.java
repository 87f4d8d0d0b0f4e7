package org.magg.core.grid;

/**
 * HEALPix NESTED hashing of geographic coordinates on the unit sphere.
 *
 * <p>The hash follows the algorithm of the CDS HEALPix library ({@code cdshealpix}, method {@code
 * Layer.hash(lon, lat)}): the longitude is split into a quarter of the sphere and a scaled offset,
 * the point is projected with a Collignon projection in the polar caps ({@code |lat| > asin(2/3)})
 * and a cylindrical equal-area projection in the equatorial belt, and the projected coordinates are
 * discretised inside the base cell and interleaved into a Z-order (nested) index. The latitude is
 * used as given: no geodetic-to-authalic or other datum conversion is applied. This is the
 * behaviour of the {@code mortie} Python library before version 0.7.
 *
 * <p>Conventions:
 *
 * <ul>
 *   <li>Angles are in degrees, longitude first ({@code lon, lat}) unless a method says otherwise.
 *   <li>Orders (HEALPix depths) range from 0 to {@link #MAX_ORDER} (29); {@code nside = 2^order}.
 *   <li>A nested index at order {@code k} is in {@code [0, 12 * 4^k)}; its base cell (order-0 cell,
 *       0..11) is {@code nested >> 2k}. The cell at order {@code p <= k} containing it is {@code
 *       nested >> 2(k - p)}.
 *   <li>Longitudes may be any finite value and wrap around; latitudes must lie in {@code [-90,
 *       90]}.
 * </ul>
 *
 * <p>Trigonometric functions are evaluated with {@link StrictMath} so that the same input gives the
 * same cell on every JVM and platform. cdshealpix uses the platform's {@code sin}/{@code cos},
 * which can differ in the last bit; only points within about one rounding error of a cell edge (for
 * example cell vertices computed in floating point) can then land in the neighbouring cell.
 *
 * <p>All methods are static and thread-safe; the class holds no mutable state.
 */
public final class Healpix {

  /** Largest supported HEALPix order (depth); cells at this order are about 12 mm wide on Earth. */
  public static final int MAX_ORDER = 29;

  /** Number of base cells (order-0 cells). */
  public static final int BASE_CELLS = 12;

  /** Latitude (radians) separating the equatorial belt from the polar caps: asin(2/3). */
  private static final double TRANSITION_LATITUDE = 0.7297276562269663;

  /** {@code z = sin(lat)} at the transition latitude. */
  private static final double TRANSITION_Z = 2.0 / 3.0;

  private static final double ONE_OVER_TRANSITION_Z = 1.5;
  private static final double SQRT6 = 2.449489742783178;
  private static final double ONE_OVER_SQRT6 = 0.408248290463863;
  private static final double FOUR_OVER_PI = 4.0 / Math.PI;
  private static final double QUARTER_PI = Math.PI / 4.0;
  private static final double HALF_PI = Math.PI / 2.0;

  /** Below this projected distance from a pole the Collignon longitude is undefined (set to 0). */
  private static final double EPS_POLE = 1e-13;

  /**
   * Longitudes (degrees) at least this large in magnitude are first reduced modulo 360 (an exact
   * operation). Smaller values are hashed directly, reducing the scaled longitude modulo 8 quarter
   * turns as cdshealpix does, so no rounding is added for ordinary longitudes.
   */
  private static final double LON_REDUCTION_THRESHOLD_DEG = 1048576.0;

  /** {@code nside / 2 = 2^(order - 1)} per order; multiplying by it is exact. */
  private static final double[] HALF_NSIDE = new double[MAX_ORDER + 1];

  static {
    for (int k = 0; k <= MAX_ORDER; k++) {
      HALF_NSIDE[k] = Math.scalb(1.0, k - 1);
    }
  }

  private Healpix() {}

  // ---------------------------------------------------------------------------------------------
  // Orders and validation
  // ---------------------------------------------------------------------------------------------

  /**
   * Returns {@code nside = 2^order}, the number of cells along a side of a base cell.
   *
   * @param order HEALPix order, 0..29
   * @return {@code 2^order}
   * @throws IllegalArgumentException if the order is out of range
   */
  public static long nside(int order) {
    checkOrder(order);
    return 1L << order;
  }

  /**
   * Returns the number of cells covering the sphere at the given order, {@code 12 * 4^order}.
   *
   * @param order HEALPix order, 0..29
   * @return the number of cells
   * @throws IllegalArgumentException if the order is out of range
   */
  public static long cellCount(int order) {
    checkOrder(order);
    return 12L << (2 * order);
  }

  /**
   * Returns whether a coordinate can be hashed: both values finite and the latitude within {@code
   * [-90, 90]}.
   *
   * @param lonDeg longitude in degrees (any finite value)
   * @param latDeg latitude in degrees
   * @return {@code true} if {@link #nestedHash(int, double, double)} accepts the coordinate
   */
  public static boolean isValid(double lonDeg, double latDeg) {
    // The comparisons are false for NaN; the subtraction is NaN for infinities.
    return latDeg >= -90.0 && latDeg <= 90.0 && lonDeg - lonDeg == 0.0;
  }

  /**
   * Returns whether {@code nested} is a valid nested index at the given order.
   *
   * @param order HEALPix order, 0..29
   * @param nested candidate index
   * @return {@code true} if {@code 0 <= nested < 12 * 4^order}
   * @throws IllegalArgumentException if the order is out of range
   */
  public static boolean isValidNested(int order, long nested) {
    checkOrder(order);
    return nested >= 0 && nested < (12L << (2 * order));
  }

  static void checkOrder(int order) {
    if (order < 0 || order > MAX_ORDER) {
      throw new IllegalArgumentException(
          "HEALPix order must be in [0, " + MAX_ORDER + "], got: " + order);
    }
  }

  static void checkNested(int order, long nested) {
    if (nested < 0 || nested >= (12L << (2 * order))) {
      throw new IllegalArgumentException(
          "nested index must be in [0, 12*4^"
              + order
              + ") = [0, "
              + (12L << (2 * order))
              + ") at order "
              + order
              + ", got: "
              + nested);
    }
  }

  private static void checkCoordinate(double lonDeg, double latDeg) {
    if (Double.isNaN(latDeg) || Double.isInfinite(latDeg)) {
      throw new IllegalArgumentException(
          "latitude must be a finite number of degrees, got: " + latDeg);
    }
    if (latDeg < -90.0 || latDeg > 90.0) {
      throw new IllegalArgumentException("latitude must be in [-90, 90] degrees, got: " + latDeg);
    }
    if (Double.isNaN(lonDeg) || Double.isInfinite(lonDeg)) {
      throw new IllegalArgumentException(
          "longitude must be a finite number of degrees, got: " + lonDeg);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Hashing
  // ---------------------------------------------------------------------------------------------

  /**
   * Returns the NESTED index of the cell containing a point.
   *
   * <p>As in cdshealpix, a cell owns its south-east and south-west edges (in the projection plane)
   * but not its north-east and north-west ones, so a point on an edge between two cells goes to the
   * northern one. A pole belongs to one of the four cells touching it, chosen by the longitude
   * given (for longitude 0: {@code 4^order - 1} in the north, {@code 8 * 4^order} in the south).
   *
   * @param order HEALPix order, 0..29
   * @param lonDeg longitude in degrees, any finite value (wraps around)
   * @param latDeg latitude in degrees, in [-90, 90]
   * @return the nested index, in {@code [0, 12 * 4^order)}
   * @throws IllegalArgumentException if the order is out of range, the latitude is outside [-90,
   *     90], or either value is NaN or infinite
   */
  public static long nestedHash(int order, double lonDeg, double latDeg) {
    checkOrder(order);
    checkCoordinate(lonDeg, latDeg);
    return hashUnchecked(order, lonDeg, latDeg);
  }

  /**
   * Hashes {@code n} points at one order into {@code out}, without allocating.
   *
   * <p>Equivalent to {@code out[k] = nestedHash(order, lonDeg[k], latDeg[k])} for {@code k < n}.
   * Callers are expected to pass valid coordinates only (filter with {@link #isValid(double,
   * double)} first); as a safety net an invalid coordinate raises an exception naming its index, in
   * which case the entries of {@code out} before that index have been written and the others are
   * unspecified.
   *
   * @param order HEALPix order, 0..29
   * @param lonDeg longitudes in degrees
   * @param latDeg latitudes in degrees
   * @param n number of points to hash (a prefix of the arrays)
   * @param out receives the nested indices; may be longer than {@code n}
   * @throws IllegalArgumentException if the order or {@code n} is out of range, an array is shorter
   *     than {@code n}, or a coordinate is invalid
   */
  public static void nestedHash(int order, double[] lonDeg, double[] latDeg, int n, long[] out) {
    checkOrder(order);
    if (n < 0 || lonDeg.length < n || latDeg.length < n || out.length < n) {
      throw new IllegalArgumentException(
          "n must be in [0, min(array lengths)], got n="
              + n
              + " with lengths lon="
              + lonDeg.length
              + ", lat="
              + latDeg.length
              + ", out="
              + out.length);
    }
    for (int k = 0; k < n; k++) {
      double lon = lonDeg[k];
      double lat = latDeg[k];
      if (!(lat >= -90.0 && lat <= 90.0 && lon - lon == 0.0)) {
        throw invalidPoint(k, lon, lat);
      }
      out[k] = hashUnchecked(order, lon, lat);
    }
  }

  private static IllegalArgumentException invalidPoint(int index, double lon, double lat) {
    try {
      checkCoordinate(lon, lat);
    } catch (IllegalArgumentException e) {
      return new IllegalArgumentException("point " + index + ": " + e.getMessage(), e);
    }
    return new IllegalArgumentException(
        "point " + index + " is invalid: lon=" + lon + ", lat=" + lat);
  }

  /**
   * The hash proper. Requires a valid order and a valid coordinate.
   *
   * <p>Step by step: the longitude gives a quarter {@code q} (0..3) of the sphere and {@code xpm1}
   * in [-1, 1], the position within that quarter relative to its centre meridian. The latitude
   * selects a projection giving the base cell {@code d0h} and coordinates {@code (l, h)} in that
   * base cell, with origin at its south vertex, {@code l} along the west-east axis in [-1, 1] and
   * {@code h} along the south-north axis in [0, 2]. The cell coordinates along the south-east and
   * south-west edges are then {@code floor((h + l) * nside/2)} and {@code floor((h - l) *
   * nside/2)}.
   */
  static long hashUnchecked(int order, double lonDeg, double latDeg) {
    if (!(Math.abs(lonDeg) < LON_REDUCTION_THRESHOLD_DEG)) {
      lonDeg %= 360.0; // exact; rare
    }
    final double lon = Math.toRadians(lonDeg);
    final double lat = Math.toRadians(latDeg);

    // Longitude: quarter of the sphere and offset in [-1, 1] from the quarter's centre meridian.
    final long lonBits = Double.doubleToRawLongBits(lon);
    final double x = Double.longBitsToDouble(lonBits & Long.MAX_VALUE) * FOUR_OVER_PI;
    final long oddFloor = ((long) x) | 1L;
    final int quarterOfAbs = (int) ((oddFloor & 7L) >> 1);
    final double xpm1;
    final int quarter;
    if (lonBits >= 0L) { // sign bit clear, including +0.0
      xpm1 = x - oddFloor;
      quarter = quarterOfAbs;
    } else { // negative longitudes (and -0.0) are mirrored
      xpm1 = oddFloor - x;
      quarter = 3 - quarterOfAbs;
    }

    final int d0h;
    final double l;
    final double h;
    if (lat > TRANSITION_LATITUDE) {
      // North polar cap, Collignon projection; origin at the south vertex of the base cell.
      final double s = SQRT6 * StrictMath.cos(0.5 * lat + QUARTER_PI); // sqrt(3 (1 - sin lat))
      l = xpm1 * s;
      h = 2.0 - s;
      d0h = quarter;
    } else if (lat < -TRANSITION_LATITUDE) {
      // South polar cap, Collignon projection.
      final double s = SQRT6 * StrictMath.cos(0.5 * lat - QUARTER_PI);
      l = xpm1 * s;
      h = s;
      d0h = quarter + 8;
    } else {
      // Equatorial belt, cylindrical equal-area projection. The 2x2 square centred on the quarter's
      // meridian is split by its diagonals into 4 triangles belonging to 4 base cells:
      //   |\2/|     2: north cell, 0: south cell,
      //   .3X1.     1: east neighbour, 3: west neighbour.
      //   |/0\|
      // Strict / non-strict inequalities assign the S-E and S-W edges to a cell, not the N ones.
      final double ypm1 = StrictMath.sin(lat) * ONE_OVER_TRANSITION_Z;
      final int above01 = xpm1 > ypm1 ? 1 : 0; // right of the "/" diagonal
      final int right12 = xpm1 >= -ypm1 ? 1 : 0; // right of the "\" diagonal
      final int inEast = above01 & right12;
      final int southOrWestOrEast = above01 + (1 - right12); // 2 for triangle 0, 1 for 1/3, 0 for 2
      l = xpm1 - ((above01 + right12) - 1);
      h = ypm1 + southOrWestOrEast;
      d0h = (southOrWestOrEast << 2) + ((quarter + inEast) & 3);
    }

    // Discretise inside the base cell; scaling by nside/2 is exact (power of two).
    final double halfNside = HALF_NSIDE[order];
    final int nsideMinus1 = (1 << order) - 1;
    int i = (int) ((h + l) * halfNside); // truncation; tiny negative rounding errors give 0
    int j = (int) ((h - l) * halfNside);
    if (i > nsideMinus1) {
      i = nsideMinus1;
    } else if (i < 0) {
      i = 0;
    }
    if (j > nsideMinus1) {
      j = nsideMinus1;
    } else if (j < 0) {
      j = 0;
    }
    return ((long) d0h << (order << 1)) | interleave(i, j);
  }

  // ---------------------------------------------------------------------------------------------
  // Cell centres
  // ---------------------------------------------------------------------------------------------

  /**
   * Returns the centre of a cell: the point of the sphere whose projection is the centre of the
   * cell in the HEALPix projection plane (as cdshealpix's {@code center}).
   *
   * @param order HEALPix order, 0..29
   * @param nested nested index of the cell
   * @return {@code {lonDeg, latDeg}} with the longitude in [0, 360) and the latitude in [-90, 90]
   * @throws IllegalArgumentException if the order or index is out of range
   */
  public static double[] center(int order, long nested) {
    checkOrder(order);
    checkNested(order, nested);
    final int d0h = (int) (nested >>> (order << 1));
    final long bits = nested & ((1L << (order << 1)) - 1L);
    final long i = compact(bits);
    final long j = compact(bits >>> 1);
    final long nside = 1L << order;
    final double oneOverNside = 1.0 / nside; // exact
    // Rotate by 45 degrees and scale by 2: the cell centre relative to the base cell centre.
    double x = (i - j) * oneOverNside;
    double y = (i + j - (nside - 1)) * oneOverNside;
    // Base cell centre in the projection plane: x in {0..7}, y in {-1, 0, 1}.
    final int offsetY = 1 - (d0h >> 2);
    final int offsetX = ((d0h & 3) << 1) | (offsetY & 1);
    x += offsetX;
    y += offsetY;
    if (x < 0.0) {
      x += 8.0; // only west half of base cell 4
    }
    return unproject(x, y);
  }

  /** Inverse HEALPix projection of {@code (x, y)}, x in [0, 8), y in [-2, 2]; returns degrees. */
  private static double[] unproject(double x, double y) {
    final double ax = Math.abs(x);
    final double ay = Math.abs(y);
    final int oddFloor = ((int) ax) | 1;
    final int offset = oddFloor & 7;
    double lon = ax - oddFloor; // in [-1, 1] around the quarter's centre meridian
    double lat;
    if (ay <= 1.0) {
      // Equatorial belt: inverse cylindrical equal-area.
      lat = StrictMath.asin(ay * TRANSITION_Z);
    } else {
      // Polar caps: inverse Collignon.
      lat = 2.0 - ay;
      if (lat > EPS_POLE) {
        lon /= lat;
        lon = Math.max(-1.0, Math.min(1.0, lon));
      }
      lat *= ONE_OVER_SQRT6;
      lat = 2.0 * StrictMath.acos(lat) - HALF_PI;
    }
    lon += offset;
    if (x < 0.0) {
      lon = -lon;
    }
    if (y < 0.0) {
      lat = -lat;
    }
    lon *= QUARTER_PI;
    double lonDeg = Math.toDegrees(lon);
    if (lonDeg >= 360.0) {
      lonDeg -= 360.0;
    } else if (lonDeg < 0.0) {
      lonDeg += 360.0;
    }
    return new double[] {lonDeg, Math.toDegrees(lat)};
  }

  // ---------------------------------------------------------------------------------------------
  // Hierarchy helpers (pure integer arithmetic, suitable for hot loops)
  // ---------------------------------------------------------------------------------------------

  /**
   * Returns the index, at {@code parentOrder}, of the cell containing a cell given at {@code
   * order}: {@code nested >> 2 (order - parentOrder)}.
   *
   * <p>For example, with order-18 indices from {@link #nestedHash}, {@code parent(n, 18, p)} is the
   * order-{@code p} cell of the point.
   *
   * @param nested nested index at {@code order} (not range-checked)
   * @param order order of {@code nested}, 0..29
   * @param parentOrder order of the wanted ancestor, 0..order
   * @return the nested index of the ancestor at {@code parentOrder}
   * @throws IllegalArgumentException if the orders are out of range or {@code parentOrder > order}
   */
  public static long parent(long nested, int order, int parentOrder) {
    checkOrders(order, parentOrder, order);
    return nested >> ((order - parentOrder) << 1);
  }

  /**
   * Returns the position, in {@code [0, 4^(childOrder - parentOrder))}, of the order-{@code
   * childOrder} ancestor of a cell among the order-{@code childOrder} descendants of its
   * order-{@code parentOrder} ancestor, counted in ascending nested order: {@code (nested >> 2
   * (order - childOrder)) & (4^(childOrder - parentOrder) - 1)}.
   *
   * <p>For example, with order-18 indices, {@code childIndex(n, 18, 6, 8)} tells which of the 16
   * order-8 sub-cells of its order-6 cell the point lies in. This is the same position as {@link
   * Morton#childIndex(long, int)} and the index into {@link Morton#children(long, int)}.
   *
   * @param nested nested index at {@code order} (not range-checked)
   * @param order order of {@code nested}, 0..29
   * @param parentOrder order of the enclosing cell, 0..childOrder
   * @param childOrder order of the sub-cells, parentOrder..order
   * @return the position of the sub-cell within the enclosing cell
   * @throws IllegalArgumentException unless {@code 0 <= parentOrder <= childOrder <= order <= 29}
   */
  public static long childIndex(long nested, int order, int parentOrder, int childOrder) {
    checkOrders(order, parentOrder, childOrder);
    final long mask = (1L << ((childOrder - parentOrder) << 1)) - 1L;
    return (nested >> ((order - childOrder) << 1)) & mask;
  }

  private static void checkOrders(int order, int parentOrder, int childOrder) {
    if (!(0 <= parentOrder
        && parentOrder <= childOrder
        && childOrder <= order
        && order <= MAX_ORDER)) {
      throw new IllegalArgumentException(
          "orders must satisfy 0 <= parentOrder <= childOrder <= order <= "
              + MAX_ORDER
              + ", got parentOrder="
              + parentOrder
              + ", childOrder="
              + childOrder
              + ", order="
              + order);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Bit interleaving (Z-order): i on even bits, j on odd bits
  // ---------------------------------------------------------------------------------------------

  /** Interleaves the low 32 bits of {@code i} (even bit positions) and {@code j} (odd ones). */
  static long interleave(int i, int j) {
    return spread(i) | (spread(j) << 1);
  }

  /** Moves bit {@code b} of the low 32 bits of {@code v} to bit {@code 2b}. */
  private static long spread(int v) {
    long x = v & 0xFFFFFFFFL;
    x = (x | (x << 16)) & 0x0000FFFF0000FFFFL;
    x = (x | (x << 8)) & 0x00FF00FF00FF00FFL;
    x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FL;
    x = (x | (x << 2)) & 0x3333333333333333L;
    x = (x | (x << 1)) & 0x5555555555555555L;
    return x;
  }

  /** Inverse of {@link #spread}: gathers the even bits of {@code v} into the low 32 bits. */
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
