package org.magg.pipelines.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.magg.pipelines.bench.CoverageBenchmark;
import org.magg.pipelines.bench.EventBenchmark;
import org.magg.pipelines.bench.SpatialBenchmark;
import org.magg.pipelines.bench.TemporalBenchmark;
import org.magg.pipelines.runners.Runners;
import org.magg.pipelines.temporal.TemporalPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code magg bench}: the spatial pipeline against a hand-written loop, with figures; {@code magg
 * bench --temporal}: the temporal pipeline over MERRA-2-shaped fields and overlapping events;
 * {@code magg bench --coverage}: parent cells of granule footprints per second, against the CDS
 * HEALPix library; {@code magg bench --events}: the event pipeline (detection, tracking, its
 * catalog and tables written) over generated IVT-like fields, against a hand-written loop.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark the spatial pipeline (Direct runner by default; --runner=FlinkRunner"
            + " --parallelism=N with -Pflink-runner) against a single-threaded hand-written loop"
            + " over the same generated granules. With --temporal: the merra2_storm temporal"
            + " pipeline over generated MERRA-2-shaped fields, once per event count. With"
            + " --coverage: granule footprints covered with parent cells per second and core,"
            + " against the CDS HEALPix library's polygon coverage when its jar is found. With"
            + " --events (no value): the event pipeline (detection, tracking, catalog and tables"
            + " written) over generated 3-hourly IVT-like fields on the MERRA-2 grid, against a"
            + " single-threaded hand-written loop.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--points", description = "Points to generate (default ${DEFAULT-VALUE}).")
  long points = 20_000_000L;

  @Option(
      names = "--granules",
      description = "Granules to spread them over (default" + " ${DEFAULT-VALUE}).")
  int granules = 40;

  @Option(
      names = "--dir",
      description =
          "Working directory; generated granules are reused" + " (default ${DEFAULT-VALUE}).")
  Path dir = Path.of("output", "bench");

  @Option(
      names = "--runs",
      description =
          "Measure both paths this many times, alternating, and report the best of each (also"
              + " with --events); with --temporal: run the list of event counts this many times; with --coverage: cover"
              + " the footprints this many times and report the best round (default"
              + " ${DEFAULT-VALUE}).")
  int runs = 1;

  @Option(
      names = "--coverage",
      description =
          "Benchmark the coverage of granule footprints by parent cells instead (as a catalog"
              + " build does): 700 ICESat-2-like footprints at order 6, per core.")
  boolean coverage;

  @Option(
      names = "--reference-jar",
      description =
          "--coverage: the CDS HEALPix jar to compare with; not measured when absent (default"
              + " ${DEFAULT-VALUE}, Debian's libcds-healpix-java).")
  Path referenceJar = CoverageBenchmark.DEFAULT_REFERENCE_JAR;

  @Option(
      names = "--temporal",
      description =
          "Benchmark the temporal pipeline (merra2_storm) instead: cells per second and bytes"
              + " read per event.")
  boolean temporal;

  @Option(
      names = "--days",
      description =
          "Days of generated fields: --temporal at least 3 (default 4); --events at least 1"
              + " (default 365).")
  Integer days;

  /** What {@code --events} holds when given without a value: the event benchmark. */
  static final String EVENT_BENCHMARK = "";

  @Option(
      names = "--events",
      arity = "0..1",
      fallbackValue = EVENT_BENCHMARK,
      paramLabel = "N,M",
      description =
          "Without a value: benchmark event detection and tracking. With --temporal: event"
              + " counts, one run each; smaller catalogs are subsets of the largest spanning the"
              + " same period (default 50,300).")
  String events;

  /** The event counts of --temporal: {@code --events N,M,...}, default 50,300. */
  private List<Integer> eventCounts() {
    if (events == null) {
      return List.of(50, 300);
    }
    List<Integer> out = new ArrayList<>();
    for (String n : events.split(",")) {
      try {
        out.add(Integer.parseInt(n.trim()));
      } catch (NumberFormatException e) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "--events with --temporal takes event counts such as 50,300, got '" + events + "'");
      }
    }
    return out;
  }

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    boolean eventBench = EVENT_BENCHMARK.equals(events) && !temporal;
    if (coverage) {
      if (temporal || eventBench) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "--coverage, --events and --temporal are separate benchmarks; choose one");
      }
      CoverageBenchmark.Figures c = CoverageBenchmark.run(runs, referenceJar);
      spec.commandLine().getOut().print(c.toText());
      spec.commandLine().getOut().flush();
      return c.exitCode();
    }
    // The Direct runner's checks copy every element and Flink's chained operators copy them
    // too; a benchmark of the pipeline itself turns both off unless asked otherwise.
    List<String> args =
        Runners.withRunnerDefaults(Runners.withDefaults(beamArgs, Runners.DIRECT_RUN_DEFAULTS));
    if (eventBench) {
      // the event pipeline adds its own runner settings (EventPipeline.pipelineArgs)
      int d = days == null ? 365 : days;
      if (d < 1) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--days must be at least 1, got " + d);
      }
      EventBenchmark.Figures e = EventBenchmark.run(dir.resolve("events"), d, args, runs);
      spec.commandLine().getOut().print(e.toText());
      spec.commandLine().getOut().flush();
      return e.exitCode();
    }
    if (events != null && !temporal) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--events takes event counts only with --temporal; alone it takes no value (the event"
              + " benchmark), got '"
              + events
              + "'");
    }
    if (temporal) {
      if (Runners.isFlink(args)) {
        // as TemporalPipeline adds them, shown in the figures
        args = Runners.withDefaults(args, TemporalPipeline.FLINK_DEFAULTS);
        args = Runners.withFlinkBatchConf(args);
      }
      int days = this.days == null ? 4 : this.days;
      List<Integer> counts = eventCounts();
      if (days < 3) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "--days must be at least 3 (events and their 24 h precipitation tail must fit), got "
                + days);
      }
      TemporalBenchmark.Figures t =
          TemporalBenchmark.run(dir.resolve("temporal"), days, counts, args, runs);
      spec.commandLine().getOut().print(t.toText());
      spec.commandLine().getOut().flush();
      return t.exitCode();
    }
    SpatialBenchmark.Figures f = SpatialBenchmark.run(dir, points, granules, args, runs);
    spec.commandLine().getOut().print(f.toText());
    spec.commandLine().getOut().flush();
    return f.summary().exitCode();
  }
}
