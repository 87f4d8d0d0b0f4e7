package org.magg.transforms.temporal;

import java.util.List;
import org.magg.io.gridded.GridSlice;

/**
 * The per-timestep spatial functions of magg's temporal pipelines: each reduces one timestep of a
 * field under a combined event mask (values &gt; 0 are inside; fractional masks weight cells) with
 * cell areas, to a scalar or a {@code (weighted_sum, weight_sum)} pair.
 */
public final class SpatialFunctions {
  /** Function names, as in magg's {@code SPATIAL_FUNCTIONS}. */
  public static final List<String> NAMES =
      List.of("max", "min", "weighted_sum", "weighted_mean", "max_gradient", "min_over_levels");

  /** Earth radius in km used by the original's gradient. */
  static final double EARTH_RADIUS_KM = 6378;

  /** A spatial function. */
  @FunctionalInterface
  public interface SpatialFunction extends java.io.Serializable {
    /** Reduces {@code field} under {@code mask} with {@code areas} (one per cell). */
    TimestepValue apply(long timeMillis, GridSlice field, CellMask mask, double[] areas);

    /** Reduces {@code field} under a dense mask (one value per cell, &gt; 0 inside). */
    default TimestepValue apply(long timeMillis, GridSlice field, double[] mask, double[] areas) {
      return apply(timeMillis, field, CellMask.fromDense(mask), areas);
    }
  }

  private SpatialFunctions() {}

  /** The function of this name; throws naming the allowed ones. */
  public static SpatialFunction forName(String name) {
    switch (name) {
      case "max":
        return SpatialFunctions::max;
      case "min":
        return SpatialFunctions::min;
      case "weighted_sum":
        return SpatialFunctions::weightedSum;
      case "weighted_mean":
        return SpatialFunctions::weightedMean;
      case "max_gradient":
        return SpatialFunctions::maxGradient;
      case "min_over_levels":
        return SpatialFunctions::minOverLevels;
      default:
        throw new IllegalArgumentException(
            "'" + name + "' is not a spatial function (allowed: " + String.join(", ", NAMES) + ")");
    }
  }

  /** Whether the function yields {@code (weighted_sum, weight_sum)} pairs. */
  public static boolean yieldsPairs(String name) {
    return name.equals("weighted_mean") || name.equals("min_over_levels");
  }

  /** Largest non-NaN value of {@code value * mask} where the mask is positive; NaN if none. */
  static TimestepValue max(long t, GridSlice f, CellMask mask, double[] areas) {
    double[] values = f.values();
    double best = Double.NaN;
    for (int k = 0; k < mask.size(); k++) {
      double w = mask.weight(k);
      if (w > 0) {
        double v = values[mask.cell(k)] * w;
        if (!Double.isNaN(v) && (Double.isNaN(best) || v > best)) {
          best = v;
        }
      }
    }
    return TimestepValue.scalar(t, best);
  }

  /** Smallest non-NaN value where the mask is positive; NaN if none. */
  static TimestepValue min(long t, GridSlice f, CellMask mask, double[] areas) {
    double[] values = f.values();
    double best = Double.NaN;
    for (int k = 0; k < mask.size(); k++) {
      double v = values[mask.cell(k)];
      if (mask.weight(k) > 0 && !Double.isNaN(v) && (Double.isNaN(best) || v < best)) {
        best = v;
      }
    }
    return TimestepValue.scalar(t, best);
  }

  /** {@code sum(value * mask * area)}, skipping NaN (0 for an empty mask). */
  static TimestepValue weightedSum(long t, GridSlice f, CellMask mask, double[] areas) {
    return TimestepValue.scalar(t, weighted(f.values(), 0, mask, areas));
  }

  /** {@code (sum(value * mask * area), sum(mask * area))}, NaN values skipped in the first. */
  static TimestepValue weightedMean(long t, GridSlice f, CellMask mask, double[] areas) {
    return TimestepValue.pair(t, weighted(f.values(), 0, mask, areas), weights(mask, areas));
  }

  /** Minimum over levels, then the weighted-mean pair; {@code (NaN, NaN)} for an empty mask. */
  static TimestepValue minOverLevels(long t, GridSlice f, CellMask mask, double[] areas) {
    double w = weights(mask, areas);
    if (w == 0) {
      return TimestepValue.pair(t, Double.NaN, Double.NaN);
    }
    double[] v = f.values();
    int n = f.cells();
    double sum = 0;
    for (int k = 0; k < mask.size(); k++) {
      int c = mask.cell(k);
      double min = Double.NaN;
      for (int lev = 0; lev < f.levels(); lev++) {
        double x = v[lev * n + c];
        if (!Double.isNaN(x) && (Double.isNaN(min) || x < min)) {
          min = x;
        }
      }
      double x = min * mask.weight(k) * areas[c];
      if (!Double.isNaN(x)) {
        sum += x;
      }
    }
    return TimestepValue.pair(t, sum, w);
  }

  /**
   * The largest gradient magnitude where the mask is positive, with the original's formula:
   * coordinates in radians, derivatives by numpy's {@code gradient} rule (second-order centred
   * differences inside, first-order at the edges), {@code d/dlat / 6378} and {@code d/dlon /
   * (sin(lat) * 6378)}. NaN when the mask is empty.
   */
  static TimestepValue maxGradient(long t, GridSlice f, CellMask mask, double[] areas) {
    if (mask.isEmpty()) {
      return TimestepValue.scalar(t, Double.NaN);
    }
    int nLon = f.nLon();
    double[] latR = radians(f.lat());
    double[] lonR = radians(f.lon());
    double[] v = f.values();
    double best = Double.NaN;
    for (int k = 0; k < mask.size(); k++) {
      double w = mask.weight(k);
      if (!(w > 0)) {
        continue;
      }
      int c = mask.cell(k);
      int i = c / nLon;
      int j = c % nLon;
      double dLat = derivative(latR, i, v, j, nLon) / EARTH_RADIUS_KM;
      double dLon = derivative(lonR, j, v, i * nLon, 1) / (Math.sin(latR[i]) * EARTH_RADIUS_KM);
      double g = Math.sqrt(dLon * dLon + dLat * dLat) * w;
      if (!Double.isNaN(g) && (Double.isNaN(best) || g > best)) {
        best = g;
      }
    }
    return TimestepValue.scalar(t, best);
  }

  /**
   * numpy.gradient (edge_order=1) at index {@code i} of a series sampled at coordinates {@code x},
   * whose k-th value is {@code v[offset + k * stride]}.
   */
  static double derivative(double[] x, int i, double[] v, int offset, int stride) {
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    if (i == 0) {
      return (v[offset + stride] - v[offset]) / (x[1] - x[0]);
    }
    if (i == n - 1) {
      return (v[offset + (n - 1) * stride] - v[offset + (n - 2) * stride]) / (x[n - 1] - x[n - 2]);
    }
    double hs = x[i] - x[i - 1];
    double hd = x[i + 1] - x[i];
    double a = -hd / (hs * (hd + hs));
    double b = (hd - hs) / (hd * hs);
    double c = hs / (hd * (hd + hs));
    return a * v[offset + (i - 1) * stride]
        + b * v[offset + i * stride]
        + c * v[offset + (i + 1) * stride];
  }

  private static double[] radians(double[] deg) {
    double[] out = new double[deg.length];
    for (int i = 0; i < deg.length; i++) {
      out[i] = Math.toRadians(deg[i]);
    }
    return out;
  }

  private static double weighted(double[] values, int offset, CellMask mask, double[] areas) {
    double sum = 0;
    for (int k = 0; k < mask.size(); k++) {
      int c = mask.cell(k);
      double x = values[offset + c] * mask.weight(k) * areas[c];
      if (!Double.isNaN(x)) {
        sum += x;
      }
    }
    return sum;
  }

  private static double weights(CellMask mask, double[] areas) {
    double sum = 0;
    for (int k = 0; k < mask.size(); k++) {
      double x = mask.weight(k) * areas[mask.cell(k)];
      if (!Double.isNaN(x)) {
        sum += x;
      }
    }
    return sum;
  }
}
