package org.magg.transforms.cycles;

import java.util.Arrays;

/** Some variables observed directly: observation i is state variable {@code indices[i]}. */
public final class SubsetObs implements ObservationOperator {
  private static final long serialVersionUID = 1L;
  private final int[] indices;

  public SubsetObs(int[] indices) {
    if (indices.length == 0) {
      throw new IllegalArgumentException("SubsetObs needs at least one index");
    }
    for (int i : indices) {
      if (i < 0) {
        throw new IllegalArgumentException("SubsetObs index " + i + " is negative");
      }
    }
    this.indices = indices.clone();
  }

  public int[] indices() {
    return indices.clone();
  }

  @Override
  public double[] apply(double[] state) {
    obsDim(state.length);
    double[] y = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      y[i] = state[indices[i]];
    }
    return y;
  }

  @Override
  public double[][] linearize(double[] state) {
    obsDim(state.length);
    double[][] h = new double[indices.length][state.length];
    for (int i = 0; i < indices.length; i++) {
      h[i][indices[i]] = 1;
    }
    return h;
  }

  @Override
  public int obsDim(int stateDim) {
    for (int i : indices) {
      if (i >= stateDim) {
        throw new IllegalArgumentException(
            "the observation operator's index "
                + i
                + " is outside the state of "
                + stateDim
                + " variables (indices 0 to "
                + (stateDim - 1)
                + ")");
      }
    }
    return indices.length;
  }

  @Override
  public double[] locations(int stateDim) {
    return Arrays.stream(indices).asDoubleStream().toArray();
  }
}
