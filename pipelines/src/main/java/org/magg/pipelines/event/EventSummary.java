package org.magg.pipelines.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.core.Failure;
import org.magg.core.Json;
import org.magg.core.RunResult;

/**
 * What an event run did. The counts add up: {@code timesteps read} = {@code detected} + {@code
 * failed}; the events tracked = {@code kept} + {@code dropped} (seen at fewer than {@code
 * min_steps} timesteps); with an aggregation, its rows = {@code ok} + {@code incomplete} + {@code
 * failed}, one per event kept. Exit code 0 when nothing failed (and every metrics row is ok), 1
 * otherwise.
 *
 * @param config the config's origin
 * @param runner the Beam runner
 * @param streaming whether the collection was watched
 * @param timestepsRead field timesteps read from the detection collection
 * @param timestepsDetected timesteps whose objects were detected
 * @param timestepsFailed timesteps that could not be evaluated (a variable missing, another grid)
 * @param objects objects detected over those timesteps
 * @param eventsKept events written
 * @param eventsDropped events dropped for having fewer than {@code min_steps} timesteps
 * @param minSteps the config's {@code min_steps}
 * @param metricStatuses with an aggregation, its rows by status ({@code ok}, {@code incomplete},
 *     {@code failed}); else null
 * @param metricTimestepsRead with an aggregation, field timesteps its metrics collections were read
 *     for: in batch each timestep once; in streaming each event's own, so a timestep two events
 *     need is read twice, with the timesteps before them in their split (read to count bytes as
 *     batch)
 * @param metricBytesRead the bytes of field data behind them
 * @param filesMatched detection files matched
 * @param bytesRead bytes of detection field data read
 * @param failures files and timesteps that failed (the first ones)
 * @param failureCount how many there were
 * @param outputs files written
 * @param seconds wall time
 * @param counters the run's counters under {@code gridded/}, {@code events/} and {@code temporal/},
 *     as {@code namespace/name}
 * @param resultsRepeated results written again by tasks the runner restarted
 */
public record EventSummary(
    String config,
    String runner,
    boolean streaming,
    long timestepsRead,
    long timestepsDetected,
    long timestepsFailed,
    long objects,
    long eventsKept,
    long eventsDropped,
    int minSteps,
    Map<String, Integer> metricStatuses,
    long metricTimestepsRead,
    long metricBytesRead,
    long filesMatched,
    long bytesRead,
    List<Failure> failures,
    long failureCount,
    List<String> outputs,
    double seconds,
    Map<String, Long> counters,
    long resultsRepeated)
    implements RunResult {

  public EventSummary {
    metricStatuses = metricStatuses == null ? null : Map.copyOf(metricStatuses);
    failures = List.copyOf(failures);
    outputs = List.copyOf(outputs);
    counters = Map.copyOf(counters);
  }

  /** Metrics rows with {@code status}, 0 without an aggregation. */
  public int metricCount(String status) {
    return metricStatuses == null ? 0 : metricStatuses.getOrDefault(status, 0);
  }

  /** A counter by {@code namespace/name}, 0 when the run did not report it. */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** 0 when nothing failed and every metrics row is ok, else 1. */
  @Override
  public int exitCode() {
    boolean metricsOk = metricStatuses == null || metricCount("ok") == eventsKept;
    return failureCount == 0 && metricsOk ? 0 : 1;
  }

  @Override
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("event run: ").append(config).append(" on ").append(runner);
    sb.append(streaming ? " (streaming)" : " (batch)").append('\n');
    sb.append(
        String.format(
            "timesteps: %d read = %d detected + %d failed%n",
            timestepsRead, timestepsDetected, timestepsFailed));
    sb.append("objects: ").append(objects).append(" detected\n");
    sb.append(
        String.format(
            "events: %d = kept %d + dropped %d (fewer than min_steps %d timesteps)%n",
            eventsKept + eventsDropped, eventsKept, eventsDropped, minSteps));
    if (metricStatuses != null) {
      sb.append(
          String.format(
              "metrics: %d events = ok %d + incomplete %d + failed %d%n",
              eventsKept, metricCount("ok"), metricCount("incomplete"), metricCount("failed")));
      sb.append(
          String.format(
              "metric fields: %d timesteps, %s read (%s)%n",
              metricTimestepsRead,
              RunResult.size(metricBytesRead),
              streaming ? "per event, over its window" : "each timestep read once"));
    }
    sb.append(
        String.format(
            "fields: %d files, %s read (each timestep read once)%n",
            filesMatched, RunResult.size(bytesRead)));
    sb.append("failures: ").append(failureCount).append('\n');
    for (Failure f : failures) {
      sb.append("  ").append(f.stage()).append(' ').append(f.subject()).append(": ");
      sb.append(f.reason()).append('\n');
    }
    for (String o : outputs) {
      sb.append("wrote ").append(o).append('\n');
    }
    if (resultsRepeated > 0) {
      sb.append("restarts: ")
          .append(RunResult.repeatedText(RunResult.count(resultsRepeated, "result")))
          .append('\n');
    }
    sb.append(String.format("time: %.1f s%n", seconds));
    return sb.toString();
  }

  @Override
  public String toJson() {
    ObjectMapper m = Json.mapper();
    ObjectNode n = m.createObjectNode();
    n.put("config", config);
    n.put("runner", runner);
    n.put("streaming", streaming);
    n.put("timesteps_read", timestepsRead);
    n.put("timesteps_detected", timestepsDetected);
    n.put("timesteps_failed", timestepsFailed);
    n.put("objects", objects);
    n.put("events_kept", eventsKept);
    n.put("events_dropped", eventsDropped);
    n.put("min_steps", minSteps);
    if (metricStatuses != null) {
      Map<String, Integer> s = new LinkedHashMap<>();
      for (String k : List.of("ok", "incomplete", "failed")) {
        s.put(k, metricCount(k));
      }
      n.set("metric_statuses", m.valueToTree(s));
      n.put("metric_timesteps_read", metricTimestepsRead);
      n.put("metric_bytes_read", metricBytesRead);
    }
    n.put("files_matched", filesMatched);
    n.put("bytes_read", bytesRead);
    n.put("failure_count", failureCount);
    var fs = n.putArray("failures");
    for (Failure f : failures) {
      fs.addObject().put("stage", f.stage()).put("subject", f.subject()).put("reason", f.reason());
    }
    var os = n.putArray("outputs");
    outputs.forEach(os::add);
    n.put("seconds", seconds);
    n.put("results_repeated", resultsRepeated);
    n.set("counters", m.valueToTree(new java.util.TreeMap<>(counters)));
    return n.toPrettyString() + "\n";
  }
}
