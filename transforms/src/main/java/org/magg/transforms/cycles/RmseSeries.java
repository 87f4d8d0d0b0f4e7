package org.magg.transforms.cycles;

import java.util.Arrays;

/**
 * The RMSE of a twin experiment's ensemble means against the truth at every observed cycle, burn-in
 * included: the analysis (after the filter's update) and the free run (the same initial ensemble
 * without assimilation). {@link TwinExperiment#run(ExperimentSpec, RmseSeries)} fills it; a cycle
 * that was not observed has neither.
 */
public final class RmseSeries {
  private final double[] analysis;
  private final double[] free;

  /** A series for an experiment of {@code steps} model steps. */
  public RmseSeries(int steps) {
    this.analysis = new double[steps + 1];
    this.free = new double[steps + 1];
    Arrays.fill(analysis, Double.NaN);
    Arrays.fill(free, Double.NaN);
  }

  void analysis(long cycle, double rmse) {
    analysis[(int) cycle] = rmse;
  }

  void free(long cycle, double rmse) {
    free[(int) cycle] = rmse;
  }

  /** The cycles that have an analysis RMSE, in order. */
  public long[] cycles() {
    return java.util.stream.IntStream.range(0, analysis.length)
        .filter(k -> !Double.isNaN(analysis[k]))
        .asLongStream()
        .toArray();
  }

  /** The analysis RMSE at {@code cycle} (NaN when it was not observed). */
  public double analysis(long cycle) {
    return analysis[(int) cycle];
  }

  /** The free run's RMSE at {@code cycle} (NaN when it was not observed). */
  public double free(long cycle) {
    return free[(int) cycle];
  }
}
