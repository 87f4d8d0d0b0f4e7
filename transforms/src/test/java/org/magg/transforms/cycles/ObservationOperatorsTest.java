package org.magg.transforms.cycles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ObservationOperatorsTest {
  private static final double[] X = {1, -2, 3};

  @Test
  void identityAndSubset() {
    assertArrayEquals(X, new IdentityObs().apply(X));
    assertArrayEquals(
        new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new IdentityObs().linearize(X));
    SubsetObs s = new SubsetObs(new int[] {2, 0});
    assertArrayEquals(new double[] {3, 1}, s.apply(X));
    assertArrayEquals(new double[][] {{0, 0, 1}, {1, 0, 0}}, s.linearize(X));
    assertArrayEquals(new double[] {2, 0}, s.locations(3));
  }

  @Test
  void shapeMismatchesAreRefusedWithTheShapes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new LinearObs(new double[][] {{1, 2}}).apply(X));
    assertTrue(
        e.getMessage().contains("H has 2 columns but the state has 3 variables"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> new SubsetObs(new int[] {0, 3}).obsDim(3));
    assertTrue(
        e.getMessage().contains("index 3 is outside the state of 3 variables"), e.getMessage());
  }

  @Test
  void linearObsAppliesH() {
    LinearObs h = new LinearObs(new double[][] {{1, 1, 0}, {0, 0.5, 2}});
    assertArrayEquals(new double[] {-1, 5}, h.apply(X));
    assertEquals(2, h.obsDim(3));
    assertNull(h.locations(3));
  }

  /** h(x) = x^2 element-wise: Jacobian diag(2x), by finite differences (error ~ e^2). */
  @Test
  void callableObsLinearisesByFiniteDifferences() {
    CallableObs sq = new CallableObs(x -> new double[] {x[0] * x[0], x[1] * x[1], x[2] * x[2]});
    double[][] j = sq.linearize(X);
    assertArrayEquals(new double[] {2, 0, 0}, j[0], 1e-8);
    assertArrayEquals(new double[] {0, -4, 0}, j[1], 1e-8);
    assertArrayEquals(new double[] {0, 0, 6}, j[2], 1e-8);
    assertEquals(3, sq.obsDim(3));
  }

  /** (H o sq)(x) = H x^2, Jacobian H diag(2x) by the chain rule. */
  @Test
  void compositeObsChainsTheLinearisation() {
    CallableObs sq =
        new CallableObs(
            x -> new double[] {x[0] * x[0], x[1] * x[1], x[2] * x[2]},
            x -> new double[][] {{2 * x[0], 0, 0}, {0, 2 * x[1], 0}, {0, 0, 2 * x[2]}});
    LinearObs h = new LinearObs(new double[][] {{1, 1, 0}, {0, 0.5, 2}});
    CompositeObs c = new CompositeObs(sq, h);
    assertArrayEquals(new double[] {5, 20}, c.apply(X)); // x^2 = (1, 4, 9)
    assertArrayEquals(new double[][] {{2, -4, 0}, {0, -2, 12}}, c.linearize(X));
    CompositeObs picks =
        new CompositeObs(new SubsetObs(new int[] {2, 1}), new SubsetObs(new int[] {1}));
    assertArrayEquals(new double[] {-2}, picks.apply(X));
    assertArrayEquals(new double[] {1}, picks.locations(3));
  }
}
