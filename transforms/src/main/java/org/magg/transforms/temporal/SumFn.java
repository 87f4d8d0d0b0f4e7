package org.magg.transforms.temporal;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/** Running sum over timesteps (magg's {@code sum} reducer): NaN ignored, NaN when nothing added. */
public final class SumFn extends CombineFn<TimestepValue, RunningSum, Double> {
  private static final long serialVersionUID = 1L;

  @Override
  public RunningSum createAccumulator() {
    return new RunningSum();
  }

  @Override
  public RunningSum addInput(RunningSum acc, TimestepValue input) {
    double v = input.scalarValue();
    if (!Double.isNaN(v)) {
      acc.add(v);
    }
    return acc;
  }

  @Override
  public RunningSum mergeAccumulators(Iterable<RunningSum> accumulators) {
    RunningSum out = new RunningSum();
    for (RunningSum a : accumulators) {
      out.merge(a);
    }
    return out;
  }

  @Override
  public Double extractOutput(RunningSum acc) {
    return acc.any ? acc.total() : Double.NaN;
  }

  @Override
  public Coder<RunningSum> getAccumulatorCoder(CoderRegistry registry, Coder<TimestepValue> in) {
    return RunningSum.coder();
  }
}
