package org.magg.pipelines.temporal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.core.Failure;
import org.magg.core.Json;
import org.magg.core.RunResult;

/**
 * What a temporal run did. The event counts add up: {@code events} = {@code ok} + {@code
 * incomplete} + {@code failed} (catalog failures included in {@code failed}). Exit code 0 when
 * every event is ok and nothing failed, 1 otherwise.
 *
 * @param config the config's origin
 * @param runner the Beam runner
 * @param streaming whether the collections were watched
 * @param events events in the catalog (good and broken)
 * @param statuses rows by status ({@code ok}, {@code incomplete}, {@code failed})
 * @param timestepsRead field timesteps read, over all collections
 * @param bytesRead bytes of field data read
 * @param filesMatched field files matched
 * @param failures files and timesteps that could not be read or evaluated (first ones)
 * @param failureCount how many there were
 * @param refusedEvents catalog entries refused before the run (a broken mask, a repeated id), the
 *     first ones; each is one of the {@code failed} events and has its own row
 * @param outputs files written
 * @param seconds wall time
 * @param counters the run's counters under {@code gridded/} (per collection: {@code
 *     gridded/T2M_TQV_SLP/timesteps_read}, ...) and {@code temporal/} ({@code
 *     temporal/event_steps}, ...), as {@code namespace/name}
 * @param resultsRepeated results written again by tasks the runner restarted (e.g. after losing a
 *     worker); the outputs are those of the final attempts
 */
public record TemporalSummary(
    String config,
    String runner,
    boolean streaming,
    int events,
    Map<String, Integer> statuses,
    long timestepsRead,
    long bytesRead,
    long filesMatched,
    List<Failure> failures,
    long failureCount,
    List<Failure> refusedEvents,
    List<String> outputs,
    double seconds,
    Map<String, Long> counters,
    long resultsRepeated)
    implements RunResult {

  public TemporalSummary {
    counters = Map.copyOf(counters);
    statuses = Map.copyOf(statuses);
    failures = List.copyOf(failures);
    refusedEvents = List.copyOf(refusedEvents);
    outputs = List.copyOf(outputs);
  }

  public int count(String status) {
    return statuses.getOrDefault(status, 0);
  }

  /** 0 when every event is ok and nothing failed, else 1. */
  @Override
  public int exitCode() {
    return count("ok") == events && failureCount == 0 ? 0 : 1;
  }

  /** A counter by {@code namespace/name}, 0 when the run did not report it. */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  @Override
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("temporal run: ").append(config).append(" on ").append(runner);
    sb.append(streaming ? " (streaming)" : " (batch)").append('\n');
    sb.append(
        String.format(
            "events: %d = ok %d + incomplete %d + failed %d%n",
            events, count("ok"), count("incomplete"), count("failed")));
    sb.append(
        String.format(
            "fields: %d files, %d timesteps read, %s read (each timestep read once)%n",
            filesMatched, timestepsRead, RunResult.size(bytesRead)));
    sb.append("failures: ").append(failureCount).append('\n');
    for (Failure f : failures) {
      sb.append("  ").append(f.stage()).append(' ').append(f.subject()).append(": ");
      sb.append(f.reason()).append('\n');
    }
    if (!refusedEvents.isEmpty()) {
      sb.append("events refused by the catalog:\n");
      for (Failure f : refusedEvents) {
        sb.append("  ").append(f.stage()).append(' ').append(f.subject()).append(": ");
        sb.append(f.reason()).append('\n');
      }
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
    n.put("events", events);
    Map<String, Integer> s = new LinkedHashMap<>();
    for (String k : List.of("ok", "incomplete", "failed")) {
      s.put(k, count(k));
    }
    n.set("statuses", m.valueToTree(s));
    n.put("timesteps_read", timestepsRead);
    n.put("bytes_read", bytesRead);
    n.put("files_matched", filesMatched);
    n.put("failure_count", failureCount);
    var fs = n.putArray("failures");
    for (Failure f : failures) {
      fs.addObject().put("stage", f.stage()).put("subject", f.subject()).put("reason", f.reason());
    }
    var rs = n.putArray("refused_events");
    for (Failure f : refusedEvents) {
      rs.addObject().put("stage", f.stage()).put("subject", f.subject()).put("reason", f.reason());
    }
    var os = n.putArray("outputs");
    outputs.forEach(os::add);
    n.put("seconds", seconds);
    n.put("results_repeated", resultsRepeated);
    n.set("counters", m.valueToTree(new java.util.TreeMap<>(counters)));
    return n.toPrettyString() + "\n";
  }
}
