package org.magg.transforms.cycles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Kalman filter against the closed-form Gaussian posterior, computed here in information form
 * (precisions add) rather than the filter's gain form.
 */
class KalmanFilterTest {
  static final double[][] M = {{0.9, 0.2}, {-0.1, 0.95}};
  static final double[] M0 = {1, -1};
  static final double[][] P0 = {{1, 0.2}, {0.2, 0.5}};
  static final double R = 0.25;
  static final double[][] Y = {
    {1.1}, {0.7}, {0.9}, {0.2}, {0.4}, {-0.3}, {0.1}, {0.5}, {0.2}, {0.0}
  };

  /** Prior N(m, P), y = x_1 + x_2 + e, e ~ N(0, 0.5): P_a = (P^-1 + H^T R^-1 H)^-1 etc. */
  @Test
  void singleAnalysisEqualsTheClosedFormPosterior() {
    double[] m = {1, 2};
    double[][] p = {{2, 0.5}, {0.5, 1}};
    double[][] h = {{1, 1}};
    double r = 0.5;
    double y = 4;
    double[][] pInv = Small.inv2(p);
    double[][] precision = Small.add(pInv, Small.scale(Small.mul(Small.t(h), h), 1 / r));
    double[][] pa = Small.inv2(precision);
    double[] info = Small.add(Small.mul(pInv, m), new double[] {y / r, y / r});
    double[] ma = Small.mul(pa, info);

    Gaussian a =
        new KalmanFilter()
            .analyse(
                new Gaussian(m, p),
                new double[] {y},
                new LinearObs(h),
                ObsError.diagonal(1, r),
                Rng.seeded(1));
    assertArrayEquals(ma, a.mean(), 1e-12);
    Small.assertClose(pa, a.cov(), 1e-12);
  }

  /**
   * Five cycles of a linear model without model error, observing x_1: the filter at step 5 equals
   * the batch posterior of x_0 given all five observations (precision P0^-1 + sum_k G_k^T R^-1 G_k,
   * G_k = H M^k) carried to step 5 by M^5.
   */
  @Test
  void cycledFilterEqualsTheBatchPosterior() {
    int steps = 5;
    EnsembleDACycle.Run<Gaussian> run =
        new DACycle(
                new LinearModel(M, 1),
                new SubsetObs(new int[] {0}),
                new KalmanFilter(),
                ObservationSource.of(Y),
                steps,
                null)
            .runWithHistory(new Gaussian(M0, P0), DAState.start(ObsError.diagonal(1, R), 1), true);
    Gaussian expected = batchPosterior(steps, steps);
    assertArrayEquals(expected.mean(), run.carrier().mean(), 1e-12);
    Small.assertClose(expected.cov(), run.carrier().cov(), 1e-12);
    assertEquals(steps, run.history().size());
    assertEquals(5.0, run.state().t());
    assertEquals(5, run.state().cycleCount());
  }

  /** The posterior of x_at given observations 1..obsCount (batch, information form). */
  static Gaussian batchPosterior(int obsCount, int at) {
    double[][] precision = Small.inv2(P0);
    double[] info = Small.mul(Small.inv2(P0), M0);
    double[][] mk = {{1, 0}, {0, 1}};
    for (int k = 1; k <= obsCount; k++) {
      mk = Small.mul(M, mk);
      double[][] g = {mk[0]};
      precision = Small.add(precision, Small.scale(Small.mul(Small.t(g), g), 1 / R));
      info = Small.add(info, new double[] {g[0][0] * Y[k - 1][0] / R, g[0][1] * Y[k - 1][0] / R});
    }
    double[][] cov0 = Small.inv2(precision);
    double[] mean0 = Small.mul(cov0, info);
    double[][] ma = {{1, 0}, {0, 1}};
    for (int k = 1; k <= at; k++) {
      ma = Small.mul(M, ma);
    }
    return new Gaussian(Small.mul(ma, mean0), Small.mul(Small.mul(ma, cov0), Small.t(ma)));
  }

  /** The 4D-Var smoother's state at each window's end is the filter's analysis there. */
  @Test
  void smootherWindowEndsEqualTheFilter() {
    SmootherCycle smoother =
        new SmootherCycle(
            new LinearModel(M, 1), new SubsetObs(new int[] {0}), new FourDVar(), 5, 5);
    Carry<List<double[]>, SmootherCycle.State> out =
        smoother.apply(
            List.of(Y),
            new SmootherCycle.State(
                new Gaussian(M0, P0), DAState.start(ObsError.diagonal(1, R), 1)));
    assertEquals(10, out.carrier().size());
    for (int end : new int[] {5, 10}) {
      Gaussian filter = batchPosterior(end, end);
      assertArrayEquals(filter.mean(), out.carrier().get(end - 1), 1e-11, "step " + end);
    }
    // within the first window the smoother has every state's posterior given all 5 observations
    for (int k = 1; k <= 5; k++) {
      assertArrayEquals(batchPosterior(5, k).mean(), out.carrier().get(k - 1), 1e-11, "step " + k);
    }
    Small.assertClose(batchPosterior(10, 10).cov(), out.state().background().cov(), 1e-11);
    assertEquals(2, out.state().da().cycleCount());
  }
}
