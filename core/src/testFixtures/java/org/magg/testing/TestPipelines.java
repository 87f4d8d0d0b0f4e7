package org.magg.testing;

import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.TestPipeline;

/**
 * Beam's {@link TestPipeline} for JUnit 5 tests, and the counters of a finished run.
 *
 * <p>{@code TestPipeline} is a JUnit 4 rule: outside a {@code @Rule} its {@code run()} refuses to
 * start unless an enforcement is chosen, which {@link #create()} does. Its {@code run()} then runs
 * on the Direct runner (the runner on the test class path), with the runner's immutability and
 * encodability checks on, and fails unless every {@code PAssert} of the pipeline ran and passed.
 */
public final class TestPipelines {
  private TestPipelines() {}

  /** A test pipeline ready to be built and run in a JUnit 5 test. */
  public static TestPipeline create() {
    return TestPipeline.create().enableAbandonedNodeEnforcement(true);
  }

  /** The counters of {@code namespace} by name, summed over steps (committed values). */
  public static Map<String, Long> counters(PipelineResult result, String namespace) {
    Map<String, Long> out = new TreeMap<>();
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(namespace))
                    .build())
            .getCounters()) {
      out.merge(c.getName().getName(), c.getCommitted(), Long::sum);
    }
    return out;
  }
}
