package org.magg.transforms.temporal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;

/** The accumulator of {@link WeightedMeanFn}: running sums of weighted values and of weights. */
public final class WeightedSums {
  final RunningSum weighted = new RunningSum();
  final RunningSum weights = new RunningSum();

  void add(double weightedSum, double weightSum) {
    weighted.add(weightedSum);
    weights.add(weightSum);
  }

  void merge(WeightedSums other) {
    weighted.merge(other.weighted);
    weights.merge(other.weights);
  }

  double mean() {
    return TimestepValue.ratio(weighted.total(), weights.total());
  }

  static Coder<WeightedSums> coder() {
    return WeightedSumsCoder.INSTANCE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WeightedSums w && w.weighted.equals(weighted) && w.weights.equals(weights);
  }

  @Override
  public int hashCode() {
    return Objects.hash(weighted, weights);
  }

  @Override
  public String toString() {
    return "WeightedSums{" + weighted.total() + " / " + weights.total() + "}";
  }

  /** Coder of {@link WeightedSums}. */
  static final class WeightedSumsCoder extends AtomicCoder<WeightedSums> {
    static final WeightedSumsCoder INSTANCE = new WeightedSumsCoder();
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(WeightedSums w, OutputStream out) throws IOException {
      RunningSum.coder().encode(w.weighted, out);
      RunningSum.coder().encode(w.weights, out);
    }

    @Override
    public WeightedSums decode(InputStream in) throws IOException {
      WeightedSums w = new WeightedSums();
      RunningSum a = RunningSum.coder().decode(in);
      RunningSum b = RunningSum.coder().decode(in);
      w.weighted.merge(a);
      w.weights.merge(b);
      return w;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
