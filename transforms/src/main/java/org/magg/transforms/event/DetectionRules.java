package org.magg.transforms.event;

import java.io.Serializable;

/**
 * How objects are detected at one timestep: cells of the mask are connected through their 4 edge
 * neighbours or also their 4 corner neighbours ({@code connectivity} 4 or 8), and a connected
 * object is kept when it has at least {@code minCells} cells and at least {@code minAreaKm2} km².
 */
public record DetectionRules(int connectivity, int minCells, double minAreaKm2)
    implements Serializable {

  /**
   * @throws IllegalArgumentException naming the setting and what is accepted
   */
  public DetectionRules {
    if (connectivity != 4 && connectivity != 8) {
      throw new IllegalArgumentException(
          "detection.connectivity is " + connectivity + " (expected 4 or 8)");
    }
    if (minCells < 1) {
      throw new IllegalArgumentException(
          "detection.min_cells is " + minCells + " (expected an integer >= 1)");
    }
    if (!(minAreaKm2 >= 0) || Double.isInfinite(minAreaKm2)) {
      throw new IllegalArgumentException(
          "detection.min_area_km2 is " + minAreaKm2 + " (expected a finite number >= 0)");
    }
  }

  /** Whether an object of {@code cells} cells and {@code areaKm2} is large enough to keep. */
  boolean keeps(int cells, double areaKm2) {
    return cells >= minCells && areaKm2 >= minAreaKm2;
  }
}
