package org.magg.transforms.cycles;

import java.io.Serializable;

/** The observations of each cycle (null: none at this cycle). */
@FunctionalInterface
public interface ObservationSource extends Serializable {
  double[] at(long cycle, double t);

  /** {@code byCycle[k - 1]} is the observation of cycle k (null entries: none). */
  static ObservationSource of(double[][] byCycle) {
    double[][] obs = byCycle.clone();
    return (cycle, t) -> cycle >= 1 && cycle <= obs.length ? obs[(int) cycle - 1] : null;
  }
}
