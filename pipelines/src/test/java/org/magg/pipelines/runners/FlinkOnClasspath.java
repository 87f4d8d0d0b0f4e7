package org.magg.pipelines.runners;

import org.magg.testing.SharedData;

/** The Flink runner integration tests' precondition: Beam's Flink runner on the classpath. */
public final class FlinkOnClasspath {
  private FlinkOnClasspath() {}

  /**
   * Skips the calling test class (fails it when {@code CI=true}) unless the Flink runner is on the
   * classpath, which the Maven profile {@code -Pflink-runner} puts there.
   */
  public static void require() {
    boolean present;
    try {
      Class.forName("org.apache.beam.runners.flink.FlinkRunner");
      present = true;
    } catch (ClassNotFoundException e) {
      present = false;
    }
    SharedData.requireOrSkip(
        present,
        "the Flink runner is not on the classpath (run with the Maven profile -Pflink-runner)");
  }
}
