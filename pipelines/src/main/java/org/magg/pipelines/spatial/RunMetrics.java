package org.magg.pipelines.spatial;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.magg.io.spatial.RunCounters;
import org.magg.pipelines.runners.Progress;

/** Reads the run's counters back from a finished pipeline, summed over steps. */
public final class RunMetrics {
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

  static Map<String, Long> counters(PipelineResult result) {
    MetricQueryResults q =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(RunCounters.NAMESPACE))
                    .build());
    Map<String, Long> out = new HashMap<>();
    for (MetricResult<Long> c : q.getCounters()) {
      long v;
      try {
        v = c.getCommitted();
      } catch (UnsupportedOperationException e) {
        v = c.getAttempted();
      }
      out.merge(c.getName().getName(), v, Long::sum);
    }
    return out;
  }

  /** Every counter whose namespace starts with {@code prefix}, as {@code namespace/name}. */
  public static Map<String, Long> countersUnder(PipelineResult result, String prefix) {
    return countersUnder(result, prefix, null);
  }

  /**
   * Every counter whose namespace starts with {@code prefix}, reported by the steps under the
   * top-level transform named {@code step} (null: every step), as {@code namespace/name}: say the
   * reads of one collection when a pipeline reads it twice.
   */
  public static Map<String, Long> countersUnder(PipelineResult result, String prefix, String step) {
    MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder().build());
    Map<String, Long> out = new java.util.TreeMap<>();
    for (MetricResult<Long> c : q.getCounters()) {
      String ns = c.getName().getNamespace();
      if (!ns.startsWith(prefix) || (step != null && !under(c.getKey().stepName(), step))) {
        continue;
      }
      long v;
      try {
        v = c.getCommitted();
      } catch (UnsupportedOperationException e) {
        v = c.getAttempted();
      }
      out.merge(ns + "/" + c.getName().getName(), v, Long::sum);
    }
    return out;
  }

  /** Whether a step's full name is {@code top} or a step inside it. */
  private static boolean under(String stepName, String top) {
    return stepName.equals(top) || stepName.startsWith(top + "/");
  }
}
