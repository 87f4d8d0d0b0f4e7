package org.magg.transforms.cycles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelsTest {
  /**
   * A uniform state x stays uniform: dx/dt = (x - x) x - x + F = F - x, a linear ODE, on which one
   * RK4 step multiplies the distance to F by 1 - h + h^2/2 - h^3/6 + h^4/24. From 0 with F = 8 and
   * h = 0.05 the factor is 0.951229427083333..., so x = 8 (1 - factor) = 0.390164583333333...
   */
  @Test
  void lorenz96Rk4StepMatchesTheHandComputedValue() {
    Lorenz96 model = new Lorenz96(40, 8, 0.05);
    double[] x = model.step(new double[40], 0.05);
    for (double v : x) {
      assertEquals(0.3901645833333333, v, 1e-15);
    }
  }

  /** At x0 = (1, 0, ..., 0): dx_0/dt = (x_1 - x_38) x_39 - 1 + 8 = 7, all others 8. */
  @Test
  void lorenz96TendencyAtTheUnitVector() {
    Lorenz96 model = new Lorenz96(40, 8, 0.05);
    double[] x = new double[40];
    x[0] = 1;
    double[] f = new double[40];
    model.tendency(x, f);
    assertEquals(7, f[0]);
    for (int i = 1; i < 40; i++) {
      assertEquals(8, f[i], "variable " + i);
    }
    // x_1: (x_2 - x_39) x_0 - x_1 + 8 = 8; with x_2 = 1: (1 - 0) * 1 - 0 + 8 = 9
    x[2] = 1;
    model.tendency(x, f);
    assertEquals(9, f[1]);
  }

  @Test
  void stepAllEqualsSteppingEachMember() {
    Lorenz96 model = new Lorenz96(40, 8, 0.05);
    Rng rng = Rng.seeded(3);
    double[][] e = new double[5][40];
    for (double[] m : e) {
      for (int i = 0; i < 40; i++) {
        m[i] = 8 * rng.nextGaussian();
      }
    }
    double[][] expected = new double[5][];
    for (int i = 0; i < 5; i++) {
      expected[i] = model.step(e[i], 0.05);
    }
    model.stepAll(e, 0.05);
    assertArrayEquals(expected, e);
    assertThrows(IllegalArgumentException.class, () -> model.step(new double[39], 0.05));
  }

  /** Lorenz-63 tendency at (1, 1, 1): (0, 1 * (28 - 1) - 1, 1 - 8/3) = (0, 26, -5/3). */
  @Test
  void lorenz63TendencyAndFourthOrderConvergence() {
    Lorenz63 model = Lorenz63.classic(0.01);
    assertArrayEquals(
        new double[] {0, 26, -5.0 / 3}, model.tendency(new double[] {1, 1, 1}), 1e-15);
    double[] x0 = {1, 2, 3};
    double[] ref = integrate(model, x0, 0.5, 4000);
    double e1 = distance(integrate(model, x0, 0.5, 50), ref);
    double e2 = distance(integrate(model, x0, 0.5, 100), ref);
    double order = Math.log(e1 / e2) / Math.log(2);
    assertTrue(order > 3.7 && order < 4.3, "observed order " + order);
  }

  @Test
  void compositeForwardSharesTheStepAmongItsParts() {
    Lorenz96 half = new Lorenz96(40, 8, 0.025);
    CompositeForward both = CompositeForward.of(half, half);
    assertEquals(0.05, both.dt(), 1e-15);
    double[] x = new double[40];
    x[0] = 1;
    double[] twice = half.step(half.step(x, 0.025), 0.025);
    assertArrayEquals(twice, both.step(x, 0.05));
    // a step of 0.1 gives each part 0.05
    assertArrayEquals(half.step(half.step(x, 0.05), 0.05), both.step(x, 0.1), 1e-15);
    LinearModel m = new LinearModel(new double[][] {{2}}, 1);
    assertThrows(IllegalArgumentException.class, () -> m.step(new double[] {1}, 0.5));
    assertEquals(6.0, CompositeForward.of(m, m).step(new double[] {1.5}, 2)[0]);
  }

  private static double[] integrate(ForwardModel m, double[] x, double time, int steps) {
    double h = time / steps;
    double[] y = x;
    for (int k = 0; k < steps; k++) {
      y = m.step(y, h);
    }
    return y;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }
}
