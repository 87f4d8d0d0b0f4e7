package org.magg.core.engine;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The values of one variable over a {@link Region}, in C order: {@code (time, lat, lon)} for time
 * variables, {@code (lat, lon)} for static ones. NaN is "no value".
 *
 * @param variable the variable's name
 * @param kind its kind, which fixes the shape
 * @param region the cells covered
 * @param values {@link Region#size(VarKind)} values
 * @param nativeResM the native resolution of the data in metres, or NaN if unknown
 */
public record Field(
    String variable, VarKind kind, Region region, double[] values, double nativeResM)
    implements Serializable {

  /** Checks that the values fill the region. */
  public Field {
    Objects.requireNonNull(variable, "variable");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(values, "values");
    if (values.length != region.size(kind)) {
      throw new IllegalArgumentException(
          "field '"
              + variable
              + "' over "
              + region
              + " ("
              + kind.id()
              + ") needs "
              + region.size(kind)
              + " values, got "
              + values.length);
    }
  }

  /**
   * The value at timestep {@code t} (ignored for static fields) and cell {@code (i, j)}, all
   * relative to the region.
   */
  public double at(int t, int i, int j) {
    int cell = i * region.nLon() + j;
    return values[kind == VarKind.TIME ? t * region.cellsPerStep() + cell : cell];
  }

  /**
   * The values over {@code part}, which must lie inside this field's region (its time range is
   * ignored for a static field).
   *
   * @throws IllegalArgumentException if {@code part} reaches outside the region
   */
  public Field sub(Region part) {
    boolean time = kind == VarKind.TIME;
    if ((time && (part.t0() < region.t0() || part.t1() > region.t1()))
        || part.lat0() < region.lat0()
        || part.lat1() > region.lat1()
        || part.lon0() < region.lon0()
        || part.lon1() > region.lon1()) {
      throw new IllegalArgumentException(
          "field '" + variable + "' over " + region + " does not cover " + part);
    }
    double[] out = new double[part.size(kind)];
    int k = 0;
    int nt = time ? part.nt() : 1;
    for (int t = 0; t < nt; t++) {
      int ft = time ? part.t0() - region.t0() + t : 0;
      for (int i = part.lat0(); i < part.lat1(); i++) {
        for (int j = part.lon0(); j < part.lon1(); j++) {
          out[k++] = at(ft, i - region.lat0(), j - region.lon0());
        }
      }
    }
    return new Field(variable, kind, part, out, nativeResM);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Field f
        && f.variable.equals(variable)
        && f.kind == kind
        && f.region.equals(region)
        && Arrays.equals(f.values, values)
        && Double.compare(f.nativeResM, nativeResM) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(variable, kind, region, Arrays.hashCode(values), nativeResM);
  }

  @Override
  public String toString() {
    return "Field[" + variable + " " + kind.id() + " " + region + ", " + values.length + " values]";
  }
}
