package org.magg.core.engine;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The cube's timesteps: {@code count} instants from {@code start} by {@code step}.
 *
 * @param start the first timestep
 * @param step the spacing (positive)
 * @param count the number of timesteps (at least 1)
 */
public record TimeAxis(Instant start, Duration step, int count) implements Serializable {

  /** Checks the fields. @throws IllegalArgumentException naming the field */
  public TimeAxis {
    Objects.requireNonNull(start, "time start is required");
    if (step == null || step.isZero() || step.isNegative()) {
      throw new IllegalArgumentException("time step must be positive, got " + step);
    }
    if (count < 1) {
      throw new IllegalArgumentException("time count must be at least 1, got " + count);
    }
  }

  /** Timestep {@code t}: {@code start + t * step}. */
  public Instant at(int t) {
    return start.plus(step.multipliedBy(t));
  }

  /** The first index whose instant is at or after {@code when} ({@code count} if none). */
  public int ceilIndex(Instant when) {
    if (!when.isAfter(start)) {
      return 0;
    }
    long stepNanos = step.toNanos();
    long since = Duration.between(start, when).toNanos();
    long idx = since / stepNanos + (since % stepNanos == 0 ? 0 : 1);
    return (int) Math.min(idx, count);
  }

  /** Seconds since 1970-01-01T00:00:00Z of every timestep (the CF {@code time} coordinate). */
  public double[] epochSeconds() {
    double[] s = new double[count];
    for (int t = 0; t < count; t++) {
      Instant i = at(t);
      s[t] = i.getEpochSecond() + i.getNano() / 1e9;
    }
    return s;
  }
}
