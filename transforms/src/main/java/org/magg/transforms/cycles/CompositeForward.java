package org.magg.transforms.cycles;

import java.util.List;

/**
 * Models applied one after the other within one step (operator splitting: dynamics, then physics,
 * ...). The composite's dt is the sum of its parts' dts, and a step of any dt gives each part its
 * share of it, so the parts always add up to the step asked for.
 */
public final class CompositeForward implements ForwardModel {
  private static final long serialVersionUID = 1L;
  private final List<ForwardModel> parts;
  private final double dt;

  public CompositeForward(List<ForwardModel> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("CompositeForward needs at least one model");
    }
    this.parts = List.copyOf(parts);
    double sum = 0;
    for (ForwardModel p : parts) {
      sum += p.dt();
    }
    this.dt = sum;
  }

  public static CompositeForward of(ForwardModel... parts) {
    return new CompositeForward(List.of(parts));
  }

  @Override
  public double dt() {
    return dt;
  }

  @Override
  public double[] step(double[] state, double dt) {
    double scale = dt / this.dt;
    double[] x = state;
    for (ForwardModel p : parts) {
      x = p.step(x, p.dt() * scale);
    }
    return x;
  }
}
