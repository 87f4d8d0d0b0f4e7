package org.magg.transforms.cycles;

import java.util.OptionalInt;

/**
 * Lorenz (1996): dx_i/dt = (x_{i+1} - x_{i-2}) x_{i-1} - x_i + F on a periodic ring of {@code n}
 * variables, integrated by the classical fourth-order Runge-Kutta scheme. F = 8 and n = 40 give the
 * chaotic regime of the data assimilation literature (Sakov and Oke 2008).
 */
public final class Lorenz96 implements ForwardModel {
  private static final long serialVersionUID = 1L;
  private final int n;
  private final double forcing;
  private final double dt;

  public Lorenz96(int n, double forcing, double dt) {
    if (n < 4) {
      throw new IllegalArgumentException("Lorenz96 needs at least 4 variables, got " + n);
    }
    if (!(dt > 0)) {
      throw new IllegalArgumentException("Lorenz96 dt must be > 0, got " + dt);
    }
    this.n = n;
    this.forcing = forcing;
    this.dt = dt;
  }

  public double forcing() {
    return forcing;
  }

  @Override
  public double dt() {
    return dt;
  }

  @Override
  public OptionalInt stateDim() {
    return OptionalInt.of(n);
  }

  /** The tendency dx/dt at {@code x}, written to {@code out}. */
  void tendency(double[] x, double[] out) {
    for (int i = 0; i < n; i++) {
      int ip1 = i + 1 == n ? 0 : i + 1;
      int im1 = i == 0 ? n - 1 : i - 1;
      int im2 = i < 2 ? i - 2 + n : i - 2;
      out[i] = (x[ip1] - x[im2]) * x[im1] - x[i] + forcing;
    }
  }

  @Override
  public double[] step(double[] state, double dt) {
    checkState(state);
    double[] x = state.clone();
    rk4(x, dt, new double[5][n]);
    return x;
  }

  @Override
  public void stepAll(double[][] members, double dt) {
    double[][] work = new double[5][n];
    for (double[] x : members) {
      checkState(x);
      rk4(x, dt, work);
    }
  }

  /** One RK4 step of {@code x} in place; {@code work} holds five arrays of n. */
  void rk4(double[] x, double h, double[][] work) {
    double[] k1 = work[0];
    double[] k2 = work[1];
    double[] k3 = work[2];
    double[] k4 = work[3];
    double[] y = work[4];
    tendency(x, k1);
    for (int i = 0; i < n; i++) {
      y[i] = x[i] + 0.5 * h * k1[i];
    }
    tendency(y, k2);
    for (int i = 0; i < n; i++) {
      y[i] = x[i] + 0.5 * h * k2[i];
    }
    tendency(y, k3);
    for (int i = 0; i < n; i++) {
      y[i] = x[i] + h * k3[i];
    }
    tendency(y, k4);
    for (int i = 0; i < n; i++) {
      x[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
  }
}
