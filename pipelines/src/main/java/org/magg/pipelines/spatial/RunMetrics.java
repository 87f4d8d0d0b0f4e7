package org.magg.pipelines.spatial;

import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.magg.io.spatial.RunCounters;
import org.magg.pipelines.runners.Counters;
import org.magg.pipelines.runners.Progress;

/** What a spatial run's progress shows, and its counters read back from the finished pipeline. */
final class RunMetrics {
  private RunMetrics() {}

  /**
   * What a spatial run's progress shows: cells written (or failed) of the selected ones, granules
   * read (or failed) of the distinct ones, points read per second, and granules, groups and cells
   * that failed.
   */
  static Progress.Spec progress(SpatialPipeline.Plan plan) {
    return Progress.Spec.of("spatial")
        .count(
            "cells",
            plan.selection().cellCount(),
            counter(RunCounters.CELLS_WRITTEN),
            counter(RunCounters.CELLS_FAILED))
        .count(
            "granules",
            plan.selection().distinctGranules(),
            counter(RunCounters.GRANULES_READ),
            counter(RunCounters.GRANULES_FAILED))
        .rate("points", counter(RunCounters.POINTS_READ))
        .errors(
            counter(RunCounters.GRANULES_FAILED),
            counter(RunCounters.GROUPS_FAILED),
            counter(RunCounters.CELLS_FAILED));
  }

  private static Progress.Counter counter(String name) {
    return Progress.Counter.of(RunCounters.NAMESPACE, name);
  }

  /** The run's counters ({@link RunCounters#NAMESPACE}), by name, summed over steps. */
  static Map<String, Long> counters(PipelineResult result) {
    return Counters.inNamespace(result, RunCounters.NAMESPACE);
  }
}
