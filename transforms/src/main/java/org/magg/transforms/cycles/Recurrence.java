package org.magg.transforms.cycles;

import java.io.Serializable;

/**
 * A step applied until a condition holds or {@code maxIters} steps were made: fixed-point and
 * Newton iterations, EM, ... The condition is checked before each step, so a carrier that already
 * satisfies it is returned after 0 iterations.
 */
public final class Recurrence<C, S> implements StatefulOperator<C, S> {
  private static final long serialVersionUID = 1L;
  private final StatefulOperator<C, S> stepOp;
  private final Condition<C, S> conditionOp;
  private final int maxIters;

  public Recurrence(StatefulOperator<C, S> stepOp, Condition<C, S> conditionOp, int maxIters) {
    if (stepOp == null || conditionOp == null) {
      throw new IllegalArgumentException("Recurrence needs a step and a condition");
    }
    if (maxIters < 0) {
      throw new IllegalArgumentException("Recurrence maxIters must be >= 0, got " + maxIters);
    }
    this.stepOp = stepOp;
    this.conditionOp = conditionOp;
    this.maxIters = maxIters;
  }

  @Override
  public Carry<C, S> apply(C carrier, S state) {
    Result<C, S> r = run(carrier, state);
    return new Carry<>(r.carrier(), r.state());
  }

  /** The final carrier and state, how many steps were made and whether the condition holds. */
  public Result<C, S> run(C carrier, S state) {
    Carry<C, S> now = new Carry<>(carrier, state);
    int iterations = 0;
    boolean converged = conditionOp.test(now.carrier(), now.state());
    while (!converged && iterations < maxIters) {
      now = stepOp.apply(now.carrier(), now.state());
      iterations++;
      converged = conditionOp.test(now.carrier(), now.state());
    }
    return new Result<>(now.carrier(), now.state(), iterations, converged);
  }

  /** When to stop. */
  @FunctionalInterface
  public interface Condition<C, S> extends Serializable {
    boolean test(C carrier, S state);
  }

  /** What an iteration ends with. */
  public record Result<C, S>(C carrier, S state, int iterations, boolean converged) {}
}
