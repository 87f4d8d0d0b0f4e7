package org.magg.pipelines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.magg.transforms.cycles.ExperimentResult;
import org.magg.transforms.cycles.ExperimentSpec;
import org.magg.transforms.cycles.TwinExperiment;

/** The sweep benchmark's four paths run the same seeded experiments and agree on every one. */
class SweepBenchmarkTest {
  private static List<ExperimentSpec> specs() {
    ExperimentSpec etkf =
        new ExperimentSpec("etkf", 6, 120, 20, 1.05, Double.NaN, true, 1, 1, 8, 0.05, 3, null, 40);
    ExperimentSpec enkf =
        new ExperimentSpec("enkf", 8, 120, 20, 1.05, Double.NaN, false, 1, 1, 8, 0.05, 5, null, 40);
    ExperimentSpec letkf =
        new ExperimentSpec("letkf", 5, 120, 20, 1.04, 4, false, 1, 1, 8, 0.05, 7, null, 40);
    return List.of(etkf, enkf, letkf);
  }

  @Test
  void threadsGiveEachExperimentsOwnResultInSpecOrder() throws Exception {
    List<ExperimentSpec> specs = specs();
    List<ExperimentResult> threads = SweepBenchmark.threads(specs, 2);
    for (int i = 0; i < specs.size(); i++) {
      ExperimentResult alone = TwinExperiment.run(specs.get(i));
      assertEquals(alone.key(), threads.get(i).key());
      assertEquals(alone.analysisRmse(), threads.get(i).analysisRmse(), 0.0);
      assertEquals(alone.freeRmse(), threads.get(i).freeRmse(), 0.0);
    }
  }

  @Test
  void everyPathAgreesAndEachRoundTimesFourPaths() throws Exception {
    SweepBenchmark.Figures f = SweepBenchmark.run(specs(), List.of(), 1);
    assertEquals(List.of(), f.disagreements());
    assertEquals(0, f.exitCode());
    assertEquals(4, f.runs().size());
    for (SweepBenchmark.Way way : SweepBenchmark.Way.values()) {
      assertTrue(f.best(way) > 0, way.name());
    }
    String text = f.toText();
    assertTrue(text.contains("two plain threads take"), text);
    assertEquals(2 + 4 + 1, text.lines().count(), text);
  }

  @Test
  void workerCountReplacesAGivenOneForTheRunnerInUse() {
    assertEquals(
        List.of("--tempLocation=x", "--targetParallelism=2"),
        SweepBenchmark.workers(List.of("--targetParallelism=8", "--tempLocation=x"), 2));
    assertEquals(
        List.of("--runner=FlinkRunner", "--parallelism=1"),
        SweepBenchmark.workers(List.of("--runner=FlinkRunner", "--parallelism=4"), 1));
  }
}
