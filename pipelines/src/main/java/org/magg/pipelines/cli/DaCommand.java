package org.magg.pipelines.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.magg.pipelines.bench.SweepBenchmark;
import org.magg.pipelines.cycles.DaSweep;
import org.magg.pipelines.cycles.Lorenz96Experiment;
import org.magg.pipelines.cycles.SweepGrid;
import org.magg.pipelines.cycles.SweepReport;
import org.magg.transforms.cycles.ExperimentResult;
import org.magg.transforms.cycles.ExperimentSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code magg da lorenz96|sweep}: data assimilation twin experiments on Lorenz-96. */
@Command(
    name = "da",
    mixinStandardHelpOptions = true,
    description = "Data assimilation cycles: Lorenz-96 twin experiments (EnKF, ETKF, LETKF).",
    subcommands = {DaCommand.Lorenz96.class, DaCommand.Sweep.class})
final class DaCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return MaggCli.USAGE;
  }

  /** The settings both commands share. */
  static class Common {
    @Option(
        names = "--obs-every",
        defaultValue = "1",
        description = "Observe every K steps (default: ${DEFAULT-VALUE}).")
    int obsEvery;

    @Option(
        names = "--obs-error",
        defaultValue = "1",
        description = "Observation error standard deviation (default: ${DEFAULT-VALUE}).")
    double obsError;

    @Option(
        names = "--forcing",
        defaultValue = "8",
        description = "Lorenz-96 forcing F (default: ${DEFAULT-VALUE}).")
    double forcing;

    @Option(
        names = "--dt",
        defaultValue = "0.05",
        description = "Model time step (default: ${DEFAULT-VALUE}).")
    double dt;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--rotation",
        negatable = true,
        defaultValue = "true",
        fallbackValue = "true",
        description =
            "Random mean-preserving rotation after the ETKF and LETKF analyses (default: on).")
    boolean rotation;

    @Option(
        names = "--obs-indices",
        split = ",",
        description = "Observe only these variables (0-39; default: all).")
    int[] obsIndices;

    @Unmatched List<String> beamArgs = new ArrayList<>();

    ExperimentSpec spec(
        String filter, int members, int steps, int burnIn, double inflation, Double radius) {
      return new ExperimentSpec(
          filter,
          members,
          steps,
          burnIn,
          inflation,
          radius == null ? Double.NaN : radius,
          rotation,
          obsEvery,
          obsError,
          forcing,
          dt,
          seed,
          obsIndices,
          40);
    }
  }

  /** {@code magg da lorenz96}. */
  @Command(
      name = "lorenz96",
      mixinStandardHelpOptions = true,
      description = {
        "A Lorenz-96 twin experiment (40 variables, RK4): truth, observations, a free run and the"
            + " filter. The last three lines are analysis_rmse=, free_rmse= and obs_error=. Without"
            + " Beam options it runs in process; with them (--runner=...) as a one-experiment"
            + " pipeline.",
        "Exit codes: 0 done, 2 usage error."
      })
  static final class Lorenz96 extends Common implements Callable<Integer> {
    @Option(names = "--filter", required = true, description = "enkf, etkf or letkf.")
    String filter;

    @Option(names = "--members", required = true, description = "Ensemble size N (>= 2).")
    int members;

    @Option(names = "--steps", required = true, description = "Model steps (cycles).")
    int steps;

    @Option(
        names = "--burn-in",
        required = true,
        description = "Steps left out of the time means (< --steps).")
    int burnIn;

    @Option(
        names = "--inflation",
        required = true,
        description = "Multiplicative inflation (>= 1).")
    double inflation;

    @Option(
        names = "--localization-radius",
        description =
            "LETKF localisation radius in grid points (DAPPER's convention; default for letkf:"
                + " 4).")
    Double radius;

    @Option(
        names = "--output",
        description =
            "Also write the RMSE of every observed cycle (rmse.csv: step, t, analysis_rmse,"
                + " free_rmse) and the scores (result.json) into this directory, for magg plot."
                + " In process only.")
    Path output;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      ExperimentSpec s =
          spec(filter, members, steps, burnIn, inflation, radius).withDefaults().validate();
      if (output != null) {
        Preflight.outputDirectory("--output", output.toString());
      }
      ExperimentResult r =
          output == null
              ? Lorenz96Experiment.run(s, beamArgs)
              : Lorenz96Experiment.run(s, beamArgs, output);
      PrintWriter out = spec.commandLine().getOut();
      if (output != null) {
        // before the report, whose last three lines are the scores
        out.println(
            "wrote "
                + output.resolve(Lorenz96Experiment.RMSE_CSV)
                + " and "
                + Lorenz96Experiment.RESULT_JSON);
      }
      out.print(Lorenz96Experiment.report(s, r));
      out.flush();
      return MaggCli.OK;
    }
  }

  /** {@code magg da sweep}. */
  @Command(
      name = "sweep",
      mixinStandardHelpOptions = true,
      description = {
        "Every combination of --filter, --members, --inflation (and --localization-radius for"
            + " letkf) as one pipeline, one experiment per element, in parallel; prints a table"
            + " (and writes it as CSV with --output).",
        "Exit codes: 0 done, 2 usage error."
      })
  static final class Sweep extends Common implements Callable<Integer> {
    @Option(
        names = "--filter",
        required = true,
        split = ",",
        description = "Filters: enkf, etkf, letkf.")
    List<String> filters;

    @Option(names = "--members", required = true, split = ",", description = "Ensemble sizes.")
    List<Integer> members;

    @Option(
        names = "--inflation",
        required = true,
        split = ",",
        description = "Inflation factors (>= 1).")
    List<Double> inflations;

    @Option(names = "--localization-radius", split = ",", description = "LETKF radii (default: 4).")
    List<Double> radii;

    @Option(
        names = "--steps",
        defaultValue = "3000",
        description = "Steps per experiment (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(
        names = "--burn-in",
        defaultValue = "400",
        description = "Steps left out of the time means (default: ${DEFAULT-VALUE}).")
    int burnIn;

    @Option(names = "--output", description = "Also write the table as CSV to this file.")
    Path output;

    @Option(
        names = "--bench",
        description =
            "Measure how the sweep spreads over the cores instead: the same experiments by a"
                + " hand-written loop, by two plain threads, and by the Beam sweep with one and"
                + " with two workers, side by side, --runs rounds.")
    boolean bench;

    @Option(
        names = "--runs",
        defaultValue = "1",
        description = "--bench: rounds of the four paths (default: ${DEFAULT-VALUE}).")
    int runs;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
      for (Double r : radii == null ? List.<Double>of() : radii) {
        if (r < 0) {
          throw new IllegalArgumentException("--localization-radius must be at least 0, got " + r);
        }
      }
      if (radii != null && !radii.isEmpty() && !filters.contains("letkf")) {
        throw new IllegalArgumentException(
            "--localization-radius applies to --filter letkf only, not "
                + String.join(",", filters));
      }
      ExperimentSpec base = spec("etkf", 2, steps, burnIn, 1, null);
      SweepGrid grid = new SweepGrid(filters, members, inflations, radii, base);
      if (bench) {
        SweepBenchmark.Figures f = SweepBenchmark.run(grid.specs(), beamArgs, runs);
        spec.commandLine().getOut().print(f.toText());
        spec.commandLine().getOut().flush();
        return f.exitCode();
      }
      DaSweep.Result r = DaSweep.run(grid.specs(), beamArgs);
      PrintWriter out = spec.commandLine().getOut();
      out.print(SweepReport.table(r));
      if (output != null) {
        SweepReport.writeCsv(r, output);
        out.println("wrote " + output);
      }
      out.flush();
      return MaggCli.OK;
    }
  }
}
