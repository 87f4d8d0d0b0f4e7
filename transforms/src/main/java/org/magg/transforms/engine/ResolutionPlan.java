package org.magg.transforms.engine;

import java.util.List;
import java.util.Map;
import org.magg.core.engine.VarSpec;

/**
 * What must run to obtain the targets: the producers in layers (every producer's inputs come from
 * earlier layers; within a layer producers are independent, sorted by name), the variables involved
 * with their specs, and which producers make each.
 *
 * @param targets the variables asked for (all produced variables when none were named), sorted
 * @param layers the producers, layer by layer
 * @param variables every variable produced by a producer of the plan, by name, sorted
 * @param producersOf for each such variable the names of its producers, sorted
 */
public record ResolutionPlan(
    List<String> targets,
    List<List<Producer>> layers,
    Map<String, VarSpec> variables,
    Map<String, List<String>> producersOf) {

  /** The names of the producers, layer by layer. */
  public List<List<String>> layerNames() {
    return layers.stream().map(l -> l.stream().map(Producer::name).toList()).toList();
  }

  /** Every producer of the plan in run order. */
  public List<Producer> producers() {
    return layers.stream().flatMap(List::stream).toList();
  }
}
