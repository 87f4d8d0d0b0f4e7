package org.magg.transforms.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.CoderUtils;
import org.magg.core.Failure;

/**
 * Feeds a tracker the timesteps that are ready, the same way in batch and in streaming: sorted by
 * time, and for copies of one time by their encoding, so which copy is tracked does not depend on
 * arrival order; the other copies, and timesteps not after the last one tracked (late), are
 * reported as failures and ignored.
 */
final class StepSequence {
  private StepSequence() {}

  /** Sorted by time, then by encoded bytes. */
  static final Comparator<StepObjects> ORDER =
      Comparator.comparing(StepObjects::time).thenComparing(StepSequence::encoded, Arrays::compare);

  static void track(
      EventTracker tracker,
      List<StepObjects> ready,
      Consumer<TrackedEvent> events,
      Consumer<Failure> failures) {
    List<StepObjects> sorted = new ArrayList<>(ready);
    sorted.sort(ORDER);
    for (StepObjects s : sorted) {
      if (tracker.lastTime() != null && !s.time().isAfter(tracker.lastTime())) {
        failures.accept(refused(s, tracker.lastTime()));
        continue;
      }
      tracker.advance(s).forEach(events);
    }
  }

  /**
   * Why {@code s} is not tracked, {@code lastTime} being the last timestep tracked (null: the input
   * has ended and tracking with it).
   */
  static Failure refused(StepObjects s, Instant lastTime) {
    String time = s.time().toString();
    if (lastTime == null) {
      return new Failure(
          "timestep",
          time,
          "the objects of timestep " + time + " came after the input ended; ignored");
    }
    if (s.time().equals(lastTime)) {
      return new Failure(
          "timestep",
          time,
          "the objects of timestep "
              + time
              + " came more than once; one copy was tracked, this one is ignored");
    }
    return new Failure(
        "timestep",
        time,
        "the objects of timestep "
            + time
            + " came after tracking had passed it (last timestep tracked: "
            + lastTime
            + "); ignored");
  }

  private static byte[] encoded(StepObjects s) {
    try {
      return CoderUtils.encodeToByteArray(StepObjects.coder(), s);
    } catch (CoderException e) {
      throw new IllegalStateException("cannot encode the objects of " + s.time(), e);
    }
  }
}
