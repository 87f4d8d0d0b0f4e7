package org.magg.transforms.cycles;

import java.io.Serializable;

/**
 * An observation operator from functions: {@code apply}, and optionally its Jacobian (without one,
 * finite differences).
 */
public final class CallableObs implements ObservationOperator {
  private static final long serialVersionUID = 1L;
  private final Fn fn;
  private final JacobianFn jacobian;

  public CallableObs(Fn fn, JacobianFn jacobian) {
    if (fn == null) {
      throw new IllegalArgumentException("CallableObs needs a function");
    }
    this.fn = fn;
    this.jacobian = jacobian;
  }

  public CallableObs(Fn fn) {
    this(fn, null);
  }

  @Override
  public double[] apply(double[] state) {
    return fn.apply(state);
  }

  @Override
  public double[][] linearize(double[] state) {
    return jacobian != null ? jacobian.apply(state) : Jacobians.ofObservation(this, state);
  }

  @Override
  public int obsDim(int stateDim) {
    return fn.apply(new double[stateDim]).length;
  }

  /** state -> predicted observations. */
  @FunctionalInterface
  public interface Fn extends Serializable {
    double[] apply(double[] state);
  }

  /** state -> Jacobian (obs x state). */
  @FunctionalInterface
  public interface JacobianFn extends Serializable {
    double[][] apply(double[] state);
  }
}
