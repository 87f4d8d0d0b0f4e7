package org.magg.transforms.cycles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/**
 * The ensemble cycle with the members as Beam elements (Direct runner) gives the in-memory cycle's
 * ensemble and generator state to the bit, for the global and the local analyses, with and without
 * observations at a cycle.
 */
class EnsembleAsElementsTest {
  static final int MEMBERS = 6;
  static final int CYCLES = 6;

  static double[][] initial() {
    Rng rng = Rng.seeded(21);
    double[][] e = new double[MEMBERS][40];
    for (double[] x : e) {
      for (int i = 0; i < 40; i++) {
        x[i] = 3 * rng.nextGaussian();
      }
    }
    return e;
  }

  /** Observations of every variable at odd cycles, none at even ones. */
  static ObservationSource observations() {
    Rng rng = Rng.seeded(22);
    double[][] obs = new double[CYCLES][];
    for (int k = 0; k < CYCLES; k += 2) {
      obs[k] = new double[40];
      for (int i = 0; i < 40; i++) {
        obs[k][i] = 2 + rng.nextGaussian();
      }
    }
    return ObservationSource.of(obs);
  }

  static EnsembleDACycle cycle(AnalysisStep<double[][]> analysis) {
    return new EnsembleDACycle(
        new Lorenz96(40, 8, 0.05), new IdentityObs(), analysis, observations(), CYCLES, MEMBERS);
  }

  static void assertSameAsInMemory(Pipeline p, AnalysisStep<double[][]> analysis) {
    EnsembleDACycle cycle = cycle(analysis);
    DAState start = DAState.start(ObsError.diagonal(40, 1), 9);
    Carry<double[][], DAState> expected = cycle.apply(initial(), start);
    double[][] e = expected.carrier();
    Rng.State rng = expected.state().rng().state();
    double t = expected.state().t();
    PCollection<EnsembleSlot> out = EnsembleAsElements.build(p, cycle, initial(), start);
    PAssert.that(out)
        .satisfies(
            slots -> {
              List<EnsembleSlot> all = new ArrayList<>();
              slots.forEach(all::add);
              assertEquals(MEMBERS + 1, all.size());
              double[][] got = EnsembleAsElements.members(all);
              for (int i = 0; i < MEMBERS; i++) {
                assertArrayEquals(e[i], got[i], 0.0, "member " + i);
              }
              DAState c = EnsembleAsElements.control(all);
              assertEquals(rng, c.rng().state());
              assertEquals(t, c.t());
              assertEquals(CYCLES, c.cycleCount());
              return null;
            });
    p.run().waitUntilFinish();
  }

  private static Pipeline direct() {
    return Pipeline.create(PipelineOptionsFactory.create());
  }

  @Test
  void etkfWithRotationAndInflation() {
    assertSameAsInMemory(direct(), new Inflation(new Etkf(true), 1.02));
  }

  @Test
  void stochasticEnKf() {
    assertSameAsInMemory(direct(), new StochasticEnKF());
  }

  @Test
  void letkfLocalAnalysesAsElements() {
    assertSameAsInMemory(direct(), new Inflation(new Letkf(4, true), 1.04));
  }

  @Test
  void slotCoderRoundTrips() throws CoderException, Exception {
    CoderProperties.coderDecodeEncodeEqual(
        EnsembleSlotCoder.of(), EnsembleSlot.member(3, new double[] {1.5, -2, Double.NaN}));
    DAState s =
        new DAState(
            1.25, 7, ObsError.of(new double[][] {{1, 0.2}, {0.2, 2}}), Rng.seeded(5).copy());
    s.rng().nextGaussian();
    CoderProperties.coderDecodeEncodeEqual(EnsembleSlotCoder.of(), EnsembleSlot.control(s));
    CoderProperties.coderDeterministic(
        EnsembleSlotCoder.of(),
        EnsembleSlot.member(0, new double[] {1}),
        EnsembleSlot.member(0, new double[] {1}));
  }
}
