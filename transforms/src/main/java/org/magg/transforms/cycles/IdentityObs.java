package org.magg.transforms.cycles;

/** Every variable observed directly: H = I. */
public final class IdentityObs implements ObservationOperator {
  private static final long serialVersionUID = 1L;

  @Override
  public double[] apply(double[] state) {
    return state.clone();
  }

  @Override
  public double[][] linearize(double[] state) {
    double[][] h = new double[state.length][state.length];
    for (int i = 0; i < state.length; i++) {
      h[i][i] = 1;
    }
    return h;
  }

  @Override
  public int obsDim(int stateDim) {
    return stateDim;
  }

  @Override
  public double[] locations(int stateDim) {
    double[] loc = new double[stateDim];
    for (int i = 0; i < stateDim; i++) {
      loc[i] = i;
    }
    return loc;
  }
}
