package org.magg.transforms.event;

import java.io.Serializable;

/**
 * How objects are linked in time: an object at one timestep and one at the next overlap enough when
 * {@code area(a ∩ b) / min(area(a), area(b)) >= minOverlap}; events seen at fewer than {@code
 * minSteps} timesteps are dropped; a track whose object vanished may be continued up to {@code
 * maxGapSteps} timesteps later (by overlap with its last object).
 */
public record TrackingRules(double minOverlap, int minSteps, int maxGapSteps)
    implements Serializable {

  /**
   * @throws IllegalArgumentException naming the setting and what is accepted
   */
  public TrackingRules {
    if (!(minOverlap > 0 && minOverlap <= 1)) {
      throw new IllegalArgumentException(
          "tracking.min_overlap is " + minOverlap + " (expected a number in (0, 1])");
    }
    if (minSteps < 1) {
      throw new IllegalArgumentException(
          "tracking.min_steps is " + minSteps + " (expected an integer >= 1)");
    }
    if (maxGapSteps < 0) {
      throw new IllegalArgumentException(
          "tracking.max_gap_steps is " + maxGapSteps + " (expected an integer >= 0)");
    }
  }
}
