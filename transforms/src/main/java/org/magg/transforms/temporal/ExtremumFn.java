package org.magg.transforms.temporal;

import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Running maximum or minimum over timesteps (magg's {@code max} and {@code min} reducers): NaN
 * inputs are ignored; NaN when nothing was added.
 */
public final class ExtremumFn extends CombineFn<TimestepValue, Extremum, Double> {
  private static final long serialVersionUID = 1L;

  private final boolean max;

  private ExtremumFn(boolean max) {
    this.max = max;
  }

  /** The running maximum. */
  public static ExtremumFn max() {
    return new ExtremumFn(true);
  }

  /** The running minimum. */
  public static ExtremumFn min() {
    return new ExtremumFn(false);
  }

  @Override
  public Extremum createAccumulator() {
    return new Extremum();
  }

  @Override
  public Extremum addInput(Extremum acc, TimestepValue input) {
    double v = input.scalarValue();
    if (!Double.isNaN(v)) {
      acc.offer(v, max);
    }
    return acc;
  }

  @Override
  public Extremum mergeAccumulators(Iterable<Extremum> accumulators) {
    Extremum out = new Extremum();
    for (Extremum a : accumulators) {
      out.merge(a, max);
    }
    return out;
  }

  @Override
  public Double extractOutput(Extremum acc) {
    return acc.result();
  }

  @Override
  public Coder<Extremum> getAccumulatorCoder(CoderRegistry registry, Coder<TimestepValue> input)
      throws CannotProvideCoderException {
    return Extremum.coder();
  }
}
