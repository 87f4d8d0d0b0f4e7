package org.magg.transforms.event;

import java.io.Serializable;
import java.util.Objects;
import org.magg.core.grid.Vectors;
import org.magg.io.temporal.FieldGrid;

/**
 * The grid objects are detected on: the {@link FieldGrid} (cell {@code c = iLat * nLon + iLon}),
 * the area of each cell in km² and whether longitude wraps around (the last column neighbours the
 * first). Holds the per-row and per-column unit-vector factors that centroids are computed from:
 * the unit vector of cell {@code (i, j)} is {@code (cosLat[i] cosLon[j], cosLat[i] sinLon[j],
 * sinLat[i])}. Immutable.
 */
public final class DetectionGrid implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How far from 360° the longitude span of a global grid may be, in degrees. */
  static final double GLOBAL_SPAN_TOLERANCE_DEGREES = 1e-3;

  private final FieldGrid grid;
  private final double[] areasKm2;
  private final boolean wraps;
  private final double[] cosLat;
  private final double[] sinLat;
  private final double[] cosLon;
  private final double[] sinLon;

  private DetectionGrid(FieldGrid grid, double[] areasKm2, boolean wraps) {
    this.grid = grid;
    this.areasKm2 = areasKm2;
    this.wraps = wraps;
    double[] v = new double[3];
    double[] lat = grid.lat();
    cosLat = new double[lat.length];
    sinLat = new double[lat.length];
    for (int i = 0; i < lat.length; i++) {
      Vectors.fromLonLat(0, lat[i], v, 0);
      cosLat[i] = v[0];
      sinLat[i] = v[2];
    }
    double[] lon = grid.lon();
    cosLon = new double[lon.length];
    sinLon = new double[lon.length];
    for (int j = 0; j < lon.length; j++) {
      Vectors.fromLonLat(lon[j], 0, v, 0);
      cosLon[j] = v[0];
      sinLon[j] = v[1];
    }
  }

  /**
   * The grid with the spherical cell areas of {@link FieldGrid#sphericalCellAreasKm2()}; wraps
   * around when it is {@link #isGlobal global} in longitude.
   */
  public static DetectionGrid of(FieldGrid grid) {
    Objects.requireNonNull(grid, "Detection grid cannot be null.");
    return new DetectionGrid(grid, grid.sphericalCellAreasKm2(), isGlobal(grid));
  }

  /**
   * The grid with given cell areas (a {@code cell_areas} static field), one per cell, row-major;
   * wraps around when it is {@link #isGlobal global} in longitude.
   *
   * @throws IllegalArgumentException when the count differs from the grid's cells or an area is
   *     negative or not finite
   */
  public static DetectionGrid of(FieldGrid grid, double[] cellAreasKm2) {
    Objects.requireNonNull(grid, "Detection grid cannot be null.");
    Objects.requireNonNull(cellAreasKm2, "Cell areas cannot be null.");
    if (cellAreasKm2.length != grid.cells()) {
      throw new IllegalArgumentException(
          "cell areas: "
              + cellAreasKm2.length
              + " values for the "
              + grid.cells()
              + " cells of the grid "
              + grid.describe());
    }
    for (int c = 0; c < cellAreasKm2.length; c++) {
      if (!(cellAreasKm2[c] >= 0) || Double.isInfinite(cellAreasKm2[c])) {
        throw new IllegalArgumentException(
            "cell areas: cell "
                + c
                + " has area "
                + cellAreasKm2[c]
                + " (expected a finite km² >= 0)");
      }
    }
    return new DetectionGrid(grid, cellAreasKm2.clone(), isGlobal(grid));
  }

  /** This grid, with longitude wrapping around or not whatever its span. */
  public DetectionGrid withWrap(boolean wrap) {
    return wrap == wraps ? this : new DetectionGrid(grid, areasKm2, wrap);
  }

  /**
   * Whether the longitudes span the globe: with at least two columns, {@code nLon} times the mean
   * spacing is 360° within {@value #GLOBAL_SPAN_TOLERANCE_DEGREES}° (MERRA-2: 576 x 0.625°).
   */
  public static boolean isGlobal(FieldGrid grid) {
    double[] lon = grid.lon();
    int n = lon.length;
    if (n < 2) {
      return false;
    }
    double span = Math.abs(lon[n - 1] - lon[0]) * n / (n - 1);
    return Math.abs(span - 360) <= GLOBAL_SPAN_TOLERANCE_DEGREES;
  }

  public FieldGrid grid() {
    return grid;
  }

  /** Whether the last column neighbours the first. */
  public boolean wraps() {
    return wraps;
  }

  public int nLat() {
    return cosLat.length;
  }

  public int nLon() {
    return cosLon.length;
  }

  public int cells() {
    return areasKm2.length;
  }

  /** The area of cell {@code c} in km². */
  public double areaKm2(int cell) {
    return areasKm2[cell];
  }

  /** The areas, not copied: callers only read them. */
  double[] areas() {
    return areasKm2;
  }

  double[] cosLat() {
    return cosLat;
  }

  double[] sinLat() {
    return sinLat;
  }

  double[] cosLon() {
    return cosLon;
  }

  double[] sinLon() {
    return sinLon;
  }

  @Override
  public String toString() {
    return "DetectionGrid[" + grid.describe() + (wraps ? ", wraps" : "") + "]";
  }
}
