package org.magg.transforms.cycles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DACyclesTest {
  /** Cycles 1, 3, 5 observed; the history keeps every stride-th (forecast, analysis) pair. */
  @Test
  void ensembleHistoryKeepsForecastAndAnalysisPairs() {
    EnsembleDACycle cycle = EnsembleAsElementsTest.cycle(new Inflation(new Etkf(false), 1.1));
    DAState start = DAState.start(ObsError.diagonal(40, 1), 3);
    EnsembleDACycle.Run<double[][]> every =
        cycle.runWithHistory(EnsembleAsElementsTest.initial(), start, 1);
    assertEquals(6, every.history().size());
    for (HistoryEntry<double[][]> h : every.history()) {
      boolean odd = h.cycle() % 2 == 1;
      assertEquals(odd, h.observed(), "cycle " + h.cycle());
      if (odd) {
        assertNotEquals(h.forecast()[0][0], h.analysis()[0][0]);
      } else {
        assertArrayEquals(h.forecast()[0], h.analysis()[0]);
      }
      assertEquals(0.05 * h.cycle(), h.t(), 1e-12);
    }
    // the history's last analysis is the cycle's result
    assertArrayEquals(every.carrier()[3], every.history().get(5).analysis()[3]);
    EnsembleDACycle.Run<double[][]> strided =
        cycle.runWithHistory(EnsembleAsElementsTest.initial(), start, 2);
    assertEquals(List.of(2L, 4L, 6L), strided.history().stream().map(HistoryEntry::cycle).toList());
    assertThrows(
        IllegalArgumentException.class,
        () -> cycle.apply(new double[][] {new double[40], new double[40]}, start));
  }

  /**
   * An extended Kalman filter (Jacobian of the RK4 step by finite differences) on Lorenz-63,
   * observing all three variables with error 1 every 0.05: its analysis error stays well below the
   * observation error, and far below the free run's.
   */
  @Test
  void extendedKalmanFilterTracksLorenz63() {
    Lorenz63 model = Lorenz63.classic(0.05);
    double[] truth = {1, 1, 1};
    for (int k = 0; k < 200; k++) {
      truth = model.step(truth, 0.05);
    }
    Rng rng = Rng.seeded(12);
    int steps = 400;
    double[][] truths = new double[steps][];
    double[][] obs = new double[steps][];
    for (int k = 0; k < steps; k++) {
      truth = model.step(truth, 0.05);
      truths[k] = truth;
      obs[k] =
          new double[] {
            truth[0] + rng.nextGaussian(),
            truth[1] + rng.nextGaussian(),
            truth[2] + rng.nextGaussian()
          };
    }
    double[][] q = {{0.01, 0, 0}, {0, 0.01, 0}, {0, 0, 0.01}};
    DACycle ekf =
        new DACycle(
            model, new IdentityObs(), new KalmanFilter(), ObservationSource.of(obs), steps, q);
    double[][] p0 = {{4, 0, 0}, {0, 4, 0}, {0, 0, 4}};
    EnsembleDACycle.Run<Gaussian> run =
        ekf.runWithHistory(
            new Gaussian(new double[] {0, 0, 20}, p0),
            DAState.start(ObsError.diagonal(3, 1), 1),
            true);
    double sum = 0;
    for (int k = 100; k < steps; k++) {
      sum += Ensembles.rmse(run.history().get(k).analysis().mean(), truths[k]);
    }
    double rmse = sum / (steps - 100);
    assertTrue(rmse < 0.4, "EKF analysis RMSE " + rmse);
    assertEquals(steps, run.state().cycleCount());
    assertSame(run.history().get(steps - 1).analysis().getClass(), Gaussian.class);
    assertFalse(Double.isNaN(rmse));
  }
}
