package org.magg.transforms.temporal;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Running weighted mean over timesteps (magg's {@code weighted_mean} reducer): takes {@code
 * (weighted_sum, weight_sum)} pairs, skips a pair with a NaN part, and finishes to {@code
 * sum(weighted) / sum(weights)} when the weight is positive, else NaN.
 */
public final class WeightedMeanFn extends CombineFn<TimestepValue, WeightedSums, Double> {
  private static final long serialVersionUID = 1L;

  @Override
  public WeightedSums createAccumulator() {
    return new WeightedSums();
  }

  @Override
  public WeightedSums addInput(WeightedSums acc, TimestepValue input) {
    if (!Double.isNaN(input.value()) && !Double.isNaN(input.weight())) {
      acc.add(input.value(), input.weight());
    }
    return acc;
  }

  @Override
  public WeightedSums mergeAccumulators(Iterable<WeightedSums> accumulators) {
    WeightedSums out = new WeightedSums();
    for (WeightedSums a : accumulators) {
      out.merge(a);
    }
    return out;
  }

  @Override
  public Double extractOutput(WeightedSums acc) {
    return acc.mean();
  }

  @Override
  public Coder<WeightedSums> getAccumulatorCoder(CoderRegistry registry, Coder<TimestepValue> in) {
    return WeightedSums.coder();
  }
}
