package org.magg.transforms.cycles;

/**
 * The stochastic ensemble Kalman filter with perturbed observations (Burgers et al. 1998; DAPPER's
 * {@code EnKF('PertObs')}): member i is moved by K (y - d_i - h(x_i)), with K = A^T Y C^{-1}, C =
 * Y^T Y + (N-1) R (A, Y the state and observation anomalies), and perturbations d_i drawn from N(0,
 * R), centred over the members and scaled by sqrt(N/(N-1)) so that their sample covariance is
 * unbiased.
 */
public final class StochasticEnKF implements AnalysisStep<double[][]> {
  private static final long serialVersionUID = 1L;

  @Override
  public double[][] analyse(
      double[][] forecast, double[] obs, ObservationOperator h, ObsError r, Rng rng) {
    int m = Ensembles.check(forecast, obs, h, r);
    int nm = forecast.length;
    double[] mu = Ensembles.mean(forecast);
    double[][] a = Ensembles.anomalies(forecast, mu);
    double[][] eo = Ensembles.observe(forecast, h);
    double[] xo = Ensembles.mean(eo);
    double[][] y = Ensembles.anomalies(eo, xo);
    double[][] pert = new double[nm][];
    for (int i = 0; i < nm; i++) {
      pert[i] = r.sample(rng);
    }
    double[] pm = Ensembles.mean(pert);
    double rescale = Math.sqrt(nm / (nm - 1.0));
    // Z_i = y - d_i - h(x_i)
    double[][] z = new double[nm][m];
    for (int i = 0; i < nm; i++) {
      for (int k = 0; k < m; k++) {
        z[i][k] = obs[k] - (pert[i][k] - pm[k]) * rescale - eo[i][k];
      }
    }
    double[][] c = r.cov();
    for (int k = 0; k < m; k++) {
      for (int l = 0; l < m; l++) {
        c[k][l] *= nm - 1;
      }
    }
    for (double[] yi : y) {
      for (int k = 0; k < m; k++) {
        for (int l = 0; l < m; l++) {
          c[k][l] += yi[k] * yi[l];
        }
      }
    }
    // X = Z C^-1 (C symmetric): C X^T = Z^T
    double[][] x = Matrices.transpose(Matrices.solve(c, Matrices.transpose(z)));
    // dE = X Y^T A: coefficients X Y^T (N x N), then combine with the anomalies
    double[][] coef = Matrices.times(x, Matrices.transpose(y));
    double[][] out = new double[nm][];
    for (int i = 0; i < nm; i++) {
      double[] xi = forecast[i].clone();
      for (int j = 0; j < nm; j++) {
        double cij = coef[i][j];
        for (int k = 0; k < xi.length; k++) {
          xi[k] += cij * a[j][k];
        }
      }
      out[i] = xi;
    }
    return out;
  }
}
