package org.magg.transforms.cycles;

import java.io.Serializable;

/**
 * What a twin experiment measured: the time-mean analysis RMSE and free-run RMSE over the observed
 * cycles after the burn-in, the filter's time (forecast and analysis, without the truth and the
 * free run; wall and thread CPU) and the experiment's wall time.
 */
public record ExperimentResult(
    String filter,
    int members,
    double inflation,
    String localization,
    int steps,
    double analysisRmse,
    double freeRmse,
    double obsError,
    double filterSeconds,
    double filterCpuSeconds,
    double wallSeconds)
    implements Serializable {

  /** The filter's assimilation cycles per second of wall time. */
  public double cyclesPerSecond() {
    return filterSeconds > 0 ? steps / filterSeconds : Double.POSITIVE_INFINITY;
  }

  /**
   * The filter's cycles per second of its thread's CPU time (NaN when the JVM does not measure
   * thread CPU time): the one-core rate on a machine shared with other work.
   */
  public double cyclesPerCpuSecond() {
    return filterCpuSeconds > 0 ? steps / filterCpuSeconds : Double.NaN;
  }

  /** A stable name for the experiment (file names, sorting). */
  public String key() {
    return String.format(
        java.util.Locale.ROOT, "%s-n%03d-i%.4f-r%s", filter, members, inflation, localization);
  }
}
