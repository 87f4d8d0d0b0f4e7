package org.magg.transforms.cycles;

/**
 * {@code h2 o h1}: {@code h1} first, then {@code h2} on its output. The linearisation is chained:
 * J(x) = J2(h1(x)) J1(x); the locations are those of {@code h1}'s outputs that {@code h2} picks,
 * when both have locations.
 */
public final class CompositeObs implements ObservationOperator {
  private static final long serialVersionUID = 1L;
  private final ObservationOperator h1;
  private final ObservationOperator h2;

  public CompositeObs(ObservationOperator h1, ObservationOperator h2) {
    if (h1 == null || h2 == null) {
      throw new IllegalArgumentException("CompositeObs needs two operators");
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  @Override
  public double[] apply(double[] state) {
    return h2.apply(h1.apply(state));
  }

  @Override
  public double[][] linearize(double[] state) {
    return Matrices.times(h2.linearize(h1.apply(state)), h1.linearize(state));
  }

  @Override
  public int obsDim(int stateDim) {
    return h2.obsDim(h1.obsDim(stateDim));
  }

  @Override
  public double[] locations(int stateDim) {
    double[] first = h1.locations(stateDim);
    double[] second = h2.locations(h1.obsDim(stateDim));
    if (first == null || second == null) {
      return null;
    }
    double[] loc = new double[second.length];
    for (int i = 0; i < second.length; i++) {
      double p = second[i];
      if (p != Math.rint(p) || p < 0 || p >= first.length) {
        return null;
      }
      loc[i] = first[(int) p];
    }
    return loc;
  }
}
