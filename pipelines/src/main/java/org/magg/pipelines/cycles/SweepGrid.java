package org.magg.pipelines.cycles;

import java.util.ArrayList;
import java.util.List;
import org.magg.transforms.cycles.ExperimentSpec;

/**
 * The experiments of a sweep: every combination of filter, ensemble size, inflation and (for the
 * LETKF; the other filters are not localised) localisation radius, with the other settings of
 * {@code base}. Every combination is validated before any runs.
 */
public record SweepGrid(
    List<String> filters,
    List<Integer> members,
    List<Double> inflations,
    List<Double> radii,
    ExperimentSpec base) {

  public SweepGrid {
    filters = List.copyOf(filters);
    members = List.copyOf(members);
    inflations = List.copyOf(inflations);
    radii = radii == null || radii.isEmpty() ? List.of() : List.copyOf(radii);
    if (filters.isEmpty() || members.isEmpty() || inflations.isEmpty()) {
      throw new IllegalArgumentException(
          "a sweep needs at least one --filter, --members and --inflation value");
    }
  }

  /** The experiments, in the order filter, members, inflation, radius. */
  public List<ExperimentSpec> specs() {
    List<ExperimentSpec> out = new ArrayList<>();
    for (String f : filters) {
      List<Double> rs =
          !"letkf".equalsIgnoreCase(f)
              ? List.of(Double.NaN)
              : radii.isEmpty() ? List.of(ExperimentSpec.DEFAULT_LETKF_RADIUS) : radii;
      for (int m : members) {
        for (double infl : inflations) {
          for (double r : rs) {
            out.add(
                new ExperimentSpec(
                        f,
                        m,
                        base.steps(),
                        base.burnIn(),
                        infl,
                        r,
                        base.rotation(),
                        base.obsEvery(),
                        base.obsError(),
                        base.forcing(),
                        base.dt(),
                        base.seed(),
                        base.obsIndices(),
                        base.variables())
                    .validate());
          }
        }
      }
    }
    return out;
  }
}
