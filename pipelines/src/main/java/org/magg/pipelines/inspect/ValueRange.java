package org.magg.pipelines.inspect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.magg.core.Json;

/**
 * The range of a variable's values, accumulated value by value: how many were read, how many are
 * NaN (or the variable's fill value, when it has one that is not NaN), and the minimum and maximum
 * of the others.
 */
final class ValueRange {
  private final boolean integers;
  private final double fill;
  private long count;
  private long nan;
  private long filled;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /**
   * @param integers whether values are integers (printed without a fraction)
   * @param fill a fill value that does not count in the range, or NaN for none
   */
  ValueRange(boolean integers, double fill) {
    this.integers = integers;
    this.fill = fill;
  }

  void add(double v) {
    count++;
    if (Double.isNaN(v)) {
      nan++;
    } else if (v == fill) {
      filled++;
    } else {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }

  long count() {
    return count;
  }

  long nan() {
    return nan;
  }

  long filled() {
    return filled;
  }

  /** The minimum of the values that are neither NaN nor the fill value (NaN when none are). */
  double min() {
    return hasValues() ? min : Double.NaN;
  }

  double max() {
    return hasValues() ? max : Double.NaN;
  }

  boolean hasValues() {
    return count > nan + filled;
  }

  /** A value as printed: an integer without a fraction, others with up to 6 significant digits. */
  String format(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (integers || (v == Math.rint(v) && Math.abs(v) < 1e15)) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    return number(v);
  }

  /**
   * A number for people: whole below 10^15 from 10^5 up (2255620), else up to 6 significant digits
   * with the fraction's trailing zeros dropped (0.5, 473.638, 4.51636e-05).
   */
  static String number(double v) {
    double a = Math.abs(v);
    if (a >= 1e5 && a < 1e15) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    String s = String.format(Locale.ROOT, "%.6g", v);
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    String exponent = e < 0 ? "" : s.substring(e);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return mantissa + exponent;
  }

  ObjectNode toJson() {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("values", count);
    o.put("nan", nan);
    if (!Double.isNaN(fill)) {
      o.put("fill", filled);
    }
    if (hasValues()) {
      if (integers) {
        o.put("min", (long) min);
        o.put("max", (long) max);
      } else {
        o.put("min", min);
        o.put("max", max);
      }
    } else {
      o.putNull("min");
      o.putNull("max");
    }
    return o;
  }
}
