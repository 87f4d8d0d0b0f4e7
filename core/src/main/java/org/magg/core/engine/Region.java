package org.magg.core.engine;

import java.io.Serializable;

/**
 * A box of the cube in index space, half-open: timesteps {@code [t0, t1)}, lat cells {@code [lat0,
 * lat1)}, lon cells {@code [lon0, lon1)}. Static variables ignore the time range.
 */
public record Region(int t0, int t1, int lat0, int lat1, int lon0, int lon1)
    implements Serializable {

  /** Checks that every range is non-empty and starts at 0 or later. */
  public Region {
    if (t0 < 0 || t1 <= t0 || lat0 < 0 || lat1 <= lat0 || lon0 < 0 || lon1 <= lon0) {
      throw new IllegalArgumentException(
          "region must be non-empty and non-negative: " + text(t0, t1, lat0, lat1, lon0, lon1));
    }
  }

  public int nt() {
    return t1 - t0;
  }

  public int nLat() {
    return lat1 - lat0;
  }

  public int nLon() {
    return lon1 - lon0;
  }

  /** Cells of one timestep: {@code nLat * nLon}. */
  public int cellsPerStep() {
    return nLat() * nLon();
  }

  /** The values a field of {@code kind} over this region holds. */
  public int size(VarKind kind) {
    return kind == VarKind.TIME ? nt() * cellsPerStep() : cellsPerStep();
  }

  /** This region grown by {@code cells} on every spatial side, cut to {@code nLat x nLon}. */
  public Region withHalo(int cells, int nLat, int nLon) {
    return new Region(
        t0,
        t1,
        Math.max(0, lat0 - cells),
        Math.min(nLat, lat1 + cells),
        Math.max(0, lon0 - cells),
        Math.min(nLon, lon1 + cells));
  }

  @Override
  public String toString() {
    return text(t0, t1, lat0, lat1, lon0, lon1);
  }

  private static String text(int t0, int t1, int lat0, int lat1, int lon0, int lon1) {
    return "time[" + t0 + ":" + t1 + "] lat[" + lat0 + ":" + lat1 + "] lon[" + lon0 + ":" + lon1
        + "]";
  }
}
