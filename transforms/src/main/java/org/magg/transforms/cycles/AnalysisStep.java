package org.magg.transforms.cycles;

import java.io.Serializable;

/**
 * Combines a forecast with observations into an analysis: the "update" of data assimilation. {@code
 * F} is the forecast's form: a {@link Gaussian} for the Kalman filter, an ensemble ({@code
 * double[member][variable]}) for {@link StochasticEnKF}, {@link Etkf} and {@link Letkf}. The
 * generator is the cycle's (see {@link DAState}); deterministic analyses do not touch it.
 */
public interface AnalysisStep<F> extends Serializable {
  F analyse(F forecast, double[] obs, ObservationOperator obsOp, ObsError obsErrCov, Rng rng);
}
