package org.magg.transforms.cycles;

import java.util.OptionalInt;

/**
 * Lorenz (1963): dx/dt = sigma (y - x), dy/dt = x (rho - z) - y, dz/dt = x y - beta z, integrated
 * by fourth-order Runge-Kutta; the classical parameters are sigma 10, rho 28, beta 8/3.
 */
public final class Lorenz63 implements ForwardModel {
  private static final long serialVersionUID = 1L;
  private final double sigma;
  private final double rho;
  private final double beta;
  private final double dt;

  public Lorenz63(double sigma, double rho, double beta, double dt) {
    if (!(dt > 0)) {
      throw new IllegalArgumentException("Lorenz63 dt must be > 0, got " + dt);
    }
    this.sigma = sigma;
    this.rho = rho;
    this.beta = beta;
    this.dt = dt;
  }

  /** The classical parameters. */
  public static Lorenz63 classic(double dt) {
    return new Lorenz63(10, 28, 8.0 / 3.0, dt);
  }

  @Override
  public double dt() {
    return dt;
  }

  @Override
  public OptionalInt stateDim() {
    return OptionalInt.of(3);
  }

  double[] tendency(double[] s) {
    return new double[] {
      sigma * (s[1] - s[0]), s[0] * (rho - s[2]) - s[1], s[0] * s[1] - beta * s[2]
    };
  }

  @Override
  public double[] step(double[] x, double h) {
    checkState(x);
    double[] k1 = tendency(x);
    double[] k2 = tendency(axpy(x, 0.5 * h, k1));
    double[] k3 = tendency(axpy(x, 0.5 * h, k2));
    double[] k4 = tendency(axpy(x, h, k3));
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) {
      out[i] = x[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
    return out;
  }

  private static double[] axpy(double[] x, double a, double[] k) {
    return new double[] {x[0] + a * k[0], x[1] + a * k[1], x[2] + a * k[2]};
  }
}
