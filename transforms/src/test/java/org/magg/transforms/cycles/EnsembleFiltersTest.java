package org.magg.transforms.cycles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The ensemble analyses against the Kalman filter computed (here, in information form) from the
 * forecast ensemble's sample mean and covariance: for a linear observation operator the ETKF's
 * analysis mean and sample covariance equal it exactly, the stochastic EnKF's mean too.
 */
class EnsembleFiltersTest {
  private static final ObservationOperator H = new SubsetObs(new int[] {0, 2});
  private static final ObsError R = ObsError.of(new double[][] {{0.5, 0.1}, {0.1, 0.8}});
  private static final double[] Y = {1.5, -0.7};

  static double[][] forecast(int members, long seed) {
    Rng rng = Rng.seeded(seed);
    double[][] e = new double[members][4];
    for (double[] x : e) {
      for (int i = 0; i < 4; i++) {
        x[i] = i + (1 + 0.3 * i) * rng.nextGaussian();
      }
      x[1] += 0.5 * x[0]; // correlated variables
    }
    return e;
  }

  /** Posterior from the sample statistics: P_a = (P^-1 + H^T R^-1 H)^-1, m_a = P_a (...). */
  static Gaussian kalman(double[][] e) {
    double[] m = Small.sampleMean(e);
    double[][] p = Small.sampleCov(e);
    double[][] h = H.linearize(m);
    double[][] rInv = Small.inv(R.cov());
    double[][] pInv = Small.inv(p);
    double[][] pa = Small.inv(Small.add(pInv, Small.mul(Small.mul(Small.t(h), rInv), h)));
    double[] info = Small.add(Small.mul(pInv, m), Small.mul(Small.mul(Small.t(h), rInv), Y));
    return new Gaussian(Small.mul(pa, info), pa);
  }

  @Test
  void etkfEqualsTheKalmanFilterOnTheSampleStatistics() {
    double[][] e = forecast(10, 5);
    Gaussian expected = kalman(e);
    double[][] a = new Etkf(false).analyse(e, Y, H, R, Rng.seeded(1));
    assertArrayEquals(expected.mean(), Small.sampleMean(a), 1e-10);
    Small.assertClose(expected.cov(), Small.sampleCov(a), 1e-10);
  }

  @Test
  void rotationKeepsMeanAndCovarianceButMovesTheMembers() {
    double[][] e = forecast(10, 5);
    Gaussian expected = kalman(e);
    double[][] plain = new Etkf(false).analyse(e, Y, H, R, Rng.seeded(1));
    double[][] rotated = new Etkf(true).analyse(e, Y, H, R, Rng.seeded(1));
    assertArrayEquals(expected.mean(), Small.sampleMean(rotated), 1e-10);
    Small.assertClose(expected.cov(), Small.sampleCov(rotated), 1e-10);
    assertFalse(Arrays.equals(plain[0], rotated[0]));
  }

  @Test
  void rotationIsOrthogonalAndKeepsTheOnesVector() {
    double[][] q = MeanPreservingRotation.draw(7, Rng.seeded(11));
    for (int i = 0; i < 7; i++) {
      double rowSum = 0;
      for (int j = 0; j < 7; j++) {
        rowSum += q[i][j];
        double dot = 0;
        for (int k = 0; k < 7; k++) {
          dot += q[i][k] * q[j][k];
        }
        assertEquals(i == j ? 1 : 0, dot, 1e-13);
      }
      assertEquals(1, rowSum, 1e-13);
    }
  }

  /** The perturbations are centred, so the EnKF mean is the Kalman mean exactly. */
  @Test
  void stochasticEnKfMeanIsTheKalmanMeanAndItsSpreadIsRight() {
    double[][] e = forecast(4000, 9);
    Gaussian expected = kalman(e);
    double[][] a = new StochasticEnKF().analyse(e, Y, H, R, Rng.seeded(2));
    assertArrayEquals(expected.mean(), Small.sampleMean(a), 1e-10);
    double[][] cov = Small.sampleCov(a);
    for (int i = 0; i < 4; i++) {
      // sampling error of a variance with 4000 members: about 2.2%
      assertEquals(expected.cov()[i][i], cov[i][i], 0.1 * expected.cov()[i][i], "var " + i);
    }
  }

  /** With a huge radius every taper weight is 1 - O(1e-12): the LETKF is the ETKF. */
  @Test
  void letkfWithAHugeRadiusIsTheEtkf() {
    double[][] e = forecast(10, 5);
    ObsError diag = ObsError.diagonal(2, 0.6);
    double[][] global = new Etkf(false).analyse(e, Y, H, diag, Rng.seeded(1));
    double[][] local = new Letkf(1e7, false).analyse(e, Y, H, diag, Rng.seeded(1));
    Small.assertClose(global, local, 1e-8);
  }

  @Test
  void letkfWithARadiusOfZeroLeavesUnobservedBatchesAlone() {
    double[][] e = forecast(6, 5);
    ObsError diag = ObsError.diagonal(2, 0.6);
    // batches {0,1} and {2,3}: every distance is >= 0.5 > 0, so no observation is used
    double[][] a = new Letkf(0, false).analyse(e, Y, H, diag, Rng.seeded(1));
    Small.assertClose(e, a, 0);
  }

  @Test
  void inflationScalesTheAnomalies() {
    double[][] e = {{1, 2}, {3, 6}};
    double[][] out = Inflation.inflate(Ensembles.copy(e), 1.5);
    assertArrayEquals(new double[] {0.5, 1}, out[0], 1e-15);
    assertArrayEquals(new double[] {3.5, 7}, out[1], 1e-15);
  }

  /**
   * Gaspari-Cohn with DAPPER's radius convention (c = 1.82 R), R = 4, c = 7.28: at r = d/c = 0.5
   * the first piece gives 1 + 3/128 + 5/64 - 5/12 = 263/384; at r = 1 both pieces give 5/24; at r =
   * 1.5 the second gives 59/128 - 4/9 = 19/1152; at r = 2 and beyond, 0.
   */
  @Test
  void gaspariCohnAtKnownDistances() {
    assertEquals(1, GaspariCohn.coefficient(0, 4), 0);
    assertEquals(263.0 / 384, GaspariCohn.coefficient(3.64, 4), 1e-14);
    assertEquals(5.0 / 24, GaspariCohn.coefficient(7.28, 4), 1e-14);
    assertEquals(5.0 / 24, GaspariCohn.coefficient(7.28 * (1 + 1e-12), 4), 1e-10);
    assertEquals(19.0 / 1152, GaspariCohn.coefficient(10.92, 4), 1e-14);
    assertEquals(0, GaspariCohn.coefficient(14.56, 4), 1e-14);
    assertEquals(0, GaspariCohn.coefficient(20, 4), 0);
    // at the radius itself: 0.634, near the Gaussian's exp(-0.5) = 0.607
    assertEquals(0.6336, GaspariCohn.coefficient(4, 4), 1e-4);
    assertThrows(IllegalArgumentException.class, () -> GaspariCohn.coefficient(1, -1));
  }

  @Test
  void localizationBatchesAndPeriodicDistances() {
    Localization loc = Localization.periodic(40, new IdentityObs().locations(40), 4, 2);
    assertEquals(20, loc.batchCount());
    assertArrayEquals(new int[] {38, 39}, loc.batch(19));
    int[] used = loc.observations(0);
    double[] w = loc.weights(0);
    // batch {0, 1}: obs 0 at mean distance 0.5, obs 39 at (1 + 2) / 2 = 1.5 (periodic)
    assertEquals(0, used[0]);
    assertEquals(GaspariCohn.coefficient(0.5, 4), w[0], 1e-15);
    int at39 = Arrays.binarySearch(used, 39);
    assertEquals(GaspariCohn.coefficient(1.5, 4), w[at39], 1e-15);
    // obs 20 is 19.5 away, beyond 2c = 14.56
    assertTrue(Arrays.binarySearch(used, 20) < 0);
    // 7 variables in batches of 2: round(3.5) = 4 batches (half to even), sizes 2, 2, 2, 1
    Localization odd = Localization.periodic(7, new IdentityObs().locations(7), 1, 2);
    assertEquals(4, odd.batchCount());
    assertArrayEquals(new int[] {6}, odd.batch(3));
    assertThrows(
        IllegalArgumentException.class,
        () -> Localization.periodic(40, new IdentityObs().locations(40), -1, 2));
  }

  @Test
  void analysesRefuseMismatchedShapes() {
    double[][] e = forecast(5, 1);
    IllegalArgumentException ex =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Etkf(false).analyse(e, Y, new SubsetObs(new int[] {0, 4}), R, Rng.seeded(1)));
    assertTrue(ex.getMessage().contains("index 4 is outside the state of 4 variables"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new StochasticEnKF().analyse(e, new double[] {1}, H, R, Rng.seeded(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Etkf(false).analyse(new double[][] {e[0]}, Y, H, R, Rng.seeded(1)));
  }
}
