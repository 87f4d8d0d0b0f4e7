package org.magg.transforms.cycles;

/** Finite-difference Jacobians for operators that do not give their own. */
final class Jacobians {
  private Jacobians() {}

  static double[][] ofObservation(ObservationOperator h, double[] x) {
    int m = h.obsDim(x.length);
    double[][] j = new double[m][x.length];
    double[] xp = x.clone();
    for (int c = 0; c < x.length; c++) {
      double e = 1e-6 * Math.max(1, Math.abs(x[c]));
      xp[c] = x[c] + e;
      double[] up = h.apply(xp);
      xp[c] = x[c] - e;
      double[] down = h.apply(xp);
      xp[c] = x[c];
      for (int r = 0; r < m; r++) {
        j[r][c] = (up[r] - down[r]) / (2 * e);
      }
    }
    return j;
  }

  static double[][] ofModel(ForwardModel model, double[] x, double dt) {
    if (model instanceof LinearModel linear) {
      return linear.matrix();
    }
    int n = x.length;
    double[][] j = new double[n][n];
    double[] xp = x.clone();
    for (int c = 0; c < n; c++) {
      double e = 1e-6 * Math.max(1, Math.abs(x[c]));
      xp[c] = x[c] + e;
      double[] up = model.step(xp, dt);
      xp[c] = x[c] - e;
      double[] down = model.step(xp, dt);
      xp[c] = x[c];
      for (int r = 0; r < n; r++) {
        j[r][c] = (up[r] - down[r]) / (2 * e);
      }
    }
    return j;
  }
}
