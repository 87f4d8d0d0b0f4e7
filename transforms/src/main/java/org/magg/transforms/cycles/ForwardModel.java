package org.magg.transforms.cycles;

import java.io.Serializable;
import java.util.OptionalInt;

/**
 * Advances a state vector in time: the "predict" of data assimilation. Implementations: {@link
 * Lorenz63}, {@link Lorenz96}, {@link LinearModel}, {@link CallableForward}, {@link
 * CompositeForward}.
 */
public interface ForwardModel extends Serializable {
  /** The state {@code dt} later (a new array; {@code state} is not changed). */
  double[] step(double[] state, double dt);

  /** The model's own time step. */
  double dt();

  /** The state dimension the model needs, when it has one. */
  default OptionalInt stateDim() {
    return OptionalInt.empty();
  }

  /** Steps every member of an ensemble ({@code members[i]} is a state) by {@code dt}, in place. */
  default void stepAll(double[][] members, double dt) {
    for (int i = 0; i < members.length; i++) {
      members[i] = step(members[i], dt);
    }
  }

  /** This model as a cycle step: the carrier is the state, the threaded state the model time. */
  default StatefulOperator<double[], Double> asOperator() {
    ForwardModel model = this;
    return (x, t) -> new Carry<>(model.step(x, model.dt()), t + model.dt());
  }

  /** Refuses a state of the wrong dimension. */
  default void checkState(double[] state) {
    OptionalInt n = stateDim();
    if (n.isPresent() && state.length != n.getAsInt()) {
      throw new IllegalArgumentException(
          getClass().getSimpleName()
              + " has "
              + n.getAsInt()
              + " variables, the state has "
              + state.length);
    }
  }
}
