package org.magg.transforms.cycles;

/**
 * The Kalman filter analysis (extended, for a nonlinear observation operator: linearised at the
 * forecast mean): K = P H^T (H P H^T + R)^{-1}, mean + K (y - h(mean)), and the covariance in
 * Joseph form (I - K H) P (I - K H)^T + K R K^T, which stays symmetric.
 */
public final class KalmanFilter implements AnalysisStep<Gaussian> {
  private static final long serialVersionUID = 1L;

  @Override
  public Gaussian analyse(
      Gaussian forecast, double[] obs, ObservationOperator obsOp, ObsError r, Rng rng) {
    double[] x = forecast.mean();
    double[][] p = forecast.cov();
    int n = x.length;
    int m = obsOp.obsDim(n);
    if (obs.length != m || r.dim() != m) {
      throw new IllegalArgumentException(
          "the observation operator gives "
              + m
              + " values; observation "
              + obs.length
              + ", error covariance "
              + r.dim());
    }
    double[][] h = obsOp.linearize(x);
    double[][] ph = Matrices.times(p, Matrices.transpose(h));
    double[][] s = Matrices.plus(Matrices.times(h, ph), r.cov());
    // K = P H^T S^-1, from S K^T = H P (S and P symmetric)
    double[][] k = Matrices.transpose(Matrices.solve(s, Matrices.transpose(ph)));
    double[] hx = obsOp.apply(x);
    double[] d = new double[m];
    for (int i = 0; i < m; i++) {
      d[i] = obs[i] - hx[i];
    }
    double[] kd = Matrices.times(k, d);
    double[] mean = new double[n];
    for (int i = 0; i < n; i++) {
      mean[i] = x[i] + kd[i];
    }
    double[][] ikh = Matrices.identity(n);
    double[][] kh = Matrices.times(k, h);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        ikh[i][j] -= kh[i][j];
      }
    }
    double[][] cov =
        Matrices.plus(
            Matrices.times(Matrices.times(ikh, p), Matrices.transpose(ikh)),
            Matrices.times(Matrices.times(k, r.cov()), Matrices.transpose(k)));
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double avg = 0.5 * (cov[i][j] + cov[j][i]);
        cov[i][j] = avg;
        cov[j][i] = avg;
      }
    }
    return new Gaussian(mean, cov);
  }
}
