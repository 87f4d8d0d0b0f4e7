package org.magg.pipelines.cycles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.magg.pipelines.runners.FlinkOnClasspath;
import org.magg.pipelines.runners.Runners;
import org.magg.transforms.cycles.AnalysisStep;
import org.magg.transforms.cycles.Carry;
import org.magg.transforms.cycles.DAState;
import org.magg.transforms.cycles.EnsembleAsElements;
import org.magg.transforms.cycles.EnsembleDACycle;
import org.magg.transforms.cycles.EnsembleSlot;
import org.magg.transforms.cycles.Etkf;
import org.magg.transforms.cycles.ExperimentResult;
import org.magg.transforms.cycles.ExperimentSpec;
import org.magg.transforms.cycles.IdentityObs;
import org.magg.transforms.cycles.Inflation;
import org.magg.transforms.cycles.Letkf;
import org.magg.transforms.cycles.Lorenz96;
import org.magg.transforms.cycles.ObsError;
import org.magg.transforms.cycles.ObservationSource;
import org.magg.transforms.cycles.Rng;
import org.magg.transforms.cycles.StochasticEnKF;
import org.magg.transforms.cycles.TwinExperiment;

/**
 * The two Beam shapes of the data assimilation cycles on the Flink runner's embedded cluster (2
 * slots): the ensemble members as elements give the in-memory cycle's ensemble to the bit, and a
 * sweep gives each experiment's in-process result. Needs the Flink runner on the classpath: {@code
 * mvn -Pflink-runner test -Dtest='CyclesFlinkRunnerIT'}.
 */
class CyclesFlinkRunnerIT {
  private static final List<String> FLINK = List.of("--runner=FlinkRunner", "--parallelism=2");
  private static final int MEMBERS = 6;
  private static final int CYCLES = 4;

  @BeforeAll
  static void requireFlinkRunner() {
    FlinkOnClasspath.require();
  }

  private static double[][] initial() {
    Rng rng = Rng.seeded(31);
    double[][] e = new double[MEMBERS][40];
    for (double[] x : e) {
      for (int i = 0; i < 40; i++) {
        x[i] = 3 * rng.nextGaussian();
      }
    }
    return e;
  }

  private static ObservationSource observations() {
    Rng rng = Rng.seeded(32);
    double[][] obs = new double[CYCLES][];
    for (int k = 0; k < CYCLES; k += 2) {
      obs[k] = new double[40];
      for (int i = 0; i < 40; i++) {
        obs[k][i] = 2 + rng.nextGaussian();
      }
    }
    return ObservationSource.of(obs);
  }

  private static void membersAsElements(AnalysisStep<double[][]> analysis) {
    EnsembleDACycle cycle =
        new EnsembleDACycle(
            new Lorenz96(40, 8, 0.05),
            new IdentityObs(),
            analysis,
            observations(),
            CYCLES,
            MEMBERS);
    DAState start = DAState.start(ObsError.diagonal(40, 1), 9);
    Carry<double[][], DAState> expected = cycle.apply(initial(), start);
    double[][] e = expected.carrier();
    Rng.State rng = expected.state().rng().state();
    Pipeline p = Pipeline.create(Runners.options(FLINK));
    PCollection<EnsembleSlot> out = EnsembleAsElements.build(p, cycle, initial(), start);
    PAssert.that(out)
        .satisfies(
            slots -> {
              List<EnsembleSlot> all = new ArrayList<>();
              slots.forEach(all::add);
              double[][] got = EnsembleAsElements.members(all);
              for (int i = 0; i < MEMBERS; i++) {
                assertArrayEquals(e[i], got[i], 0.0, "member " + i);
              }
              assertEquals(rng, EnsembleAsElements.control(all).rng().state());
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  void etkfMembersAsElementsOnFlink() {
    membersAsElements(new Inflation(new Etkf(true), 1.02));
  }

  @Test
  void enkfMembersAsElementsOnFlink() {
    membersAsElements(new StochasticEnKF());
  }

  @Test
  void letkfBatchesAsElementsOnFlink() {
    membersAsElements(new Inflation(new Letkf(4, true), 1.04));
  }

  @Test
  void sweepOnFlinkEqualsTheExperimentsInProcess() {
    ExperimentSpec base =
        new ExperimentSpec("etkf", 2, 250, 50, 1, Double.NaN, true, 1, 1, 8, 0.05, 4, null, 40);
    List<ExperimentSpec> specs =
        new SweepGrid(List.of("etkf", "letkf"), List.of(6, 8), List.of(1.05), null, base).specs();
    DaSweep.Result r = DaSweep.run(specs, FLINK);
    assertEquals("FlinkRunner", r.runner());
    for (int i = 0; i < specs.size(); i++) {
      ExperimentResult expected = TwinExperiment.run(specs.get(i));
      assertEquals(expected.key(), r.experiments().get(i).key());
      assertEquals(expected.analysisRmse(), r.experiments().get(i).analysisRmse(), 0.0);
      assertEquals(expected.freeRmse(), r.experiments().get(i).freeRmse(), 0.0);
    }
  }
}
