package org.magg.transforms.cycles;

/**
 * Multiplicative inflation after an analysis: the analysis anomalies are multiplied by {@code
 * factor} about the analysis mean (DAPPER's {@code infl}).
 */
public final class Inflation implements AnalysisStep<double[][]> {
  private static final long serialVersionUID = 1L;
  private final AnalysisStep<double[][]> inner;
  private final double factor;

  public Inflation(AnalysisStep<double[][]> inner, double factor) {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("inflation factor must be > 0, got " + factor);
    }
    this.inner = inner;
    this.factor = factor;
  }

  public AnalysisStep<double[][]> inner() {
    return inner;
  }

  public double factor() {
    return factor;
  }

  @Override
  public double[][] analyse(
      double[][] forecast, double[] obs, ObservationOperator h, ObsError r, Rng rng) {
    return inflate(inner.analyse(forecast, obs, h, r, rng), factor);
  }

  /** The ensemble with its anomalies multiplied by {@code factor} (1: returned as is). */
  public static double[][] inflate(double[][] e, double factor) {
    if (factor == 1) {
      return e;
    }
    double[] mu = Ensembles.mean(e);
    for (double[] x : e) {
      for (int k = 0; k < mu.length; k++) {
        x[k] = mu[k] + factor * (x[k] - mu[k]);
      }
    }
    return e;
  }
}
