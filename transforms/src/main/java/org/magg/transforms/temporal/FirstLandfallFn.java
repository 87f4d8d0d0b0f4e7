package org.magg.transforms.temporal;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * The value at an event's first landfall (magg's {@code first_landfall} reducer): of the timesteps
 * that emitted a value (those at which the event touches the region), the earliest one wins,
 * whatever order the runner delivers them in. A scalar finishes to itself, a {@code (weighted_sum,
 * weight_sum)} pair to its ratio (NaN when the weight is not positive); NaN when the event never
 * made landfall.
 */
public final class FirstLandfallFn extends CombineFn<TimestepValue, Earliest, Double> {
  private static final long serialVersionUID = 1L;

  @Override
  public Earliest createAccumulator() {
    return new Earliest();
  }

  @Override
  public Earliest addInput(Earliest acc, TimestepValue input) {
    acc.offer(input);
    return acc;
  }

  @Override
  public Earliest mergeAccumulators(Iterable<Earliest> accumulators) {
    Earliest out = new Earliest();
    for (Earliest a : accumulators) {
      if (a.first != null) {
        out.offer(a.first);
      }
    }
    return out;
  }

  @Override
  public Double extractOutput(Earliest acc) {
    return acc.first == null ? Double.NaN : acc.first.scalarValue();
  }

  @Override
  public Coder<Earliest> getAccumulatorCoder(CoderRegistry registry, Coder<TimestepValue> in) {
    return Earliest.coder();
  }
}
