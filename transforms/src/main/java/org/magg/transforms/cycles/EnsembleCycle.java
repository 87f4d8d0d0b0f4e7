package org.magg.transforms.cycles;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Cycle} over each member of an ensemble: the carrier is the list of members, the state
 * the list of their states, and the step operator sees one member at a time. Members are
 * independent, so how they are spread over threads or workers is up to the caller (in Beam: one
 * element each).
 */
public final class EnsembleCycle<C, S> implements StatefulOperator<List<C>, List<S>> {
  private static final long serialVersionUID = 1L;
  private final Cycle<C, S> cycle;
  private final int nMembers;

  public EnsembleCycle(StatefulOperator<C, S> stepOp, int nSteps, int nMembers) {
    if (nMembers < 1) {
      throw new IllegalArgumentException("EnsembleCycle nMembers must be >= 1, got " + nMembers);
    }
    this.cycle = Cycle.of(stepOp, nSteps);
    this.nMembers = nMembers;
  }

  @Override
  public Carry<List<C>, List<S>> apply(List<C> members, List<S> states) {
    if (members.size() != nMembers || states.size() != nMembers) {
      throw new IllegalArgumentException(
          "EnsembleCycle expects "
              + nMembers
              + " members and states, got "
              + members.size()
              + " and "
              + states.size());
    }
    List<C> out = new ArrayList<>(nMembers);
    List<S> outStates = new ArrayList<>(nMembers);
    for (int i = 0; i < nMembers; i++) {
      Carry<C, S> c = cycle.apply(members.get(i), states.get(i));
      out.add(c.carrier());
      outStates.add(c.state());
    }
    return new Carry<>(out, outStates);
  }
}
