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
}
