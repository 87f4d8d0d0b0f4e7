package org.magg.transforms.event;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One connected object at one timestep: its local number (1, 2, ... in the row-major order of the
 * objects' first cells, counting only the objects kept), its cells (sorted), its area, its
 * area-weighted centroid (the area-weighted mean of the cells' unit vectors, back to latitude and
 * longitude; longitude in [-180, 180)), the maximum of the value field over its cells (NaN values
 * ignored; NaN when every value is NaN) and the first cell holding it, and whether it touches the
 * landfall region. Immutable.
 */
public final class DetectedObject implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int number;
  private final int[] cells;
  private final double areaKm2;
  private final double centroidLat;
  private final double centroidLon;
  private final double maxValue;
  private final int maxCell;
  private final boolean landfall;

  DetectedObject(
      int number,
      int[] cells,
      double areaKm2,
      double centroidLat,
      double centroidLon,
      double maxValue,
      int maxCell,
      boolean landfall) {
    this.number = number;
    this.cells = cells;
    this.areaKm2 = areaKm2;
    this.centroidLat = centroidLat;
    this.centroidLon = centroidLon;
    this.maxValue = maxValue;
    this.maxCell = maxCell;
    this.landfall = landfall;
  }

  /** 1, 2, ... in the row-major order of the kept objects' first cells at this timestep. */
  public int number() {
    return number;
  }

  /** The cell indices, sorted (a copy). */
  public int[] cells() {
    return cells.clone();
  }

  /** The cells, not copied, for this package's linking. */
  int[] cellArray() {
    return cells;
  }

  public int cellCount() {
    return cells.length;
  }

  public double areaKm2() {
    return areaKm2;
  }

  public double centroidLat() {
    return centroidLat;
  }

  /** In [-180, 180). */
  public double centroidLon() {
    return centroidLon;
  }

  /** The maximum of the value field over the cells, NaN ignored (NaN when all are). */
  public double maxValue() {
    return maxValue;
  }

  /** The first cell (row-major) holding {@link #maxValue()}; the first cell when all are NaN. */
  public int maxCell() {
    return maxCell;
  }

  /** Whether a cell lies in the landfall region (false without one). */
  public boolean landfall() {
    return landfall;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DetectedObject d
        && number == d.number
        && Arrays.equals(cells, d.cells)
        && Double.compare(areaKm2, d.areaKm2) == 0
        && Double.compare(centroidLat, d.centroidLat) == 0
        && Double.compare(centroidLon, d.centroidLon) == 0
        && Double.compare(maxValue, d.maxValue) == 0
        && maxCell == d.maxCell
        && landfall == d.landfall;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * number + Arrays.hashCode(cells)) + Double.hashCode(areaKm2);
  }

  @Override
  public String toString() {
    return "DetectedObject[#"
        + number
        + ", "
        + cells.length
        + " cells, "
        + areaKm2
        + " km², centroid ("
        + centroidLat
        + ", "
        + centroidLon
        + "), max "
        + maxValue
        + " at "
        + maxCell
        + (landfall ? ", landfall" : "")
        + "]";
  }
}
