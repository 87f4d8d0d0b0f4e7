package org.magg.transforms.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.magg.core.ConfigException;
import org.magg.core.engine.DataNeed;
import org.magg.core.engine.VarSpec;

/**
 * Works out which producers must run, and in which order, to obtain target variables: from each
 * target back through the producers that make it and the variables they need. A configuration that
 * cannot be resolved is a {@link ConfigException} naming the producers and variables concerned:
 *
 * <ul>
 *   <li>two producers with one name;
 *   <li>a target, or a required need, that no producer makes;
 *   <li>a variable two producers make without a merge policy, or with different specs;
 *   <li>a need whose kind is not the variable's;
 *   <li>a cycle (named producer by producer); a producer needing what it makes itself is allowed
 *       only when it is {@link org.magg.core.engine.ProducerCapabilities#iterative iterative}.
 * </ul>
 *
 * Layers are the longest-path depth from the sources; within a layer producers are in name order,
 * so a plan is the same for the same producers whatever order they were given in.
 */
public final class DependencyResolver {
  private DependencyResolver() {}

  /**
   * The plan for {@code targets}, or for every produced variable when {@code targets} is empty.
   *
   * @throws ConfigException as listed in the class comment
   */
  public static ResolutionPlan resolve(
      Collection<? extends Producer> producers, Collection<String> targets) {
    Map<String, Producer> byName = new TreeMap<>();
    for (Producer p : producers) {
      if (byName.putIfAbsent(p.name(), p) != null) {
        throw new ConfigException(
            "producers." + p.name(), "two producers are named '" + p.name() + "'");
      }
    }
    Map<String, List<Producer>> makers = new TreeMap<>();
    for (Producer p : byName.values()) {
      for (VarSpec v : p.produces()) {
        makers.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(p);
      }
    }
    Map<String, VarSpec> specs = new TreeMap<>();
    for (Map.Entry<String, List<Producer>> e : makers.entrySet()) {
      specs.put(e.getKey(), agreedSpec(e.getKey(), e.getValue()));
    }

    List<String> wanted =
        new ArrayList<>(new TreeSet<>(targets.isEmpty() ? makers.keySet() : targets));
    for (String t : wanted) {
      if (!makers.containsKey(t)) {
        throw new ConfigException(
            "targets",
            "no producer makes target variable '"
                + t
                + "' (produced variables: "
                + makers.keySet()
                + ")");
      }
    }

    // The producers needed, walking back from the targets.
    Set<String> needed = new TreeSet<>();
    List<String> queue = new ArrayList<>(wanted);
    Set<String> seenVars = new java.util.HashSet<>(wanted);
    while (!queue.isEmpty()) {
      String var = queue.remove(queue.size() - 1);
      for (Producer p : makers.get(var)) {
        if (!needed.add(p.name())) {
          continue;
        }
        for (DataNeed n : p.needs().needs()) {
          if (!makers.containsKey(n.name())) {
            if (n.required()) {
              throw new ConfigException(
                  "producers." + p.name() + ".needs",
                  "producer '"
                      + p.name()
                      + "' needs '"
                      + n.name()
                      + "', which no producer makes (produced variables: "
                      + makers.keySet()
                      + ")");
            }
            continue;
          }
          VarSpec spec = specs.get(n.name());
          if (spec.kind() != n.kind()) {
            throw new ConfigException(
                "producers." + p.name() + ".needs",
                "producer '"
                    + p.name()
                    + "' needs '"
                    + n.name()
                    + "' as "
                    + n.kind().id()
                    + " but it is "
                    + spec.kind().id());
          }
          if (seenVars.add(n.name())) {
            queue.add(n.name());
          }
        }
      }
    }

    // Edges: producer -> the producers of what it needs (itself only if iterative).
    Map<String, Set<String>> deps = new TreeMap<>();
    for (String name : needed) {
      Producer p = byName.get(name);
      Set<String> d = new TreeSet<>();
      for (DataNeed n : p.needs().needs()) {
        for (Producer m : makers.getOrDefault(n.name(), List.of())) {
          if (m.name().equals(name)) {
            if (!p.capabilities().iterative()) {
              throw new ConfigException(
                  "producers." + name + ".needs",
                  "producer '"
                      + name
                      + "' needs '"
                      + n.name()
                      + "', which it makes itself; declare it iterative to read its own previous output");
            }
            continue;
          }
          d.add(m.name());
        }
      }
      deps.put(name, d);
    }
    List<String> cycle = findCycle(deps, byName);
    if (!cycle.isEmpty()) {
      throw new ConfigException("producers", "a cycle: " + describeCycle(cycle, byName));
    }

    Map<String, Integer> depth = new HashMap<>();
    for (String name : deps.keySet()) {
      depthOf(name, deps, depth);
    }
    int layers = depth.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    List<List<Producer>> out = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      out.add(new ArrayList<>());
    }
    for (String name : deps.keySet()) { // name order
      out.get(depth.get(name)).add(byName.get(name));
    }
    Map<String, VarSpec> planVars = new TreeMap<>();
    Map<String, List<String>> planMakers = new TreeMap<>();
    for (String name : needed) {
      for (VarSpec v : byName.get(name).produces()) {
        planVars.put(v.name(), specs.get(v.name()));
        planMakers.put(
            v.name(),
            makers.get(v.name()).stream().map(Producer::name).filter(needed::contains).toList());
      }
    }
    return new ResolutionPlan(
        List.copyOf(wanted),
        out.stream().map(List::copyOf).toList(),
        Collections.unmodifiableMap(planVars),
        Collections.unmodifiableMap(planMakers));
  }

  private static VarSpec agreedSpec(String var, List<Producer> makers) {
    VarSpec first = null;
    String firstBy = null;
    for (Producer p : makers) {
      for (VarSpec v : p.produces()) {
        if (!v.name().equals(var)) {
          continue;
        }
        if (first == null) {
          first = v;
          firstBy = p.name();
        } else if (!first.equals(v)) {
          throw new ConfigException(
              "variables." + var,
              "producers '"
                  + firstBy
                  + "' and '"
                  + p.name()
                  + "' declare '"
                  + var
                  + "' differently: "
                  + first
                  + " vs "
                  + v);
        }
      }
    }
    if (makers.size() > 1 && !first.declaresMergePolicy()) {
      throw new ConfigException(
          "variables." + var + ".merge",
          "variable '"
              + var
              + "' is produced by "
              + makers.stream().map(p -> "'" + p.name() + "'").collect(Collectors.joining(" and "))
              + " but declares no merge policy; set merge to one of last_writer, monotone_min,"
              + " monotone_max, accumulate, union");
    }
    return first;
  }

  private static int depthOf(
      String name, Map<String, Set<String>> deps, Map<String, Integer> depth) {
    Integer known = depth.get(name);
    if (known != null) {
      return known;
    }
    int d = 0;
    for (String up : deps.get(name)) {
      d = Math.max(d, depthOf(up, deps, depth) + 1);
    }
    depth.put(name, d);
    return d;
  }

  /** A cycle as producer names, first repeated at the end, or empty. Deterministic: name order. */
  private static List<String> findCycle(
      Map<String, Set<String>> deps, Map<String, Producer> byName) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
    for (String start : deps.keySet()) {
      LinkedHashSet<String> stack = new LinkedHashSet<>();
      List<String> c = visit(start, deps, state, stack);
      if (!c.isEmpty()) {
        return c;
      }
    }
    return List.of();
  }

  private static List<String> visit(
      String node,
      Map<String, Set<String>> deps,
      Map<String, Integer> state,
      LinkedHashSet<String> stack) {
    Integer s = state.get(node);
    if (s != null && s == 2) {
      return List.of();
    }
    if (s != null && s == 1) {
      List<String> path = new ArrayList<>(stack);
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      return cycle;
    }
    state.put(node, 1);
    stack.add(node);
    for (String up : deps.get(node)) {
      List<String> c = visit(up, deps, state, stack);
      if (!c.isEmpty()) {
        return c;
      }
    }
    stack.remove(node);
    state.put(node, 2);
    return List.of();
  }

  /** "'a' needs 'x' from 'b', 'b' needs 'y' from 'a'". */
  private static String describeCycle(List<String> cycle, Map<String, Producer> byName) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i + 1 < cycle.size(); i++) {
      Producer p = byName.get(cycle.get(i));
      Producer from = byName.get(cycle.get(i + 1));
      Set<String> made = from.produces().stream().map(VarSpec::name).collect(Collectors.toSet());
      String var =
          p.needs().needs().stream()
              .map(DataNeed::name)
              .filter(made::contains)
              .findFirst()
              .orElse("?");
      parts.add("'" + p.name() + "' needs '" + var + "' from '" + from.name() + "'");
    }
    return String.join(", ", parts);
  }
}
