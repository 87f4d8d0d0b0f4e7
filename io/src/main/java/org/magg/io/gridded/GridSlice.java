package org.magg.io.gridded;

import java.util.Arrays;

/**
 * One timestep of a gridded variable on a regular latitude/longitude grid, optionally with vertical
 * levels: {@code values[(lev * nLat + i) * nLon + j]}. Missing values are NaN.
 *
 * @param lat latitudes in degrees, one per row
 * @param lon longitudes in degrees, one per column
 * @param levels number of vertical levels (1 for a 2-D field)
 * @param values the field, level-major then row-major
 *     <p>Equality compares the arrays' contents.
 */
public record GridSlice(double[] lat, double[] lon, int levels, double[] values) {

  public GridSlice {
    if (levels < 1 || values.length != (long) levels * lat.length * lon.length) {
      throw new IllegalArgumentException(
          "a field of "
              + levels
              + " level(s) on "
              + lat.length
              + " x "
              + lon.length
              + " needs "
              + ((long) levels * lat.length * lon.length)
              + " values, got "
              + values.length);
    }
  }

  /** Equal when the coordinates, level count and values are equal (NaN equals NaN). */
  @Override
  public boolean equals(Object o) {
    return o instanceof GridSlice g
        && levels == g.levels
        && Arrays.equals(lat, g.lat)
        && Arrays.equals(lon, g.lon)
        && Arrays.equals(values, g.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * levels + Arrays.hashCode(lat)) + Arrays.hashCode(lon))
        + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "GridSlice[" + levels + " x " + lat.length + " x " + lon.length + "]";
  }

  /** A 2-D field. */
  public static GridSlice of(double[] lat, double[] lon, double[] values) {
    return new GridSlice(lat, lon, 1, values);
  }

  public int nLat() {
    return lat.length;
  }

  public int nLon() {
    return lon.length;
  }

  public int cells() {
    return lat.length * lon.length;
  }
}
