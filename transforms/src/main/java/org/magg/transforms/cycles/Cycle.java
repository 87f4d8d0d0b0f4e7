package org.magg.transforms.cycles;

import java.util.ArrayList;
import java.util.List;

/**
 * A step applied {@code nSteps} times, threading the state through (the shape of a scan). With
 * {@code saveHistory}, {@link #run} also keeps the carrier after every {@code historyStride}-th
 * step. A {@link ForwardModel} becomes a step through {@link #of(ForwardModel, int, boolean, int)},
 * with the model time as the state.
 */
public final class Cycle<C, S> implements StatefulOperator<C, S> {
  private static final long serialVersionUID = 1L;
  private final StatefulOperator<C, S> stepOp;
  private final int nSteps;
  private final boolean saveHistory;
  private final int historyStride;

  public Cycle(StatefulOperator<C, S> stepOp, int nSteps, boolean saveHistory, int historyStride) {
    if (stepOp == null) {
      throw new IllegalArgumentException("Cycle needs a step operator");
    }
    if (nSteps < 0) {
      throw new IllegalArgumentException("Cycle nSteps must be >= 0, got " + nSteps);
    }
    if (historyStride < 1) {
      throw new IllegalArgumentException("Cycle historyStride must be >= 1, got " + historyStride);
    }
    this.stepOp = stepOp;
    this.nSteps = nSteps;
    this.saveHistory = saveHistory;
    this.historyStride = historyStride;
  }

  /** {@code nSteps} applications of {@code stepOp}, without history. */
  public static <C, S> Cycle<C, S> of(StatefulOperator<C, S> stepOp, int nSteps) {
    return new Cycle<>(stepOp, nSteps, false, 1);
  }

  /** A forward model stepped {@code nSteps} times by its own dt; the state is the model time. */
  public static Cycle<double[], Double> of(
      ForwardModel model, int nSteps, boolean saveHistory, int historyStride) {
    return new Cycle<>(model.asOperator(), nSteps, saveHistory, historyStride);
  }

  public int nSteps() {
    return nSteps;
  }

  @Override
  public Carry<C, S> apply(C carrier, S state) {
    Result<C, S> r = run(carrier, state);
    return new Carry<>(r.carrier(), r.state());
  }

  /** The final carrier and state, with the saved history (empty without {@code saveHistory}). */
  public Result<C, S> run(C carrier, S state) {
    List<C> history = new ArrayList<>();
    Carry<C, S> now = new Carry<>(carrier, state);
    for (int k = 1; k <= nSteps; k++) {
      now = stepOp.apply(now.carrier(), now.state());
      if (saveHistory && k % historyStride == 0) {
        history.add(now.carrier());
      }
    }
    return new Result<>(now.carrier(), now.state(), history);
  }

  /** What a cycle ends with; {@code history} holds the carrier after steps stride, 2 stride, ... */
  public record Result<C, S>(C carrier, S state, List<C> history) {}
}
