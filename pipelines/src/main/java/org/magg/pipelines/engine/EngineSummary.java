package org.magg.pipelines.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.magg.core.Json;
import org.magg.core.RunResult;

/**
 * What an engine run did. The producers add up: resolved = ran + skipped + failed +
 * upstream_failed. Exit code 0 when none failed, 1 otherwise.
 *
 * @param runId the run's id (in the cube's catalog)
 * @param config the config's origin
 * @param runner the Beam runner
 * @param targets the variables asked for
 * @param status {@code succeeded}, {@code partial} (some failed, others completed) or {@code
 *     failed} (none completed)
 * @param producers every producer resolved, layer by layer
 * @param layers the plan's layers
 * @param deadLetters the dead letters recorded (calls and tile writes that failed)
 * @param cube the cube's root
 * @param seconds wall time
 */
public record EngineSummary(
    String runId,
    String config,
    String runner,
    List<String> targets,
    String status,
    List<ProducerOutcome> producers,
    int layers,
    int deadLetters,
    String cube,
    double seconds)
    implements RunResult {

  public EngineSummary {
    targets = List.copyOf(targets);
    producers = List.copyOf(producers);
  }

  /** The producers with {@code status}. */
  public long count(String status) {
    return producers.stream().filter(p -> p.status().equals(status)).count();
  }

  /** The outcome of the producer {@code name}. */
  public ProducerOutcome producer(String name) {
    return producers.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no producer '" + name + "' in the run"));
  }

  @Override
  public int exitCode() {
    return producers.stream().anyMatch(ProducerOutcome::isFailure) ? 1 : 0;
  }

  @Override
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("engine run ").append(runId).append(": ").append(config);
    sb.append(" on ").append(runner).append('\n');
    sb.append("targets: ").append(targets).append('\n');
    sb.append(
        String.format(
            "producers: %d resolved in %d layers = %d ran + %d skipped + %d failed + %d"
                + " upstream_failed%n",
            producers.size(),
            layers,
            count(ProducerOutcome.RAN),
            count(ProducerOutcome.SKIPPED),
            count(ProducerOutcome.FAILED),
            count(ProducerOutcome.UPSTREAM_FAILED)));
    int width = producers.stream().mapToInt(p -> p.name().length()).max().orElse(0);
    for (ProducerOutcome p : producers) {
      String status =
          p.status()
              + (p.attempts() > 1 ? " (" + RunResult.count(p.attempts(), "attempt") + ")" : "");
      sb.append(String.format("  %-" + width + "s  %-17s %s%n", p.name(), status, p.reason()));
    }
    sb.append("dead letters: ").append(deadLetters).append('\n');
    sb.append("cube: ").append(cube).append('\n');
    sb.append("status: ").append(status).append('\n');
    sb.append(String.format("time: %.1f s%n", seconds));
    return sb.toString();
  }

  /**
   * The report of {@code magg engine run --report}: {@code {"run_id", "status", "producers": {name:
   * {"status", "attempts", "reason"}}}}.
   */
  public String reportJson() {
    return report().toPrettyString() + "\n";
  }

  private ObjectNode report() {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("run_id", runId);
    n.put("status", status);
    ObjectNode ps = n.putObject("producers");
    for (ProducerOutcome p : producers) {
      ps.putObject(p.name())
          .put("status", p.status())
          .put("attempts", p.attempts())
          .put("reason", p.reason());
    }
    return n;
  }

  @Override
  public String toJson() {
    ObjectNode n = report();
    n.put("config", config);
    n.put("runner", runner);
    var ts = n.putArray("targets");
    targets.forEach(ts::add);
    ObjectNode counts = n.putObject("counts");
    counts.put("resolved", producers.size());
    for (String s :
        List.of(
            ProducerOutcome.RAN,
            ProducerOutcome.SKIPPED,
            ProducerOutcome.FAILED,
            ProducerOutcome.UPSTREAM_FAILED)) {
      counts.put(s, count(s));
    }
    n.put("layers", layers);
    n.put("dead_letters", deadLetters);
    n.put("cube", cube);
    n.put("seconds", seconds);
    return n.toPrettyString() + "\n";
  }
}
