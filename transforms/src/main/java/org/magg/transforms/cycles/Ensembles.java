package org.magg.transforms.cycles;

/** Ensemble arithmetic on {@code double[member][variable]}: means, anomalies, RMSE. */
public final class Ensembles {
  private Ensembles() {}

  /** The ensemble mean. */
  public static double[] mean(double[][] e) {
    int n = e[0].length;
    double[] mu = new double[n];
    for (double[] x : e) {
      for (int j = 0; j < n; j++) {
        mu[j] += x[j];
      }
    }
    for (int j = 0; j < n; j++) {
      mu[j] /= e.length;
    }
    return mu;
  }

  /** Members minus the mean. */
  static double[][] anomalies(double[][] e, double[] mu) {
    double[][] a = new double[e.length][mu.length];
    for (int i = 0; i < e.length; i++) {
      for (int j = 0; j < mu.length; j++) {
        a[i][j] = e[i][j] - mu[j];
      }
    }
    return a;
  }

  /** Root mean square difference of two vectors. */
  public static double rmse(double[] x, double[] truth) {
    double s = 0;
    for (int j = 0; j < x.length; j++) {
      double d = x[j] - truth[j];
      s += d * d;
    }
    return Math.sqrt(s / x.length);
  }

  /** A deep copy. */
  public static double[][] copy(double[][] e) {
    return Matrices.copy(e);
  }

  /** The predicted observations of each member. */
  static double[][] observe(double[][] e, ObservationOperator h) {
    double[][] eo = new double[e.length][];
    for (int i = 0; i < e.length; i++) {
      eo[i] = h.apply(e[i]);
    }
    return eo;
  }

  /** mu + W A: member i is mu + sum_j W[i][j] A[j]. */
  static double[][] combine(double[] mu, double[][] w, double[][] a) {
    int nm = w.length;
    int n = mu.length;
    double[][] out = new double[nm][];
    for (int i = 0; i < nm; i++) {
      double[] x = mu.clone();
      double[] wi = w[i];
      for (int j = 0; j < nm; j++) {
        double c = wi[j];
        double[] aj = a[j];
        for (int k = 0; k < n; k++) {
          x[k] += c * aj[k];
        }
      }
      out[i] = x;
    }
    return out;
  }

  /** Checks an ensemble analysis's inputs; returns the number of observations. */
  static int check(double[][] e, double[] obs, ObservationOperator h, ObsError r) {
    if (e.length < 2) {
      throw new IllegalArgumentException(
          "an ensemble analysis needs at least 2 members, got " + e.length);
    }
    int m = h.obsDim(e[0].length);
    if (obs.length != m) {
      throw new IllegalArgumentException(
          "the observation operator gives " + m + " values but the observation has " + obs.length);
    }
    if (r.dim() != m) {
      throw new IllegalArgumentException(
          "the observation error covariance is " + r.dim() + " x " + r.dim() + ", expected " + m);
    }
    return m;
  }
}
