package org.magg.transforms.spatial;

/**
 * Numeric kernels over {@code a[from, to)}, in float64, following numpy's float64 semantics.
 *
 * <p>Sums use Neumaier's compensated summation (at least as accurate as numpy's pairwise
 * summation); a non-finite running sum is returned as is, so infinities and NaN propagate exactly
 * as in numpy. Order statistics take the ranked values from {@link Ranks} (the values a sorted copy
 * would hold) and reproduce numpy's {@code quantile(method='linear')} and {@code median} arithmetic
 * step by step.
 */
final class Stats {
  private Stats() {}

  static double sum(double[] a, int from, int to) {
    double s = 0.0;
    double c = 0.0;
    for (int i = from; i < to; i++) {
      double x = a[i];
      double t = s + x;
      if (Math.abs(s) >= Math.abs(x)) {
        c += (s - t) + x;
      } else {
        c += (x - t) + s;
      }
      s = t;
    }
    return Double.isFinite(s) ? s + c : s;
  }

  static double mean(double[] a, int from, int to) {
    return sum(a, from, to) / (to - from);
  }

  /** {@code numpy.min}: NaN if any element is NaN. */
  static double min(double[] a, int from, int to) {
    double m = Double.POSITIVE_INFINITY;
    for (int i = from; i < to; i++) {
      double x = a[i];
      if (x < m) {
        m = x;
      } else if (x != x) {
        return Double.NaN;
      }
    }
    return to > from ? m : Double.NaN;
  }

  /** {@code numpy.max}: NaN if any element is NaN. */
  static double max(double[] a, int from, int to) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      double x = a[i];
      if (x > m) {
        m = x;
      } else if (x != x) {
        return Double.NaN;
      }
    }
    return to > from ? m : Double.NaN;
  }

  /**
   * {@code numpy.var(a, ddof=ddof)}: two passes, {@code sum((a - mean)**2) / max(n - ddof, 0)} (so
   * {@code n <= ddof} gives inf or NaN like numpy's division by zero).
   */
  static double var(double[] a, int from, int to, int ddof) {
    int n = to - from;
    double mean = sum(a, from, to) / n;
    double s = 0.0;
    double c = 0.0;
    for (int i = from; i < to; i++) {
      double d = a[i] - mean;
      double x = d * d;
      double t = s + x;
      if (s >= x) {
        c += (s - t) + x;
      } else {
        c += (x - t) + s;
      }
      s = t;
    }
    double ss = Double.isFinite(s) ? s + c : s;
    return ss / Math.max(n - ddof, 0);
  }

  /** {@code numpy.nansum}: sum of the non-NaN elements, 0 if there are none. */
  static double nanSum(double[] a, int from, int to) {
    double s = 0.0;
    double c = 0.0;
    for (int i = from; i < to; i++) {
      double x = a[i];
      if (x != x) {
        continue;
      }
      double t = s + x;
      if (Math.abs(s) >= Math.abs(x)) {
        c += (s - t) + x;
      } else {
        c += (x - t) + s;
      }
      s = t;
    }
    return Double.isFinite(s) ? s + c : s;
  }

  static int countNonNaN(double[] a, int from, int to) {
    int k = 0;
    for (int i = from; i < to; i++) {
      if (a[i] == a[i]) {
        k++;
      }
    }
    return k;
  }

  /** {@code numpy.nanmean}: NaN when every element is NaN. */
  static double nanMean(double[] a, int from, int to) {
    return nanSum(a, from, to) / countNonNaN(a, from, to);
  }

  /** {@code numpy.nanmin}: ignores NaN; NaN when every element is NaN. */
  static double nanMin(double[] a, int from, int to) {
    double m = Double.NaN;
    for (int i = from; i < to; i++) {
      double x = a[i];
      if (x < m || m != m) {
        m = x;
      }
    }
    return m;
  }

  /** {@code numpy.nanmax}: ignores NaN; NaN when every element is NaN. */
  static double nanMax(double[] a, int from, int to) {
    double m = Double.NaN;
    for (int i = from; i < to; i++) {
      double x = a[i];
      if (x > m || m != m) {
        m = x;
      }
    }
    return m;
  }

  /**
   * {@code numpy.nanvar(a, ddof=ddof)}: variance of the non-NaN elements; NaN when {@code count -
   * ddof <= 0} (numpy returns NaN there, unlike {@code var}).
   */
  static double nanVar(double[] a, int from, int to, int ddof) {
    int n = countNonNaN(a, from, to);
    if (n - ddof <= 0) {
      return Double.NaN;
    }
    double mean = nanSum(a, from, to) / n;
    double s = 0.0;
    double c = 0.0;
    for (int i = from; i < to; i++) {
      double v = a[i];
      if (v != v) {
        continue;
      }
      double d = v - mean;
      double x = d * d;
      double t = s + x;
      if (s >= x) {
        c += (s - t) + x;
      } else {
        c += (x - t) + s;
      }
      s = t;
    }
    double ss = Double.isFinite(s) ? s + c : s;
    return ss / (n - ddof);
  }

  /**
   * {@code numpy.quantile(a, q)} (method 'linear') of the {@code n >= 1} smallest values of {@code
   * ranks} (all of them, NaN excluded by the caller), reproducing numpy's index, gamma and
   * interpolation arithmetic.
   */
  static double quantile(Ranks ranks, int n, double q) {
    double virtual = (n - 1) * q;
    int prev;
    int next;
    double gamma;
    if (virtual >= n - 1) {
      // numpy marks both neighbours as the last element (index -1) and then takes gamma against
      // that -1, i.e. gamma = virtual + 1.
      prev = n - 1;
      next = n - 1;
      gamma = virtual + 1.0;
    } else {
      double fl = Math.floor(virtual);
      prev = (int) fl;
      next = prev + 1;
      gamma = virtual - fl;
    }
    double a = ranks.get(prev);
    double b = ranks.get(next);
    double diff = b - a;
    return gamma >= 0.5 ? b - diff * (1.0 - gamma) : a + diff * gamma;
  }

  /**
   * {@code numpy.median(a)} of the {@code n >= 1} smallest values of {@code ranks}: the middle
   * value, or the mean of the two middle values.
   */
  static double median(Ranks ranks, int n) {
    int h = n / 2;
    if ((n & 1) == 1) {
      return ranks.get(h);
    }
    return (ranks.get(h - 1) + ranks.get(h)) / 2.0;
  }
}
