package org.magg.transforms.cycles;

import java.util.OptionalInt;

/**
 * x_{k+1} = M x_k: a linear model for its time step {@code dt}. The Kalman filter propagates
 * covariances with M, the 4D-Var smoother runs its adjoint M^T.
 */
public final class LinearModel implements ForwardModel {
  private static final long serialVersionUID = 1L;
  private final double[][] m;
  private final double dt;

  public LinearModel(double[][] m, double dt) {
    if (m.length == 0 || m.length != m[0].length) {
      throw new IllegalArgumentException("LinearModel M must be square and non-empty");
    }
    this.m = Matrices.copy(m);
    this.dt = dt;
  }

  public double[][] matrix() {
    return Matrices.copy(m);
  }

  @Override
  public double dt() {
    return dt;
  }

  @Override
  public OptionalInt stateDim() {
    return OptionalInt.of(m.length);
  }

  @Override
  public double[] step(double[] state, double dt) {
    checkState(state);
    if (Math.abs(dt - this.dt) > 1e-12 * Math.max(1, Math.abs(this.dt))) {
      throw new IllegalArgumentException(
          "LinearModel is defined for dt = " + this.dt + ", asked for " + dt);
    }
    return Matrices.times(m, state);
  }

  /** M^T y: the adjoint. */
  double[] adjoint(double[] y) {
    double[] out = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m.length; j++) {
        out[j] += m[i][j] * y[i];
      }
    }
    return out;
  }
}
