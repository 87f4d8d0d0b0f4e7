package org.magg.pipelines.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.core.Json;
import org.magg.core.RunResult;
import org.magg.core.engine.DataNeed;
import org.magg.core.engine.Staleness;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.Cube;
import org.magg.io.engine.Satisfaction;
import org.magg.pipelines.config.EngineConfig;
import org.magg.transforms.engine.DependencyResolver;
import org.magg.transforms.engine.Producer;
import org.magg.transforms.engine.ResolutionPlan;

/**
 * What the cube holds of an engine config's variables, without running anything: each variable
 * {@code satisfied}, {@code stale} (the cube holds it, but a producer of it, or upstream of it,
 * would run again: its configuration, an input's version or a file's content changed, or it never
 * ran) or {@code missing} (tiles never written or too coarse).
 *
 * @param config the config's origin
 * @param cube the cube's root
 * @param variables the variables the targets resolve to, by name
 */
public record EngineStatus(String config, String cube, List<VariableState> variables)
    implements RunResult {

  public static final String SATISFIED = "satisfied";
  public static final String STALE = "stale";
  public static final String MISSING = "missing";

  /**
   * One variable's state.
   *
   * @param name the variable
   * @param state {@link #SATISFIED}, {@link #STALE} or {@link #MISSING}
   * @param reason why it is stale or missing; empty when satisfied
   */
  public record VariableState(String name, String state, String reason) {}

  public EngineStatus {
    variables = List.copyOf(variables);
  }

  /** The state of the variables {@code targets} resolve to (all produced when empty). */
  public static EngineStatus of(EngineConfig config, List<String> targets) {
    ResolutionPlan plan = DependencyResolver.resolve(config.producers(), targets);
    String root = config.cube().root();
    List<VariableState> out = new ArrayList<>();
    if (!Files.exists(config.cube().catalogFile())) {
      for (String v : plan.variables().keySet()) {
        out.add(new VariableState(v, MISSING, "the cube " + root + " has not been written yet"));
      }
      return new EngineStatus(config.origin(), root, out);
    }
    CubeRef ref = CubeRef.of(config);
    try (Cube cube = ref.open()) {
      Map<String, List<String>> stale = new LinkedHashMap<>();
      for (Producer p : plan.producers()) {
        List<String> why = new ArrayList<>();
        for (DataNeed n : p.needs().needs()) {
          for (String maker : plan.producersOf().getOrDefault(n.name(), List.of())) {
            if (!maker.equals(p.name()) && !stale.get(maker).isEmpty()) {
              why.add("upstream producer '" + maker + "' is stale");
            }
          }
        }
        CurrentInputs current = CurrentInputs.of(p, cube);
        for (String r :
            Staleness.reasons(
                cube.catalog().fingerprint(p.name()).orElse(null), current.fingerprint())) {
          why.add("producer '" + p.name() + "': " + r);
        }
        stale.put(p.name(), why.stream().distinct().toList());
      }
      for (Map.Entry<String, VarSpec> e : plan.variables().entrySet()) {
        Satisfaction s = Freshness.satisfaction(cube, e.getValue());
        List<String> why = new ArrayList<>();
        for (String maker : plan.producersOf().get(e.getKey())) {
          why.addAll(stale.get(maker));
        }
        if (!s.satisfied()) {
          out.add(new VariableState(e.getKey(), MISSING, s.reason()));
        } else if (!why.isEmpty()) {
          out.add(
              new VariableState(
                  e.getKey(), STALE, String.join("; ", why.stream().distinct().toList())));
        } else {
          out.add(new VariableState(e.getKey(), SATISFIED, ""));
        }
      }
      return new EngineStatus(config.origin(), root, out);
    } catch (IOException e) {
      throw new UncheckedIOException("engine status of " + root + ": " + e.getMessage(), e);
    }
  }

  /** The state of {@code name}. */
  public VariableState variable(String name) {
    return variables.stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no variable '" + name + "'"));
  }

  /** A report, not a run: always 0. */
  @Override
  public int exitCode() {
    return 0;
  }

  @Override
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("engine status: ").append(config).append(" (cube ").append(cube).append(")\n");
    long satisfied = variables.stream().filter(v -> v.state().equals(SATISFIED)).count();
    long stale = variables.stream().filter(v -> v.state().equals(STALE)).count();
    sb.append(
        String.format(
            "variables: %d = %d satisfied + %d stale + %d missing%n",
            variables.size(), satisfied, stale, variables.size() - satisfied - stale));
    int width = variables.stream().mapToInt(v -> v.name().length()).max().orElse(0);
    for (VariableState v : variables) {
      sb.append(String.format("  %-" + width + "s  %-9s %s%n", v.name(), v.state(), v.reason()));
    }
    return sb.toString();
  }

  @Override
  public String toJson() {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("config", config);
    n.put("cube", cube);
    ObjectNode vs = n.putObject("variables");
    for (VariableState v : variables) {
      vs.putObject(v.name()).put("state", v.state()).put("reason", v.reason());
    }
    return n.toPrettyString() + "\n";
  }
}
