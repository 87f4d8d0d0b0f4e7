package org.magg.transforms.cycles;

/** A fixed linear map H (obs x state, row-major): subsampling, averaging, channel mixing. */
public final class LinearObs implements ObservationOperator {
  private static final long serialVersionUID = 1L;
  private final double[][] h;

  public LinearObs(double[][] h) {
    if (h.length == 0 || h[0].length == 0) {
      throw new IllegalArgumentException("LinearObs H must have at least one row and column");
    }
    this.h = Matrices.copy(h);
    for (double[] row : h) {
      if (row.length != h[0].length) {
        throw new IllegalArgumentException("LinearObs H rows differ in length");
      }
    }
  }

  @Override
  public double[] apply(double[] state) {
    obsDim(state.length);
    return Matrices.times(h, state);
  }

  @Override
  public double[][] linearize(double[] state) {
    obsDim(state.length);
    return Matrices.copy(h);
  }

  @Override
  public int obsDim(int stateDim) {
    if (h[0].length != stateDim) {
      throw new IllegalArgumentException(
          "the observation operator H has "
              + h[0].length
              + " columns but the state has "
              + stateDim
              + " variables");
    }
    return h.length;
  }
}
