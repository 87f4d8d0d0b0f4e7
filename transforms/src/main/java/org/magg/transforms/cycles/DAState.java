package org.magg.transforms.cycles;

import java.io.Serializable;

/**
 * What a data assimilation cycle threads from step to step: the model time {@code t}, how many
 * cycles were made, the observation error covariance, and the random generator of the stochastic
 * parts (perturbed observations, random rotations). The cycles copy the generator before drawing,
 * so a DAState is never changed by them.
 */
public record DAState(double t, long cycleCount, ObsError obsErrCov, Rng rng)
    implements Serializable {
  public DAState {
    if (obsErrCov == null || rng == null) {
      throw new IllegalArgumentException("DAState needs an observation error and a generator");
    }
  }

  /** The start of a cycle: time 0, no cycles yet. */
  public static DAState start(ObsError obsErrCov, long seed) {
    return new DAState(0, 0, obsErrCov, Rng.seeded(seed, 1));
  }
}
