package org.magg.transforms.cycles;

import java.io.Serializable;

/** A Gaussian state estimate: mean and covariance (the carrier of the Kalman filter). */
public record Gaussian(double[] mean, double[][] cov) implements Serializable {
  public Gaussian {
    if (cov.length != mean.length || (cov.length > 0 && cov[0].length != mean.length)) {
      throw new IllegalArgumentException(
          "a Gaussian's covariance must be " + mean.length + " x " + mean.length);
    }
    mean = mean.clone();
    cov = Matrices.copy(cov);
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[][] cov() {
    return Matrices.copy(cov);
  }
}
