package org.magg.transforms.temporal;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.io.temporal.EventRow;

/**
 * Which field timesteps an event needs, and whether they all reached it. A collection with time
 * step {@code dt} (after its time shift) has timesteps at whole multiples of {@code dt} since
 * 1970-01-01T00:00Z. Its non-precipitation metrics need the event's mask times on that grid; its
 * precipitation metrics need every timestep whose block lies in {@code [start, end + extension]}
 * (the rules of {@link SliceEvaluator}).
 */
public final class EventCoverage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int LISTED = 3;

  private final Map<String, Long> stepMillis;
  private final SliceEvaluator evaluator;

  /**
   * @param stepMillis the time step of each collection the metrics read, in config order
   */
  public EventCoverage(Map<String, Long> stepMillis, SliceEvaluator evaluator) {
    this.stepMillis = new LinkedHashMap<>(stepMillis);
    this.evaluator = evaluator;
  }

  /** The timesteps of {@code collection} an event needs. */
  public long[] expected(String collection, long startMillis, long endMillis, long[] maskTimes) {
    long dt = stepMillis.get(collection);
    java.util.TreeSet<Long> out = new java.util.TreeSet<>();
    if (evaluator.hasRegular(collection)) {
      for (long t : maskTimes) {
        if (t >= startMillis && t <= endMillis && Math.floorMod(t, dt) == 0) {
          out.add(t);
        }
      }
    }
    if (evaluator.hasPrecip(collection)) {
      long last = evaluator.precipEnd(endMillis);
      for (long t = Math.floorDiv(startMillis + dt - 1, dt) * dt; t <= last; t += dt) {
        if (evaluator.blockOf(t) >= startMillis) {
          out.add(t);
        }
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /** The row of a reduced event: ok, incomplete (with what is missing) or failed (nothing came). */
  public EventRow row(
      EventResult r,
      long startMillis,
      long endMillis,
      long[] maskTimes,
      String pane,
      long paneIndex) {
    List<String> problems = new ArrayList<>();
    int expectedTotal = 0;
    for (String c : stepMillis.keySet()) {
      long[] want = expected(c, startMillis, endMillis, maskTimes);
      long[] got = r.times(c);
      expectedTotal += want.length;
      List<Long> missing = new ArrayList<>();
      for (long t : want) {
        if (Arrays.binarySearch(got, t) < 0) {
          missing.add(t);
        }
      }
      if (!missing.isEmpty()) {
        StringBuilder sb =
            new StringBuilder(c)
                .append(": ")
                .append(missing.size())
                .append(" of ")
                .append(want.length)
                .append(" timesteps missing (");
        for (int i = 0; i < Math.min(LISTED, missing.size()); i++) {
          sb.append(i == 0 ? "" : ", ").append(Instant.ofEpochMilli(missing.get(i)));
        }
        sb.append(missing.size() > LISTED ? ", ...)" : ")");
        problems.add(sb.toString());
      }
    }
    double[] metrics = new double[r.metricCount()];
    for (int m = 0; m < metrics.length; m++) {
      metrics[m] = r.metric(m);
    }
    int timesteps = r.distinctTimesteps();
    String status =
        problems.isEmpty()
            ? EventRow.OK
            : timesteps == 0 && expectedTotal > 0 ? EventRow.FAILED : EventRow.INCOMPLETE;
    if (timesteps == 0 && expectedTotal > 0) {
      problems.add(0, "no field timestep reached the event");
    }
    return new EventRow(
        r.eventId(),
        startMillis,
        endMillis,
        status,
        String.join("; ", problems),
        metrics,
        timesteps,
        r.bytesRead(),
        pane,
        paneIndex);
  }
}
