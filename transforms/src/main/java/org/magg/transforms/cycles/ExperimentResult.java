package org.magg.transforms.cycles;

import java.io.Serializable;

/**
 * What a twin experiment measured: the time-mean analysis RMSE and free-run RMSE over the observed
 * cycles after the burn-in, the filter's cycles per second (forecast and analysis, without the
 * truth and the free run) and the experiment's wall time.
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
    double wallSeconds)
    implements Serializable {

  /** The filter's assimilation cycles per second. */
  public double cyclesPerSecond() {
    return filterSeconds > 0 ? steps / filterSeconds : Double.POSITIVE_INFINITY;
  }

  /** A stable name for the experiment (file names, sorting). */
  public String key() {
    return String.format(
        java.util.Locale.ROOT, "%s-n%03d-i%.4f-r%s", filter, members, inflation, localization);
  }
}
