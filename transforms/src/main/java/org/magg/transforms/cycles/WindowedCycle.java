package org.magg.transforms.cycles;

import java.util.ArrayList;
import java.util.List;

/**
 * A step applied to sliding windows of a stream: windows of {@code window} items starting at 0,
 * {@code stride}, 2 {@code stride}, ... (a last, shorter window is not analysed), the state
 * threaded from window to window. The result carrier is the step's outputs for the windows,
 * concatenated in window order (with {@code stride < window} the outputs of overlapping windows
 * both appear).
 */
public final class WindowedCycle<T, S> implements StatefulOperator<List<T>, S> {
  private static final long serialVersionUID = 1L;
  private final StatefulOperator<List<T>, S> stepOp;
  private final int window;
  private final int stride;

  public WindowedCycle(StatefulOperator<List<T>, S> stepOp, int window, int stride) {
    if (window < 1) {
      throw new IllegalArgumentException("WindowedCycle window must be >= 1, got " + window);
    }
    if (stride < 1) {
      throw new IllegalArgumentException("WindowedCycle stride must be >= 1, got " + stride);
    }
    this.stepOp = stepOp;
    this.window = window;
    this.stride = stride;
  }

  /** How many full windows a stream of {@code n} items has. */
  public int windows(int n) {
    return n < window ? 0 : (n - window) / stride + 1;
  }

  @Override
  public Carry<List<T>, S> apply(List<T> stream, S state) {
    List<T> out = new ArrayList<>();
    S now = state;
    int w = windows(stream.size());
    for (int i = 0; i < w; i++) {
      int start = i * stride;
      Carry<List<T>, S> c = stepOp.apply(List.copyOf(stream.subList(start, start + window)), now);
      out.addAll(c.carrier());
      now = c.state();
    }
    return new Carry<>(out, now);
  }
}
