package org.magg.transforms.temporal;

import java.util.List;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/** The temporal reducers a metric can name, as Beam {@code CombineFn}s. */
public final class TemporalReducers {
  /** Reducer names, as in magg's {@code TEMPORAL_REDUCERS}. */
  public static final List<String> NAMES =
      List.of("max", "min", "sum", "weighted_mean", "first_landfall");

  private TemporalReducers() {}

  /** The reducer of this name; throws naming the allowed ones. */
  public static CombineFn<TimestepValue, ?, Double> forName(String name) {
    switch (name) {
      case "max":
        return ExtremumFn.max();
      case "min":
        return ExtremumFn.min();
      case "sum":
        return new SumFn();
      case "weighted_mean":
        return new WeightedMeanFn();
      case "first_landfall":
        return new FirstLandfallFn();
      default:
        throw new IllegalArgumentException(
            "'" + name + "' is not a temporal reducer (allowed: " + String.join(", ", NAMES) + ")");
    }
  }
}
