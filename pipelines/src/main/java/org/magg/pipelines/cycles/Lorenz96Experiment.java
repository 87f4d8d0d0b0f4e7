package org.magg.pipelines.cycles;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.magg.core.Json;
import org.magg.core.csv.CsvWriter;
import org.magg.io.storage.Storage;
import org.magg.transforms.cycles.ExperimentResult;
import org.magg.transforms.cycles.ExperimentSpec;
import org.magg.transforms.cycles.RmseSeries;
import org.magg.transforms.cycles.TwinExperiment;

/**
 * One Lorenz-96 twin experiment as {@code magg da lorenz96} runs it: in process (no Beam options),
 * or as a one-experiment {@link DaSweep} on the runner the Beam options choose; and its report,
 * whose last three lines are {@code analysis_rmse=}, {@code free_rmse=} and {@code obs_error=}.
 */
public final class Lorenz96Experiment {
  /** The RMSE series a run with an output directory writes. */
  public static final String RMSE_CSV = "rmse.csv";

  /** The setting and scores a run with an output directory writes. */
  public static final String RESULT_JSON = "result.json";

  private Lorenz96Experiment() {}

  /** Runs the experiment. */
  public static ExperimentResult run(ExperimentSpec spec, List<String> beamArgs) {
    ExperimentSpec s = spec.withDefaults().validate();
    if (beamArgs.isEmpty()) {
      return TwinExperiment.run(s);
    }
    return DaSweep.run(List.of(s), beamArgs).experiments().get(0);
  }

  /**
   * Runs the experiment in process and writes its RMSE series to {@code dir}: {@code rmse.csv}
   * ({@code step,t,analysis_rmse,free_rmse}, one row per observed cycle, burn-in included) and
   * {@code result.json} (the setting and the time-mean scores), what {@code magg plot} draws.
   *
   * @throws IllegalArgumentException when Beam options are given: the series is recorded in process
   */
  public static ExperimentResult run(ExperimentSpec spec, List<String> beamArgs, Path dir)
      throws IOException {
    if (!beamArgs.isEmpty()) {
      throw new IllegalArgumentException(
          "--output records the RMSE series of an in-process run; drop the Beam options ("
              + String.join(" ", beamArgs)
              + ") or --output");
    }
    ExperimentSpec s = spec.withDefaults().validate();
    RmseSeries series = new RmseSeries(s.steps());
    ExperimentResult r = TwinExperiment.run(s, series);
    Files.createDirectories(dir);
    CsvWriter csv = CsvWriter.withLf().row("step", "t", "analysis_rmse", "free_rmse");
    for (long k : series.cycles()) {
      csv.row(
          Long.toString(k),
          // k dt in decimal (0.15, not 0.15000000000000002)
          BigDecimal.valueOf(k).multiply(BigDecimal.valueOf(s.dt())).toPlainString(),
          Double.toString(series.analysis(k)),
          Double.toString(series.free(k)));
    }
    Storage storage = Storage.defaults();
    storage.write(dir.resolve(RMSE_CSV).toString(), csv.text().getBytes(StandardCharsets.UTF_8));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("filter", s.filter());
    result.put("members", s.members());
    result.put("inflation", s.inflation());
    result.put("localization", s.localization());
    result.put("steps", s.steps());
    result.put("burn_in", s.burnIn());
    result.put("dt", s.dt());
    result.put("obs_every", s.obsEvery());
    result.put("seed", s.seed());
    result.put("analysis_rmse", r.analysisRmse());
    result.put("free_rmse", r.freeRmse());
    result.put("obs_error", r.obsError());
    storage.write(dir.resolve(RESULT_JSON).toString(), Json.pretty().writeValueAsBytes(result));
    return r;
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
