package org.magg.io.gridded;

/**
 * The CF decoding of a variable's stored values: {@code _Unsigned}, {@code _FillValue}, {@code
 * missing_value} and {@code valid_min}/{@code valid_max}/{@code valid_range} (compared with the
 * stored values, as CF requires them in the packed type) become NaN; the others are unpacked as
 * {@code stored * scale_factor + add_offset}. Attribute values are first brought to the stored
 * type's precision (a double {@code _FillValue} on float data matches the float it rounds to).
 */
final class Packing {
  private final double[] missing;
  private final double validMin;
  private final double validMax;
  private final double scale;
  private final double offset;
  private final double unsignedModulus;

  private Packing(
      double[] missing,
      double validMin,
      double validMax,
      double scale,
      double offset,
      double unsignedModulus) {
    this.missing = missing;
    this.validMin = validMin;
    this.validMax = validMax;
    this.scale = scale;
    this.offset = offset;
    this.unsignedModulus = unsignedModulus;
  }

  /**
   * The decoding of a variable; {@code extraFill} is a fill value the format declares outside the
   * attributes (Zarr's {@code fill_value}), or NaN.
   */
  static Packing of(VariableInfo v, double extraFill, String where) {
    boolean unsigned =
        v.integerBytes() > 0
            && v.integerBytes() < 8
            && "true".equalsIgnoreCase(String.valueOf(v.text("_Unsigned")));
    double modulus = unsigned ? Math.pow(2, 8 * v.integerBytes()) : 0;
    double[] fill = v.numbers("_FillValue");
    double[] miss = v.numbers("missing_value");
    int n = (fill != null && fill.length > 0 ? 1 : 0) + (miss != null ? miss.length : 0);
    n += Double.isNaN(extraFill) ? 0 : 1;
    double[] missing = new double[n];
    int k = 0;
    if (fill != null && fill.length > 0) {
      missing[k++] = stored(fill[0], v, modulus);
    }
    if (miss != null) {
      for (double m : miss) {
        missing[k++] = stored(m, v, modulus);
      }
    }
    if (!Double.isNaN(extraFill)) {
      missing[k++] = stored(extraFill, v, modulus);
    }
    double lo = Double.NEGATIVE_INFINITY;
    double hi = Double.POSITIVE_INFINITY;
    double[] range = v.numbers("valid_range");
    if (range != null) {
      if (range.length != 2) {
        throw new IllegalArgumentException(
            where + ": valid_range has " + range.length + " value(s), expected 2 (min, max)");
      }
      lo = stored(range[0], v, modulus);
      hi = stored(range[1], v, modulus);
    }
    double[] vmin = v.numbers("valid_min");
    if (vmin != null && vmin.length > 0) {
      lo = stored(vmin[0], v, modulus);
    }
    double[] vmax = v.numbers("valid_max");
    if (vmax != null && vmax.length > 0) {
      hi = stored(vmax[0], v, modulus);
    }
    double scale = first(v.numbers("scale_factor"), 1.0, where, "scale_factor");
    double offset = first(v.numbers("add_offset"), 0.0, where, "add_offset");
    return new Packing(missing, lo, hi, scale, offset, modulus);
  }

  private static double first(double[] values, double dflt, String where, String name) {
    if (values == null) {
      return dflt;
    }
    if (values.length != 1) {
      throw new IllegalArgumentException(
          where + ": " + name + " has " + values.length + " values, expected one");
    }
    return values[0];
  }

  /** An attribute value at the precision (and signedness) of the stored values. */
  private static double stored(double a, VariableInfo v, double modulus) {
    if (v.float32()) {
      return (float) a;
    }
    if (modulus > 0 && a < 0) {
      return a + modulus;
    }
    return a;
  }

  /** Decodes stored values in place. */
  void decode(double[] values) {
    boolean unpack = scale != 1.0 || offset != 0.0;
    boolean ranged = validMin != Double.NEGATIVE_INFINITY || validMax != Double.POSITIVE_INFINITY;
    double[] miss = missing;
    if (!unpack && !ranged && unsignedModulus == 0 && miss.length <= 1) {
      // the common case (a float field with one _FillValue): only fill values become NaN
      double m = miss.length == 1 ? miss[0] : Double.NaN;
      for (int i = 0; i < values.length; i++) {
        if (values[i] == m) {
          values[i] = Double.NaN;
        }
      }
      return;
    }
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (unsignedModulus > 0 && v < 0) {
        v += unsignedModulus;
      }
      boolean bad = v != v;
      for (int m = 0; m < miss.length && !bad; m++) {
        bad = v == miss[m];
      }
      if (!bad && ranged) {
        bad = v < validMin || v > validMax;
      }
      values[i] = bad ? Double.NaN : unpack ? v * scale + offset : v;
    }
  }
}
