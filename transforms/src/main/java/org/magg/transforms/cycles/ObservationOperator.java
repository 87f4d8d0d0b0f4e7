package org.magg.transforms.cycles;

import java.io.Serializable;

/**
 * Maps a model state to the observations it would produce (the H of data assimilation): the
 * "compare" step, innovation = obs - H(forecast).
 */
public interface ObservationOperator extends Serializable {
  /** The predicted observations of {@code state}. */
  double[] apply(double[] state);

  /**
   * The Jacobian of {@link #apply} at {@code state} ({@code obsDim x stateDim}, row-major). By
   * default central finite differences with a step of 1e-6 times max(1, |x_j|).
   */
  default double[][] linearize(double[] state) {
    return Jacobians.ofObservation(this, state);
  }

  /**
   * How many observations a state of {@code stateDim} variables gives; refuses a state the operator
   * does not fit with an {@link IllegalArgumentException} that says why.
   */
  int obsDim(int stateDim);

  /**
   * The grid position (state index) of each observation on a state of {@code stateDim} variables,
   * for localisation; null when the operator has none.
   */
  default double[] locations(int stateDim) {
    return null;
  }
}
