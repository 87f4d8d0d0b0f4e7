package org.magg.pipelines.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunnersTest {

  @Test
  void directRunnerByDefault() {
    assertEquals("DirectRunner", Runners.name(Runners.options(List.of())));
    assertEquals("DirectRunner", Runners.name(Runners.options(List.of("--runner=DirectRunner"))));
  }

  @Test
  void missingRunnerNamesTheProfile() {
    assumeFalse(
        onClasspath("org.apache.beam.runners.dataflow.DataflowRunner"),
        "the Dataflow runner is on the classpath (built with -Pdataflow-runner)");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Runners.options(List.of("--runner=DataflowRunner")));
    assertThat(e.getMessage(), containsString("-Pdataflow-runner"));
  }

  @Test
  void positionalArgumentsAndUnknownOptionsAreRefused() {
    IllegalArgumentException positional =
        assertThrows(IllegalArgumentException.class, () -> Runners.options(List.of("oops")));
    assertThat(positional.getMessage(), containsString("'oops'"));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class, () -> Runners.options(List.of("--noSuchOption=1")));
    assertThat(unknown.getMessage(), containsString("noSuchOption"));
  }

  private static boolean onClasspath(String className) {
    try {
      Class.forName(className);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void defaultsAreAddedOnlyWhenAbsent() {
    assertEquals(
        java.util.List.of(
            "--runner=FlinkRunner",
            "--objectReuse=false",
            "--numberOfExecutionRetries=-1",
            "--fasterCopy=true",
            "--executionRetryDelay=10000"),
        Runners.withRunnerDefaults(
            java.util.List.of(
                "--runner=FlinkRunner", "--objectReuse=false", "--numberOfExecutionRetries=-1")));
    assertEquals(
        java.util.List.of("--runner=DirectRunner"),
        Runners.withRunnerDefaults(java.util.List.of("--runner=DirectRunner")));
    assertEquals(
        java.util.List.of("--enforceImmutability", "--enforceEncodability=false"),
        Runners.withDefaults(
            java.util.List.of("--enforceImmutability"), Runners.DIRECT_RUN_DEFAULTS));
    org.junit.jupiter.api.Assertions.assertTrue(Runners.isDirect(java.util.List.of()));
    org.junit.jupiter.api.Assertions.assertTrue(
        Runners.isDirect(java.util.List.of("--runner=DirectRunner")));
    org.junit.jupiter.api.Assertions.assertTrue(
        Runners.isFlink(java.util.List.of("--runner=flinkrunner")));
    org.junit.jupiter.api.Assertions.assertFalse(
        Runners.isDirect(java.util.List.of("--runner=FlinkRunner")));
  }

  @Test
  void flinkBatchRunsGetAConfigurationWithoutAdaptiveParallelismUnlessGiven() throws Exception {
    assumeFalse(System.getenv("FLINK_CONF_DIR") != null, "FLINK_CONF_DIR is set");
    List<String> flink = List.of("--runner=FlinkRunner", "--parallelism=2");
    List<String> args = Runners.withFlinkBatchConf(flink);
    assertEquals(3, args.size(), args.toString());
    assertEquals(flink, args.subList(0, 2));
    String dir = args.get(2).substring("--flinkConfDir=".length());
    assertEquals(
        "execution.batch.adaptive.auto-parallelism.enabled: false\n",
        java.nio.file.Files.readString(java.nio.file.Path.of(dir, "flink-conf.yaml")));
    // made once per JVM
    assertEquals(args, Runners.withFlinkBatchConf(flink));
    // a configuration given wins; other runners get nothing
    List<String> given = List.of("--runner=FlinkRunner", "--flinkConfDir=/etc/flink");
    assertEquals(given, Runners.withFlinkBatchConf(given));
    assertEquals(List.of(), Runners.withFlinkBatchConf(List.of()));
    assertEquals(
        List.of("--runner=DirectRunner"),
        Runners.withFlinkBatchConf(List.of("--runner=DirectRunner")));
  }

  @Test
  void directParallelismIsTheOptionElseTheRunnersDefault() {
    assertEquals(5, Runners.directParallelism(List.of("--targetParallelism=5")));
    assertEquals(
        Math.max(3, Runtime.getRuntime().availableProcessors()),
        Runners.directParallelism(List.of("--runner=DirectRunner")));
  }
}
