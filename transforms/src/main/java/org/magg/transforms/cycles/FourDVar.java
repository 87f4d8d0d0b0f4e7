package org.magg.transforms.cycles;

import java.io.Serializable;
import java.util.List;

/**
 * Strong-constraint 4D-Var over one window for a linear model and observation operator: minimises
 * J(x0) = (x0 - xb)^T B^{-1} (x0 - xb) + sum_k (y_k - H M^k x0)^T R^{-1} (y_k - H M^k x0) over the
 * state at the window start. The gradient at xb comes from a forward pass over the window and a
 * backward adjoint pass (lambda = M^T (lambda + H^T R^{-1} (H x_k - y_k)) from the last observation
 * back); J being quadratic, one Newton step with the Hessian B^{-1} + sum_k (H M^k)^T R^{-1} H M^k
 * reaches its minimum. The analysis covariance is the inverse Hessian.
 */
public final class FourDVar implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The analysis at the window start; {@code obs.get(k)} is the observation after k + 1 model steps
   * (null: none).
   */
  public Gaussian analyseWindow(
      Gaussian background,
      List<double[]> obs,
      LinearModel model,
      ObservationOperator h,
      ObsError r) {
    double[] xb = background.mean();
    int n = xb.length;
    int len = obs.size();
    double[][] hm = h.linearize(xb);
    double[][] rInv = Matrices.inverseSpd(r.cov(), "the observation error covariance");
    double[][] bInv = Matrices.inverseSpd(background.cov(), "the background covariance");
    // forward pass
    double[][] traj = new double[len + 1][];
    traj[0] = xb;
    for (int k = 1; k <= len; k++) {
      traj[k] = model.step(traj[k - 1], model.dt());
    }
    // backward adjoint pass: gradient of the observation term at xb
    double[] lambda = new double[n];
    for (int k = len; k >= 1; k--) {
      double[] y = obs.get(k - 1);
      if (y != null) {
        double[] hx = h.apply(traj[k]);
        double[] misfit = new double[hx.length];
        for (int i = 0; i < hx.length; i++) {
          misfit[i] = hx[i] - y[i];
        }
        double[] f = Matrices.times(Matrices.transpose(hm), Matrices.times(rInv, misfit));
        for (int i = 0; i < n; i++) {
          lambda[i] += f[i];
        }
      }
      lambda = model.adjoint(lambda);
    }
    // Hessian: B^-1 + sum (H M^k)^T R^-1 (H M^k)
    double[][] hess = Matrices.copy(bInv);
    double[][] mk = Matrices.identity(n);
    double[][] m = model.matrix();
    for (int k = 1; k <= len; k++) {
      mk = Matrices.times(m, mk);
      if (obs.get(k - 1) != null) {
        double[][] g = Matrices.times(hm, mk);
        hess = Matrices.plus(hess, Matrices.times(Matrices.transpose(g), Matrices.times(rInv, g)));
      }
    }
    double[][] cov = Matrices.inverseSpd(hess, "the 4D-Var Hessian");
    double[] step = Matrices.times(cov, lambda);
    double[] xa = new double[n];
    for (int i = 0; i < n; i++) {
      xa[i] = xb[i] - step[i];
    }
    return new Gaussian(xa, cov);
  }
}
