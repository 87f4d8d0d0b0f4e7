package org.magg.pipelines.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;

/**
 * What {@link FlinkJob} does whichever runners are on the classpath (the Flink runner's own path is
 * checked by FlinkRunnerIT with {@code -Pflink-runner}).
 */
class FlinkJobTest {
  @Test
  void isSupportedExactlyWhenTheFlinkRunnerIsOnTheClasspath() {
    boolean flink;
    try {
      Class.forName("org.apache.beam.runners.flink.FlinkRunner");
      flink = true;
    } catch (ClassNotFoundException e) {
      flink = false;
    }
    assertEquals(flink, FlinkJob.supported());
  }

  @Test
  void leavesAnotherRunnersResultAsItIs() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(Create.of(1, 2, 3));
    PipelineResult result = p.run();
    assertSame(result, FlinkJob.of(result));
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());
  }
}
