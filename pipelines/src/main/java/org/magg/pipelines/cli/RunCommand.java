package org.magg.pipelines.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.magg.core.grid.Morton;
import org.magg.io.storage.Storage;
import org.magg.pipelines.Magg;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.EngineConfig;
import org.magg.pipelines.config.EventConfig;
import org.magg.pipelines.config.MaggConfig;
import org.magg.pipelines.config.PipelineConfig;
import org.magg.pipelines.config.S3Config;
import org.magg.pipelines.config.TemporalConfig;
import org.magg.pipelines.engine.EngineRunOptions;
import org.magg.pipelines.engine.EngineSummary;
import org.magg.pipelines.event.EventPlan;
import org.magg.pipelines.event.EventRunOptions;
import org.magg.pipelines.event.EventSummary;
import org.magg.pipelines.spatial.RunOptions;
import org.magg.pipelines.spatial.RunSummary;
import org.magg.pipelines.temporal.TemporalPlan;
import org.magg.pipelines.temporal.TemporalRunOptions;
import org.magg.pipelines.temporal.TemporalSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code magg run --config FILE|NAME [...] [Beam options]}: runs a pipeline. Options it does not
 * know (such as {@code --runner=FlinkRunner}) are passed to Beam.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run a pipeline. Unknown options (--runner=..., --parallelism=...) go to Beam.")
final class RunCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      required = true,
      description =
          "A YAML config file or a built-in config name (atl06, atl06_csv, merra2_storm).")
  String config;

  @Option(
      names = "--events",
      description = "Temporal pipelines: the event catalog (JSON or CSV, local or s3://).")
  String events;

  @Option(
      names = "--fields",
      description =
          "Temporal and event pipelines: where the collections' file globs and the static data are"
              + " (a directory or s3://bucket/prefix).")
  String fields;

  @Option(
      names = "--output",
      description = "Temporal and event pipelines: output directory (overrides output.location).")
  String output;

  @Option(
      names = "--collection",
      description =
          "Temporal and event pipelines: NAME=PATTERN, files of a collection (overrides its `files`"
              + " glob);"
              + " repeatable.")
  Map<String, String> collections = new LinkedHashMap<>();

  @Option(
      names = "--watch",
      description =
          "Temporal and event pipelines: stream, polling the collections for new files this often"
              + " (ISO-8601"
              + " duration, e.g. PT10S).")
  Duration watch;

  @Option(
      names = "--stop-after-idle",
      description = "With --watch: stop when no new file appeared for this long (e.g. PT5M).")
  Duration stopAfterIdle;

  @Option(
      names = "--allowed-lateness",
      description =
          "Temporal pipelines: a timestep arriving up to this long after its event's window closed"
              + " still updates the event (a late pane); default PT0S.")
  Duration allowedLateness;

  @Option(names = "--catalog", description = "Granule catalog JSON (overrides the config).")
  String catalog;

  @Option(names = "--store", description = "Output store (overrides output.store).")
  String store;

  @Option(names = "--max-cells", description = "Process only the first N catalog cells.")
  Integer maxCells;

  @Option(names = "--morton-cell", description = "Process only this parent cell.")
  String mortonCell;

  @Option(
      names = "--overwrite",
      description =
          "Replace what an earlier run wrote: the whole store (spatial), the table, panes and"
              + " failures in the output directory (temporal), or the catalog, tables, masks,"
              + " metrics and failures (event). Without it an output that holds files is refused.")
  boolean overwrite;

  @Option(names = "--dry-run", description = "Print the plan; read and write nothing.")
  boolean dryRun;

  @Option(names = "--summary-json", description = "Also write the summary as JSON to this file.")
  Path summaryJson;

  @Mixin S3Options s3Options = new S3Options();

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Preflight.inputFile("--events", events);
    Preflight.inputDirectory("--fields", fields);
    Preflight.inputFile("--catalog", catalog);
    Preflight.outputDirectory("--output", output);
    Preflight.outputDirectory("--store", store);
    Preflight.outputFile("--summary-json", summaryJson);
    S3Config s3 = s3Options.toConfig();
    // The command line alone says how to reach a config on S3; the config's own s3: section
    // applies to everything after.
    MaggConfig any = ConfigLoader.loadAny(config, s3.toSettings(S3Config.FieldNames.CLI));
    Storage storage = Storage.of(any.s3().overriddenBy(s3).toSettings());
    Preflight.s3InputFile("--events", events, storage);
    Preflight.s3InputDirectory("--fields", fields, storage);
    Preflight.s3InputFile("--catalog", catalog, storage);
    if (any instanceof TemporalConfig temporal) {
      return runTemporal(temporal, s3);
    }
    if (any instanceof EventConfig event) {
      return runEvent(event, s3);
    }
    if (any instanceof EngineConfig engine) {
      return runEngine(engine.withS3(s3));
    }
    PipelineConfig c = (PipelineConfig) any;
    if (catalog == null) {
      Preflight.inputFile("catalog (" + c.origin() + ")", c.catalog());
      Preflight.s3InputFile("catalog (" + c.origin() + ")", c.catalog(), storage);
    }
    if (store == null) {
      Preflight.outputDirectory("output.store (" + c.origin() + ")", c.output().store());
    }
    RunOptions options =
        new RunOptions(
            catalog,
            store,
            maxCells,
            mortonCell == null ? null : Morton.parse(mortonCell),
            overwrite,
            dryRun,
            beamArgs);
    options = options.withS3(s3);
    RunSummary summary = Magg.run(c, options);
    return Summaries.report(summary, spec.commandLine().getOut(), summaryJson);
  }

  /** Runs every producer of an engine config that is not up to date (as `magg engine run`). */
  private int runEngine(EngineConfig engine) throws Exception {
    if (events != null
        || fields != null
        || output != null
        || catalog != null
        || store != null
        || maxCells != null
        || mortonCell != null
        || !collections.isEmpty()
        || watch != null
        || dryRun) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          engine.origin()
              + " is an engine pipeline: it takes no --events, --fields, --output, --catalog,"
              + " --store, --max-cells, --morton-cell, --collection, --watch or --dry-run (use"
              + " `magg engine run CONFIG [--target VAR] [--force] [--report FILE]`)");
    }
    EngineSummary summary =
        Magg.run(
            engine, EngineRunOptions.defaults().withForce(overwrite).withPipelineArgs(beamArgs));
    return Summaries.report(summary, spec.commandLine().getOut(), summaryJson);
  }

  /** Runs an event pipeline; prints the summary and writes it as JSON when asked. */
  private int runEvent(EventConfig event, S3Config s3) throws Exception {
    if (catalog != null || store != null || maxCells != null || mortonCell != null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--catalog, --store, --max-cells and --morton-cell are for spatial pipelines; "
              + event.origin()
              + " is an event pipeline (use --fields, --output)");
    }
    if (events != null || allowedLateness != null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--events and --allowed-lateness are for temporal pipelines; "
              + event.origin()
              + " is an event pipeline: it finds the events itself (use --fields, --output)");
    }
    if (stopAfterIdle != null && watch == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--stop-after-idle needs --watch");
    }
    Preflight.collections(collections, event);
    EventRunOptions options =
        EventRunOptions.builder()
            .fields(fields)
            .output(output)
            .collectionFiles(collections)
            .watch(watch)
            .stopAfterIdle(stopAfterIdle)
            .pipelineArgs(beamArgs)
            .s3(s3)
            .overwrite(overwrite)
            .build();
    if (output == null) {
      Preflight.outputDirectory(
          "output.location (" + event.origin() + ")", EventPlan.output(event, options));
    }
    EventSummary summary = Magg.run(event, options);
    return Summaries.report(summary, spec.commandLine().getOut(), summaryJson);
  }

  /** Prints the summary and writes it as JSON when asked. */
  private int runTemporal(TemporalConfig temporal, S3Config s3) throws Exception {
    if (catalog != null || store != null || maxCells != null || mortonCell != null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--catalog, --store, --max-cells and --morton-cell are for spatial pipelines; "
              + temporal.origin()
              + " is temporal (use --events, --fields, --output)");
    }
    TemporalRunOptions options =
        new TemporalRunOptions(
            events,
            fields,
            output,
            collections,
            watch,
            stopAfterIdle,
            allowedLateness,
            0,
            beamArgs,
            s3,
            overwrite);
    Preflight.collections(collections, temporal);
    if (output == null) {
      Preflight.outputDirectory(
          "output.location (" + temporal.origin() + ")", TemporalPlan.output(temporal, options));
    }
    TemporalSummary summary = Magg.run(temporal, options);
    return Summaries.report(summary, spec.commandLine().getOut(), summaryJson);
  }
}
