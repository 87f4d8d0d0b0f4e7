package org.magg.transforms.cycles;

import java.io.Serializable;

/** A forward model from a function {@code (state, dt) -> state} and a time step. */
public final class CallableForward implements ForwardModel {
  private static final long serialVersionUID = 1L;
  private final Fn fn;
  private final double dt;

  public CallableForward(Fn fn, double dt) {
    if (fn == null) {
      throw new IllegalArgumentException("CallableForward needs a function");
    }
    if (!(dt > 0)) {
      throw new IllegalArgumentException("CallableForward dt must be > 0, got " + dt);
    }
    this.fn = fn;
    this.dt = dt;
  }

  @Override
  public double[] step(double[] state, double dt) {
    return fn.apply(state.clone(), dt);
  }

  @Override
  public double dt() {
    return dt;
  }

  /** (state, dt) -> state dt later. */
  @FunctionalInterface
  public interface Fn extends Serializable {
    double[] apply(double[] state, double dt);
  }
}
