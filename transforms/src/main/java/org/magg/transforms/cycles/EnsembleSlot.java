package org.magg.transforms.cycles;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One element of an ensemble cycle run with the members as Beam elements ({@link
 * EnsembleAsElements}): either member {@code member}'s state, or (member -1) the cycle's control,
 * its {@link DAState}. Coded by {@link EnsembleSlotCoder}.
 */
public final class EnsembleSlot implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int CONTROL = -1;
  private final int member;
  private final double[] state;
  private final DAState control;

  private EnsembleSlot(int member, double[] state, DAState control) {
    this.member = member;
    this.state = state;
    this.control = control;
  }

  public static EnsembleSlot member(int index, double[] state) {
    if (index < 0) {
      throw new IllegalArgumentException("member index must be >= 0, got " + index);
    }
    return new EnsembleSlot(index, state.clone(), null);
  }

  public static EnsembleSlot control(DAState state) {
    return new EnsembleSlot(CONTROL, null, state);
  }

  public boolean isControl() {
    return member == CONTROL;
  }

  /** The member index (-1 for the control). */
  public int member() {
    return member;
  }

  /** The member's state (a copy). */
  public double[] state() {
    return state == null ? null : state.clone();
  }

  double[] stateRef() {
    return state;
  }

  public DAState control() {
    return control;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnsembleSlot s
        && member == s.member
        && Arrays.equals(state, s.state)
        && Objects.equals(control, s.control)
        && (control == null || control.rng().equals(s.control.rng()));
  }

  @Override
  public int hashCode() {
    return member * 31 + Arrays.hashCode(state);
  }

  @Override
  public String toString() {
    return isControl() ? "control " + control : "member " + member + " " + Arrays.toString(state);
  }
}
