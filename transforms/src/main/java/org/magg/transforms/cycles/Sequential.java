package org.magg.transforms.cycles;

import java.util.ArrayList;
import java.util.List;

/**
 * Steps applied in order: stateful steps thread the state through, stateless ones map the carrier
 * and pass the state by unchanged. Immutable: {@link #then} and {@link #thenStateless} return a new
 * sequence.
 */
public final class Sequential<C, S> implements StatefulOperator<C, S> {
  private static final long serialVersionUID = 1L;
  private final List<StatefulOperator<C, S>> steps;

  private Sequential(List<StatefulOperator<C, S>> steps) {
    this.steps = List.copyOf(steps);
  }

  /** An empty sequence (the identity). */
  public static <C, S> Sequential<C, S> start() {
    return new Sequential<>(List.of());
  }

  /** This sequence followed by a stateful step. */
  public Sequential<C, S> then(StatefulOperator<C, S> step) {
    if (step == null) {
      throw new IllegalArgumentException("a Sequential step must not be null");
    }
    List<StatefulOperator<C, S>> more = new ArrayList<>(steps);
    more.add(step);
    return new Sequential<>(more);
  }

  /** This sequence followed by a stateless step (the state passes by it). */
  public Sequential<C, S> thenStateless(StatelessOperator<C> step) {
    if (step == null) {
      throw new IllegalArgumentException("a Sequential step must not be null");
    }
    return then((c, s) -> new Carry<>(step.apply(c), s));
  }

  /** How many steps. */
  public int size() {
    return steps.size();
  }

  @Override
  public Carry<C, S> apply(C carrier, S state) {
    Carry<C, S> now = new Carry<>(carrier, state);
    for (StatefulOperator<C, S> step : steps) {
      now = step.apply(now.carrier(), now.state());
    }
    return now;
  }
}
