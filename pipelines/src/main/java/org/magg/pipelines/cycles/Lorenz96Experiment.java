package org.magg.pipelines.cycles;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.magg.transforms.cycles.ExperimentResult;
import org.magg.transforms.cycles.ExperimentSpec;
import org.magg.transforms.cycles.TwinExperiment;

/**
 * One Lorenz-96 twin experiment as {@code magg da lorenz96} runs it: in process (no Beam options),
 * or as a one-experiment {@link DaSweep} on the runner the Beam options choose; and its report,
 * whose last three lines are {@code analysis_rmse=}, {@code free_rmse=} and {@code obs_error=}.
 */
public final class Lorenz96Experiment {
  private Lorenz96Experiment() {}

  /** Runs the experiment. */
  public static ExperimentResult run(ExperimentSpec spec, List<String> beamArgs) {
    ExperimentSpec s = spec.withDefaults().validate();
    if (beamArgs.isEmpty()) {
      return TwinExperiment.run(s);
    }
    return DaSweep.run(List.of(s), beamArgs).experiments().get(0);
  }

  /** The report: the setting, the speed, then the three result lines. */
  public static String report(ExperimentSpec given, ExperimentResult r) {
    ExperimentSpec s = given.withDefaults();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Lorenz-96 twin experiment: %d variables, F=%s, dt=%s, RK4; %s observed every %d"
                + " step(s) with error sd %s%n",
            s.variables(),
            number(s.forcing()),
            number(s.dt()),
            s.obsIndices() == null ? "every variable" : s.obsIndices().length + " variables",
            s.obsEvery(),
            number(s.obsError())));
    out.append(
        String.format(
            Locale.ROOT,
            "filter %s, %d members, inflation %s, rotation %s, localization radius %s, %d steps,"
                + " burn-in %d, seed %d%n",
            s.filter(),
            s.members(),
            number(s.inflation()),
            "enkf".equals(s.filter()) ? "-" : s.rotation() ? "on" : "off",
            s.localization(),
            s.steps(),
            s.burnIn(),
            s.seed()));
    out.append(
        String.format(
            Locale.ROOT,
            "bench: %d cycles in %.3f s = %.0f cycles/s, %.0f per CPU second (filter: forecast +"
                + " analysis, one thread); wall %.3f s (truth, observations, free run, filter);"
                + " load %.2f%n",
            r.steps(),
            r.filterSeconds(),
            r.cyclesPerSecond(),
            r.cyclesPerCpuSecond(),
            r.wallSeconds(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    out.append(String.format(Locale.ROOT, "analysis_rmse=%.4f%n", r.analysisRmse()));
    out.append(String.format(Locale.ROOT, "free_rmse=%.4f%n", r.freeRmse()));
    out.append("obs_error=").append(number(r.obsError())).append('\n');
    return out.toString();
  }

  /** A number as written on the command line: 1 rather than 1.0, 1.013 as is. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
