package org.magg.pipelines.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.magg.pipelines.Magg;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.EngineConfig;
import org.magg.pipelines.config.S3Config;
import org.magg.pipelines.engine.EngineLineage;
import org.magg.pipelines.engine.EngineRunOptions;
import org.magg.pipelines.engine.EngineStatus;
import org.magg.pipelines.engine.EngineSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code magg engine run | status | lineage}: the variable-centric engine. */
@Command(
    name = "engine",
    mixinStandardHelpOptions = true,
    description =
        "Run an engine config's producers into its cube, report what the cube holds, or give a"
            + " run's lineage.",
    subcommands = {
      EngineCommand.Run.class,
      EngineCommand.Status.class,
      EngineCommand.Lineage.class
    })
final class EngineCommand {

  /**
   * The engine config at {@code config} (a config on S3 is reached with the command line's S3
   * options alone), its {@code s3:} section overridden by those options.
   */
  static EngineConfig load(String config, S3Options options) {
    S3Config cli = options.toConfig();
    return ConfigLoader.loadEngine(config, cli.toSettings(S3Config.FieldNames.CLI)).withS3(cli);
  }

  /** {@code magg engine run CONFIG [--target VAR ...] [--force] [--report FILE] [Beam options]}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description =
          "Resolve the producers the targets need, skip those whose outputs the cube holds and"
              + " whose inputs did not change, run the rest layer by layer. Exit 0, 1 when some"
              + " failed, 2 on a config or usage error. Unknown options go to Beam.")
  static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", description = "The engine config (YAML).")
    String config;

    @Option(
        names = "--target",
        paramLabel = "VAR",
        description = "A variable wanted (repeatable); every produced variable when none.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--force", description = "Run every producer resolved, even if up to date.")
    boolean force;

    @Option(
        names = "--report",
        paramLabel = "FILE",
        description = "Write {run_id, status, producers: {name: {status, attempts, reason}}}.")
    Path report;

    @Option(names = "--summary-json", description = "Also write the summary as JSON to this file.")
    Path summaryJson;

    @Mixin S3Options s3Options = new S3Options();

    @Unmatched List<String> beamArgs = new ArrayList<>();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Preflight.inputFile("CONFIG", config);
      Preflight.outputFile("--report", report);
      Preflight.outputFile("--summary-json", summaryJson);
      EngineConfig c = load(config, s3Options);
      EngineSummary summary =
          Magg.run(
              c,
              EngineRunOptions.defaults()
                  .withTargets(targets)
                  .withForce(force)
                  .withPipelineArgs(beamArgs));
      if (report != null) {
        Files.writeString(report, summary.reportJson(), StandardCharsets.UTF_8);
      }
      return Summaries.report(summary, spec.commandLine().getOut(), summaryJson);
    }
  }

  /** {@code magg engine status CONFIG [--target VAR ...]}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Per variable: satisfied, stale (and why) or missing. Runs nothing.")
  static final class Status implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", description = "The engine config (YAML).")
    String config;

    @Option(names = "--target", paramLabel = "VAR", description = "A variable (repeatable).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Mixin S3Options s3Options = new S3Options();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Preflight.inputFile("CONFIG", config);
      EngineStatus status = EngineStatus.of(load(config, s3Options), targets);
      spec.commandLine().getOut().print(json ? status.toJson() : status.toText());
      spec.commandLine().getOut().flush();
      return MaggCli.OK;
    }
  }

  /** {@code magg engine lineage RUN_ID --config CONFIG [--output FILE]}. */
  @Command(
      name = "lineage",
      mixinStandardHelpOptions = true,
      description =
          "A run's lineage as an OpenLineage RunEvent (JSON): its status and times, config hash,"
              + " Java/Beam/magg versions, git commit, every input file with its SHA-256 and"
              + " size, every variable version produced. Exit 2 for an unknown run.")
  static final class Lineage implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_ID", description = "The run (as in magg engine run's report).")
    String runId;

    @Option(
        names = "--config",
        required = true,
        paramLabel = "CONFIG",
        description = "The engine config whose cube holds the run.")
    String config;

    @Option(
        names = "--output",
        paramLabel = "FILE",
        description = "Write the JSON to this file instead of standard output.")
    Path output;

    @Mixin S3Options s3Options = new S3Options();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Preflight.inputFile("--config", config);
      Preflight.outputFile("--output", output);
      String json = EngineLineage.of(load(config, s3Options), runId).toJson();
      if (output != null) {
        Files.writeString(output, json, StandardCharsets.UTF_8);
      } else {
        spec.commandLine().getOut().print(json);
        spec.commandLine().getOut().flush();
      }
      return MaggCli.OK;
    }
  }
}
