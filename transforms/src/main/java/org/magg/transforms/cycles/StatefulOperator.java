package org.magg.transforms.cycles;

import java.io.Serializable;

/**
 * One step of a computation that carries state: {@code (carrier, state) -> (carrier, state)}. The
 * carrier is what flows through (a state vector, an ensemble, a stream of observations), the state
 * what the step threads along (time, cycle count, a random generator). Operators are serialisable,
 * so a cycle built from them can be shipped to Beam workers and saved in a {@link Checkpoint}.
 */
@FunctionalInterface
public interface StatefulOperator<C, S> extends Serializable {
  Carry<C, S> apply(C carrier, S state);
}
