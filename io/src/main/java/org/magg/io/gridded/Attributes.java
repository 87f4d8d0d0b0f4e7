package org.magg.io.gridded;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Attribute values as the sources keep them: numbers as {@code double[]}, text as strings. */
final class Attributes {
  private Attributes() {}

  /**
   * A value read by a format library (boxed number, primitive or boxed array, string, string array,
   * JSON list) as {@code double[]} or {@code String}; null when it is neither.
   */
  static Object normalize(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number n) {
      return new double[] {n.doubleValue()};
    }
    if (value instanceof Boolean b) {
      return new double[] {b ? 1 : 0};
    }
    if (value instanceof String[] s) {
      return s.length == 1 ? s[0] : String.join(",", s);
    }
    if (value.getClass().isArray()) {
      int n = Array.getLength(value);
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        Object e = Array.get(value, i);
        if (!(e instanceof Number num)) {
          return null;
        }
        out[i] = num.doubleValue();
      }
      return out;
    }
    if (value instanceof Collection<?> c) {
      double[] out = new double[c.size()];
      int i = 0;
      for (Object e : c) {
        if (e instanceof Number num) {
          out[i++] = num.doubleValue();
        } else if (e instanceof String s && c.size() == 1) {
          return s;
        } else if (e instanceof String s && isSpecialFloat(s)) {
          out[i++] = specialFloat(s);
        } else {
          return null;
        }
      }
      return out;
    }
    if (value instanceof Map<?, ?>) {
      return null;
    }
    return null;
  }

  /** Zarr JSON spells non-finite floats as strings. */
  static boolean isSpecialFloat(String s) {
    return List.of("NaN", "Infinity", "-Infinity").contains(s);
  }

  static double specialFloat(String s) {
    return switch (s) {
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.NaN;
    };
  }
}
