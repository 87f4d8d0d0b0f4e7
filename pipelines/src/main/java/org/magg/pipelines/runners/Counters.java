package org.magg.pipelines.runners;

import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * A finished pipeline's Beam counters, summed over steps: committed values where the runner gives
 * them, else attempted ones (the Flink runner, in batch, gives only those).
 */
public final class Counters {
  private Counters() {}

  /** Every counter whose namespace starts with {@code prefix}, as {@code namespace/name}. */
  public static Map<String, Long> under(PipelineResult result, String prefix) {
    return under(result, prefix, null);
  }

  /**
   * Every counter whose namespace starts with {@code prefix}, reported by the steps under the
   * top-level transform named {@code step} (null: every step), as {@code namespace/name}: say the
   * reads of one collection when a pipeline reads it twice.
   */
  public static Map<String, Long> under(PipelineResult result, String prefix, String step) {
    Map<String, Long> out = new TreeMap<>();
    for (MetricResult<Long> c :
        result.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
      String ns = c.getName().getNamespace();
      if (!ns.startsWith(prefix) || (step != null && !within(c.getKey().stepName(), step))) {
        continue;
      }
      out.merge(ns + "/" + c.getName().getName(), value(c), Long::sum);
    }
    return out;
  }

  /** The counters of one namespace, by name, summed over steps. */
  public static Map<String, Long> inNamespace(PipelineResult result, String namespace) {
    Map<String, Long> out = new TreeMap<>();
    for (MetricResult<Long> c :
        result.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
      if (c.getName().getNamespace().equals(namespace)) {
        out.merge(c.getName().getName(), value(c), Long::sum);
      }
    }
    return out;
  }

  /** The committed value where the runner gives one, else the attempted value. */
  private static long value(MetricResult<Long> c) {
    try {
      return c.getCommitted();
    } catch (UnsupportedOperationException e) {
      return c.getAttempted();
    }
  }

  /** Whether a step's full name is {@code top} or a step inside it. */
  private static boolean within(String stepName, String top) {
    return stepName.equals(top) || stepName.startsWith(top + "/");
  }
}
