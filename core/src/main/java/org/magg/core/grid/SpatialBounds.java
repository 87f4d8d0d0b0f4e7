package org.magg.core.grid;

import java.io.Serializable;

/**
 * A longitude/latitude box; points outside it are filtered (reason {@code outside_bounds}).
 * Longitudes are compared in [-180, 180]; a box with {@code lonMin > lonMax} crosses the
 * antimeridian.
 */
public record SpatialBounds(double lonMin, double latMin, double lonMax, double latMax)
    implements Serializable {

  /** True when (lon, lat) in degrees lies inside the box, edges included. */
  public boolean contains(double lon, double lat) {
    if (lat < latMin || lat > latMax) {
      return false;
    }
    double l = ((lon + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
    return lonMin <= lonMax ? l >= lonMin && l <= lonMax : l >= lonMin || l <= lonMax;
  }
}
