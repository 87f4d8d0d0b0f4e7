package org.magg.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.magg.pipelines.SpatialBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code magg bench}: the spatial pipeline against a hand-written loop, with figures. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark the spatial pipeline (Direct runner by default; --runner=FlinkRunner"
            + " --parallelism=N with -Pflink-runner) against a single-threaded hand-written loop"
            + " over the same generated granules.")
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
          "Measure both paths this many times, alternating, and report the best of each"
              + " (default ${DEFAULT-VALUE}).")
  int runs = 1;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<String> args = new ArrayList<>(beamArgs);
    // The Direct runner's test-time checks encode and compare every element; a benchmark of the
    // pipeline itself turns them off unless asked otherwise.
    if (args.stream().noneMatch(a -> a.startsWith("--enforceImmutability"))) {
      args.add("--enforceImmutability=false");
    }
    if (args.stream().noneMatch(a -> a.startsWith("--enforceEncodability"))) {
      args.add("--enforceEncodability=false");
    }
    // On Flink, elements passed between chained operators need not be copied (Beam's DoFns do not
    // modify their inputs); a benchmark sets that unless asked otherwise.
    if (args.contains("--runner=FlinkRunner")) {
      if (args.stream().noneMatch(a -> a.startsWith("--objectReuse"))) {
        args.add("--objectReuse=true");
      }
      if (args.stream().noneMatch(a -> a.startsWith("--fasterCopy"))) {
        args.add("--fasterCopy=true");
      }
    }
    SpatialBenchmark.Figures f = SpatialBenchmark.run(dir, points, granules, args, runs);
    spec.commandLine().getOut().print(f.toText());
    spec.commandLine().getOut().flush();
    return f.summary().exitCode();
  }
}
