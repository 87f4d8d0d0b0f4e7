package org.magg.transforms.cycles;

/**
 * The ensemble transform Kalman filter: a deterministic square-root analysis (Bishop et al. 2001,
 * in the symmetric form of Hunt et al. 2007, DAPPER's {@code EnKF('Sqrt')}), optionally followed by
 * a random mean-preserving rotation of the analysis anomalies ({@link MeanPreservingRotation}). The
 * arithmetic is in {@link EnsembleTransform}.
 */
public final class Etkf implements AnalysisStep<double[][]> {
  private static final long serialVersionUID = 1L;
  private final boolean rotate;

  public Etkf(boolean rotate) {
    this.rotate = rotate;
  }

  public boolean rotates() {
    return rotate;
  }

  @Override
  public double[][] analyse(
      double[][] forecast, double[] obs, ObservationOperator h, ObsError r, Rng rng) {
    Ensembles.check(forecast, obs, h, r);
    double[] mu = Ensembles.mean(forecast);
    double[][] a = Ensembles.anomalies(forecast, mu);
    Whitened wh = Whitened.of(forecast, obs, h, r);
    double[][] w = EnsembleTransform.weights(wh.s(), wh.d(), rotate, rng);
    return Ensembles.combine(mu, w, a);
  }
}
