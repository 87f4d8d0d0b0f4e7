package org.magg.transforms.event;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One timestep of an event: when, and the object it was at that time.
 *
 * @param time the timestep
 * @param object the event's object at {@code time}
 */
public record TrackStep(Instant time, DetectedObject object) implements Serializable {
  public TrackStep {
    Objects.requireNonNull(time, "Step time cannot be null.");
    Objects.requireNonNull(object, "Step object cannot be null.");
  }
}
