package org.magg.io.temporal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.VarIntCoder;

/**
 * The field grid event masks and static data refer to: latitude and longitude axes in degrees
 * (regular or not, each strictly increasing or strictly decreasing). Cell index {@code c = iLat *
 * nLon + iLon}, as in a row-major {@code (lat, lon)} array.
 *
 * <p>{@link #equals} and {@link #hashCode} compare the axis values exactly; {@link #matches} allows
 * a small tolerance. Compare grids read from files with {@link #matches}: real axes carry rounding
 * noise (MERRA-2's {@code lat[180]} is {@code -1.8e-13}, not 0) or are stored as float32.
 *
 * @param lat latitudes in degrees, one per row, within [-90, 90]
 * @param lon longitudes in degrees, one per column
 */
@DefaultCoder(FieldGrid.FieldGridCoder.class)
public record FieldGrid(double[] lat, double[] lon) implements Serializable {

  /** Tolerance of {@link #matches(FieldGrid)}, in degrees. */
  public static final double TOLERANCE_DEGREES = 1e-4;

  /** Mean Earth radius (IUGG R1) in km, the sphere of {@link #sphericalCellAreasKm2()}. */
  public static final double EARTH_RADIUS_KM = 6371.0088;

  public FieldGrid {
    lat = checkAxis("lat", lat).clone();
    lon = checkAxis("lon", lon).clone();
    for (int i = 0; i < lat.length; i++) {
      if (lat[i] < -90 || lat[i] > 90) {
        throw new IllegalArgumentException(
            "grid lat[" + i + "] = " + lat[i] + " is outside [-90, 90]");
      }
    }
    if ((long) lat.length * lon.length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "grid of " + lat.length + " x " + lon.length + " has more cells than an int can index");
    }
  }

  private static double[] checkAxis(String name, double[] axis) {
    if (axis == null || axis.length == 0) {
      throw new IllegalArgumentException("grid " + name + " axis is empty (expected degrees)");
    }
    for (int i = 0; i < axis.length; i++) {
      if (!Double.isFinite(axis[i])) {
        throw new IllegalArgumentException(
            "grid " + name + "[" + i + "] = " + axis[i] + " is not a finite number of degrees");
      }
    }
    if (axis.length > 1) {
      boolean up = axis[1] > axis[0];
      for (int i = 1; i < axis.length; i++) {
        if (up ? !(axis[i] > axis[i - 1]) : !(axis[i] < axis[i - 1])) {
          throw new IllegalArgumentException(
              "grid "
                  + name
                  + " axis is not strictly monotonic: "
                  + name
                  + "["
                  + (i - 1)
                  + "] = "
                  + axis[i - 1]
                  + ", "
                  + name
                  + "["
                  + i
                  + "] = "
                  + axis[i]);
        }
      }
    }
    return axis;
  }

  /**
   * A regular grid: {@code lat[i] = lat0 + i * dLat}, {@code lon[j] = lon0 + j * dLon}. MERRA-2 is
   * {@code regular(-90, 0.5, 361, -180, 0.625, 576)}.
   */
  public static FieldGrid regular(
      double lat0, double dLat, int nLat, double lon0, double dLon, int nLon) {
    if (nLat < 1 || nLon < 1) {
      throw new IllegalArgumentException(
          "grid needs at least one row and column, got " + nLat + " x " + nLon);
    }
    double[] lat = new double[nLat];
    for (int i = 0; i < nLat; i++) {
      lat[i] = lat0 + i * dLat;
    }
    double[] lon = new double[nLon];
    for (int j = 0; j < nLon; j++) {
      lon[j] = lon0 + j * dLon;
    }
    return new FieldGrid(lat, lon);
  }

  /** The latitudes (a copy). */
  @Override
  public double[] lat() {
    return lat.clone();
  }

  /** The longitudes (a copy). */
  @Override
  public double[] lon() {
    return lon.clone();
  }

  public int nLat() {
    return lat.length;
  }

  public int nLon() {
    return lon.length;
  }

  /** The number of cells, {@code nLat * nLon}. */
  public int cells() {
    return lat.length * lon.length;
  }

  /** The cell index of row {@code iLat} and column {@code iLon}. */
  public int index(int iLat, int iLon) {
    if (iLat < 0 || iLat >= lat.length || iLon < 0 || iLon >= lon.length) {
      throw new IndexOutOfBoundsException(
          "cell (" + iLat + ", " + iLon + ") is outside the grid " + describe());
    }
    return iLat * lon.length + iLon;
  }

  /** The latitude of cell {@code c}. */
  public double latOf(int cell) {
    return lat[cell / lon.length];
  }

  /** The longitude of cell {@code c}. */
  public double lonOf(int cell) {
    return lon[cell % lon.length];
  }

  /** Whether both axes have the same lengths and agree within {@link #TOLERANCE_DEGREES}. */
  public boolean matches(FieldGrid other) {
    return mismatch(other) == null;
  }

  /**
   * Why {@code other} does not match this grid (the axis and the first differing value), or null
   * when it matches within {@link #TOLERANCE_DEGREES}.
   */
  public String mismatch(FieldGrid other) {
    String m = axisMismatch("lat", other.lat, lat);
    return m != null ? m : axisMismatch("lon", other.lon, lon);
  }

  private static String axisMismatch(String name, double[] got, double[] expected) {
    if (got.length != expected.length) {
      return name + " has " + got.length + " values, expected " + expected.length;
    }
    for (int i = 0; i < got.length; i++) {
      if (!(Math.abs(got[i] - expected[i]) <= TOLERANCE_DEGREES)) {
        return name + "[" + i + "] = " + got[i] + ", expected " + expected[i];
      }
    }
    return null;
  }

  /**
   * The area of each cell in km² on a sphere of radius {@link #EARTH_RADIUS_KM}:
   *
   * <pre>
   *   A(i, j) = R² · Δλ_j · |sin φ_n(i) − sin φ_s(i)|
   * </pre>
   *
   * with Δλ in radians. Cell bounds lie half-way between neighbouring centres; the outer bounds are
   * half a neighbouring step beyond the first and last centre, and latitude bounds are clamped to
   * ±90° (so MERRA-2's polar rows, centred on the poles, are half-height). A grid spanning the
   * globe (a regular global grid, or MERRA-2's {@code lat -90..90 step 0.5}, {@code lon
   * -180..179.375 step 0.625}) sums to 4πR². A single row or column has no neighbour to take the
   * step from and is refused.
   */
  public double[] sphericalCellAreasKm2() {
    if (lat.length < 2 || lon.length < 2) {
      throw new IllegalArgumentException(
          "cell areas need at least two rows and columns to place cell bounds, grid is "
              + describe());
    }
    double[] sinBounds = new double[lat.length + 1];
    double[] latBounds = bounds(lat);
    for (int i = 0; i <= lat.length; i++) {
      sinBounds[i] = Math.sin(Math.toRadians(Math.max(-90, Math.min(90, latBounds[i]))));
    }
    double[] lonBounds = bounds(lon);
    double r2 = EARTH_RADIUS_KM * EARTH_RADIUS_KM;
    double[] areas = new double[cells()];
    for (int i = 0; i < lat.length; i++) {
      double band = Math.abs(sinBounds[i + 1] - sinBounds[i]);
      for (int j = 0; j < lon.length; j++) {
        double dLon = Math.toRadians(Math.abs(lonBounds[j + 1] - lonBounds[j]));
        areas[i * lon.length + j] = r2 * dLon * band;
      }
    }
    return areas;
  }

  private static double[] bounds(double[] c) {
    int n = c.length;
    double[] b = new double[n + 1];
    b[0] = c[0] - (c[1] - c[0]) / 2;
    for (int i = 1; i < n; i++) {
      b[i] = (c[i - 1] + c[i]) / 2;
    }
    b[n] = c[n - 1] + (c[n - 1] - c[n - 2]) / 2;
    return b;
  }

  /** For messages: {@code 361 x 576 (lat -90..90, lon -180..179.375)}. */
  public String describe() {
    return lat.length
        + " x "
        + lon.length
        + " (lat "
        + lat[0]
        + ".."
        + lat[lat.length - 1]
        + ", lon "
        + lon[0]
        + ".."
        + lon[lon.length - 1]
        + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldGrid g && Arrays.equals(lat, g.lat) && Arrays.equals(lon, g.lon);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lat) + Arrays.hashCode(lon);
  }

  @Override
  public String toString() {
    return "FieldGrid[" + describe() + "]";
  }

  /** The coder of this type. */
  public static Coder<FieldGrid> coder() {
    return FieldGridCoder.INSTANCE;
  }

  /** Coder of {@link FieldGrid}: both axes as counted arrays of doubles. */
  public static final class FieldGridCoder extends AtomicCoder<FieldGrid> {
    static final FieldGridCoder INSTANCE = new FieldGridCoder();

    /** The coder instance (for {@code @DefaultCoder}). */
    public static FieldGridCoder of() {
      return INSTANCE;
    }

    private static final long serialVersionUID = 1L;

    @Override
    public void encode(FieldGrid g, OutputStream out) throws IOException {
      writeAxis(g.lat, out);
      writeAxis(g.lon, out);
    }

    @Override
    public FieldGrid decode(InputStream in) throws IOException {
      return new FieldGrid(readAxis(in), readAxis(in));
    }

    private static void writeAxis(double[] a, OutputStream out) throws IOException {
      VarIntCoder.of().encode(a.length, out);
      for (double v : a) {
        DoubleCoder.of().encode(v, out);
      }
    }

    private static double[] readAxis(InputStream in) throws IOException {
      int n = VarIntCoder.of().decode(in);
      if (n < 0) {
        throw new IOException("corrupt FieldGrid encoding: axis length " + n);
      }
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = DoubleCoder.of().decode(in);
      }
      return a;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
