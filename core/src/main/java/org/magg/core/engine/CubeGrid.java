package org.magg.core.engine;

import java.io.Serializable;
import java.util.Objects;

/**
 * The cube's grid: latitude and longitude axes, the timesteps, and the tile size (cells per tile
 * along lat and lon) that tile writes and tile-parallel producers align to.
 *
 * @param lat the latitude axis
 * @param lon the longitude axis
 * @param time the timesteps of time variables
 * @param tileLat cells per tile along lat (at least 1; the last tile may be smaller)
 * @param tileLon cells per tile along lon (at least 1; the last tile may be smaller)
 */
public record CubeGrid(Axis lat, Axis lon, TimeAxis time, int tileLat, int tileLon)
    implements Serializable {

  /** Metres per degree of latitude on the sphere of mean Earth radius 6371.0088 km. */
  public static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180.0;

  /** Checks the fields. @throws IllegalArgumentException naming the field */
  public CubeGrid {
    Objects.requireNonNull(lat, "grid.lat is required");
    Objects.requireNonNull(lon, "grid.lon is required");
    Objects.requireNonNull(time, "time is required");
    if (tileLat < 1 || tileLon < 1) {
      throw new IllegalArgumentException(
          "tile must be at least 1 x 1 cells, got " + tileLat + " x " + tileLon);
    }
  }

  /** The tiles along lat: {@code ceil(lat.count / tileLat)}. */
  public int tilesLat() {
    return (lat.count() + tileLat - 1) / tileLat;
  }

  /** The tiles along lon: {@code ceil(lon.count / tileLon)}. */
  public int tilesLon() {
    return (lon.count() + tileLon - 1) / tileLon;
  }

  /** The cells of one spatial tile as a region over timesteps {@code [t0, t1)}. */
  public Region tile(int t0, int t1, int tileI, int tileJ) {
    if (tileI < 0 || tileI >= tilesLat() || tileJ < 0 || tileJ >= tilesLon()) {
      throw new IndexOutOfBoundsException(
          "tile (" + tileI + ", " + tileJ + ") is outside " + tilesLat() + " x " + tilesLon());
    }
    int lat0 = tileI * tileLat;
    int lon0 = tileJ * tileLon;
    return new Region(
        t0,
        t1,
        lat0,
        Math.min(lat0 + tileLat, lat.count()),
        lon0,
        Math.min(lon0 + tileLon, lon.count()));
  }

  /** Every cell at every timestep. */
  public Region whole() {
    return new Region(0, time.count(), 0, lat.count(), 0, lon.count());
  }

  /**
   * The grid's nominal native resolution in metres: the latitude spacing times {@link
   * #METRES_PER_DEGREE}.
   */
  public double nominalResolutionM() {
    return Math.abs(lat.step()) * METRES_PER_DEGREE;
  }
}
