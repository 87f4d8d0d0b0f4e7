package org.magg.transforms.cycles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorsTest {
  @Test
  void sequentialThreadsStateThroughStatefulStepsOnly() {
    Sequential<Integer, Integer> seq =
        Sequential.<Integer, Integer>start()
            .then((c, s) -> new Carry<>(c + s, s + 1))
            .thenStateless(c -> c * 10)
            .then((c, s) -> new Carry<>(c + s, s * 2));
    Carry<Integer, Integer> out = seq.apply(1, 2);
    // (1 + 2) = 3, state 3; * 10 = 30; 30 + 3 = 33, state 6
    assertEquals(33, out.carrier());
    assertEquals(6, out.state());
    assertEquals(3, seq.size());
  }

  @Test
  void cycleKeepsEveryStrideThCarrier() {
    Cycle<Integer, Integer> cycle = new Cycle<>((c, s) -> new Carry<>(c * 2, s + 1), 7, true, 3);
    Cycle.Result<Integer, Integer> r = cycle.run(1, 0);
    assertEquals(128, r.carrier());
    assertEquals(7, r.state());
    assertEquals(List.of(8, 64), r.history()); // after steps 3 and 6
  }

  @Test
  void cycleOfAForwardModelThreadsTheModelTime() {
    ForwardModel decay = new CallableForward((x, dt) -> new double[] {x[0] * (1 - dt)}, 0.5);
    Cycle.Result<double[], Double> r = Cycle.of(decay, 3, true, 1).run(new double[] {8}, 0.0);
    assertEquals(1.0, r.carrier()[0]);
    assertEquals(1.5, r.state());
    assertEquals(3, r.history().size());
    assertEquals(4.0, r.history().get(0)[0]);
  }

  @Test
  void ensembleCycleRunsEachMemberApart() {
    EnsembleCycle<Integer, Integer> ens =
        new EnsembleCycle<>((c, s) -> new Carry<>(c + s, s), 4, 3);
    Carry<List<Integer>, List<Integer>> out = ens.apply(List.of(0, 1, 2), List.of(1, 10, 100));
    assertEquals(List.of(4, 41, 402), out.carrier());
    assertThrows(IllegalArgumentException.class, () -> ens.apply(List.of(1), List.of(1)));
  }

  @Test
  void windowedCycleSlidesOverTheStream() {
    // each window's output: its sum; the state counts the windows
    WindowedCycle<Integer, Integer> w =
        new WindowedCycle<>(
            (items, s) -> new Carry<>(List.of(items.stream().mapToInt(i -> i).sum()), s + 1), 3, 2);
    Carry<List<Integer>, Integer> out = w.apply(List.of(1, 2, 3, 4, 5, 6, 7, 8), 0);
    // windows [1,2,3], [3,4,5], [5,6,7]; [7,8] is too short
    assertEquals(List.of(6, 12, 18), out.carrier());
    assertEquals(3, out.state());
    assertEquals(3, w.windows(8));
    assertEquals(0, w.windows(2));
  }

  /** x = cos x: the Dottie number 0.739085133215160641655... */
  @Test
  void recurrenceSolvesAFixedPointToTolerance() {
    Recurrence<Double, Double> fixed =
        new Recurrence<>(
            (x, delta) -> {
              double next = Math.cos(x);
              return new Carry<>(next, Math.abs(next - x));
            },
            (x, delta) -> delta < 1e-13,
            1000);
    Recurrence.Result<Double, Double> r = fixed.run(1.0, Double.POSITIVE_INFINITY);
    assertTrue(r.converged());
    assertEquals(0.7390851332151607, r.carrier(), 1e-12);
    assertTrue(r.iterations() > 50 && r.iterations() < 200, "iterations " + r.iterations());
  }

  /** Newton on x^3 - 2x - 5 (Wallis's equation): root 2.0945514815423265. */
  @Test
  void recurrenceSolvesANewtonProblemQuadratically() {
    Recurrence<Double, Double> newton =
        new Recurrence<>(
            (x, step) -> {
              double dx = (x * x * x - 2 * x - 5) / (3 * x * x - 2);
              return new Carry<>(x - dx, Math.abs(dx));
            },
            (x, step) -> step < 1e-14,
            50);
    Recurrence.Result<Double, Double> r = newton.run(2.0, Double.POSITIVE_INFINITY);
    assertTrue(r.converged());
    assertEquals(2.0945514815423265, r.carrier(), 1e-15);
    assertTrue(r.iterations() <= 6, "Newton converges quadratically: " + r.iterations());
  }

  @Test
  void recurrenceReportsNoConvergenceAtMaxIters() {
    Recurrence<Integer, Integer> never =
        new Recurrence<>((c, s) -> new Carry<>(c + 1, s), (c, s) -> false, 5);
    Recurrence.Result<Integer, Integer> r = never.run(0, 0);
    assertFalse(r.converged());
    assertEquals(5, r.iterations());
    assertEquals(5, r.carrier());
    assertEquals(0, never.run(0, 0).state());
    Recurrence<Integer, Integer> done =
        new Recurrence<>((c, s) -> new Carry<>(c + 1, s), (c, s) -> true, 5);
    assertEquals(0, done.run(0, 0).iterations());
  }
}
