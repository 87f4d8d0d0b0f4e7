package org.magg.pipelines.temporal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.magg.core.Failure;
import org.magg.io.gridded.GriddedFieldIO;
import org.magg.io.storage.ResultFiles;
import org.magg.io.storage.Storage;
import org.magg.io.temporal.Event;
import org.magg.io.temporal.EventOutputs;
import org.magg.io.temporal.EventRow;
import org.magg.io.temporal.EventTableIO;
import org.magg.io.temporal.WrittenFile;
import org.magg.pipelines.config.TemporalConfig;
import org.magg.pipelines.runners.Counters;
import org.magg.pipelines.runners.Progress;
import org.magg.pipelines.runners.Runners;

/**
 * Runs the temporal aggregation pipeline: plans it on the launcher ({@link TemporalPlan}), builds
 * its graph ({@link TemporalGraph}), applies the sinks ({@link EventTableIO}: the table in batch,
 * one file per pane in streaming, the failures), runs it with the runner's defaults, and summarises
 * it from its own outputs, brought back through {@link ResultFiles}.
 */
public final class TemporalPipeline {
  /**
   * Flink options a temporal run sets unless given: Flink's default batch (DataSet) translation
   * puts each output of a multi-output ParDo in its own unchained operator, so every field slice
   * the reader emits would be serialised, compressed and sent between operators; the DataStream
   * translation keeps reading and evaluation in one chain (measured: half the run time).
   */
  public static final Map<String, String> FLINK_DEFAULTS = Map.of("useDataStreamForBatch", "true");

  private TemporalPipeline() {}

  /** Plans, runs and summarises a temporal pipeline (batch, or streaming with a watch). */
  public static TemporalSummary run(TemporalConfig config, TemporalRunOptions options) {
    long t0 = System.nanoTime();
    prepareOutput(config, options);
    TemporalPlan plan = TemporalPlan.load(config, options);
    // Field slices are megabytes: the Direct runner's copying checks are off for runs (tests
    // keep them), and Flink gets the options that keep slices inside one operator chain and, in
    // batch, stages sized by --parallelism (the reading stage would otherwise run in one slot).
    List<String> args = options.pipelineArgs();
    if (Runners.isDirect(args)) {
      args = Runners.withDefaults(args, Runners.DIRECT_RUN_DEFAULTS);
    } else if (Runners.isFlink(args)) {
      args = Runners.withRunnerDefaults(args);
      args = Runners.withDefaults(args, FLINK_DEFAULTS);
      if (!options.streaming()) {
        args = Runners.withFlinkBatchConf(args);
      }
    }
    PipelineOptions beamOptions = Runners.options(args);
    if (options.streaming()) {
      beamOptions.as(StreamingOptions.class).setStreaming(true);
    }
    Pipeline pipeline = Pipeline.create(beamOptions);
    TemporalGraph.Outputs outputs =
        options.streaming()
            ? TemporalGraph.buildStreaming(pipeline, plan)
            : TemporalGraph.build(pipeline, plan);
    List<String> order = plan.catalog().events().stream().map(Event::id).toList();
    List<String> allIds = new ArrayList<>(order);
    plan.catalog().failures().forEach(f -> allIds.add(f.subject()));
    ResultFiles results = ResultFiles.create(beamOptions);
    PipelineResult result;
    List<WrittenFile> written;
    List<Failure> failures;
    List<PaneStatus> paneStatuses;
    try {
      PCollection<WrittenFile> table =
          options.streaming()
              ? outputs
                  .rows()
                  .apply(
                      "WritePanes",
                      EventTableIO.writePanes(plan.output(), plan.metricNames(), plan.s3()))
              : outputs
                  .rows()
                  .apply(
                      "WriteTable",
                      EventTableIO.write(
                          plan.output(),
                          plan.metricNames(),
                          allIds,
                          config.output().format(),
                          plan.s3()));
      PCollection<WrittenFile> failureFiles =
          outputs
              .failures()
              .apply(
                  "WriteFailures",
                  EventTableIO.writeFailures(plan.output(), options.streaming(), plan.s3()));
      results.write(table, "files", WrittenFile.class, WrittenFile::resultKey);
      results.write(failureFiles, "files", WrittenFile.class, WrittenFile::resultKey);
      results.write(outputs.failures(), "failures", Failure.class, null);
      PCollection<PaneStatus> panes =
          outputs
              .rows()
              // refused catalog entries are counted from the catalog (several may share an id)
              .apply("EvaluatedRows", Filter.by((EventRow r) -> !r.catalogEntry()))
              .apply(
                  "PaneStatuses",
                  MapElements.into(TypeDescriptor.of(PaneStatus.class)).via(PaneStatus::of))
              .setCoder(PaneStatus.coder());
      results.write(panes, "panes", PaneStatus.class, PaneStatus::key);
      try (Progress.Run progress = Progress.start(progress(plan), beamOptions)) {
        result = progress.run(pipeline);
        PipelineResult.State state = progress.waitUntilFinish(result);
        if (state != PipelineResult.State.DONE) {
          throw new IllegalStateException("pipeline ended in state " + state);
        }
      }
      written = results.read("files", WrittenFile.class);
      failures = new ArrayList<>(results.read("failures", Failure.class));
      paneStatuses = results.read("panes", PaneStatus.class);
    } finally {
      // a failed run leaves nothing behind either
      results.delete();
    }
    Map<String, Long> counters = Counters.under(result, "gridded/");
    Map<String, Long> all = new java.util.TreeMap<>(counters);
    all.putAll(Counters.under(result, "temporal"));
    long timesteps = sum(counters, GriddedFieldIO.TIMESTEPS_READ);
    long bytes = sum(counters, GriddedFieldIO.BYTES_READ);
    long files = sum(counters, GriddedFieldIO.FILES_MATCHED);
    // as failures.csv lists them
    failures.sort(Comparator.comparing(Failure::subject).thenComparing(Failure::reason));
    long failureCount =
        written.stream()
            .filter(f -> f.kind().equals(WrittenFile.FAILURES))
            .mapToLong(WrittenFile::rows)
            .sum();
    List<String> catalogFailures =
        plan.catalog().failures().stream().map(Failure::subject).toList();
    return new TemporalSummary(
        config.origin(),
        Runners.name(beamOptions),
        options.streaming(),
        allIds.size(),
        PaneStatus.counts(paneStatuses, catalogFailures),
        timesteps,
        bytes,
        files,
        failures.subList(0, Math.min(20, failures.size())),
        failureCount,
        plan.catalog().failures().subList(0, Math.min(20, plan.catalog().failures().size())),
        locations(written),
        (System.nanoTime() - t0) / 1e9,
        all,
        ResultFiles.repeated(result));
  }

  /**
   * Refuses an output directory that holds files unless the run overwrites, and then clears what an
   * earlier run wrote there, before anything is read.
   */
  private static void prepareOutput(TemporalConfig config, TemporalRunOptions options) {
    String output = TemporalPlan.output(config, options);
    Storage storage = Storage.of(config.s3().overriddenBy(options.s3()).toSettings());
    try {
      EventOutputs.prepare(output, options.overwrite(), storage);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the output directory " + output, e);
    }
  }

  private static List<String> locations(List<WrittenFile> written) {
    List<String> kinds =
        List.of(
            WrittenFile.TABLE,
            WrittenFile.NETCDF,
            WrittenFile.ZARR,
            WrittenFile.PANE,
            WrittenFile.FAILURES);
    return WrittenFile.locationsInOrder(written, kinds);
  }

  private static long sum(Map<String, Long> counters, String name) {
    return counters.entrySet().stream()
        .filter(e -> e.getKey().endsWith("/" + name))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * What a temporal run's progress shows: timesteps read (over every collection; their number is
   * known only as the files are opened) and evaluated, timesteps read per second, and the files,
   * splits and timesteps that failed.
   */
  static Progress.Spec progress(TemporalPlan plan) {
    Progress.Counter read = Progress.Counter.of("gridded/", GriddedFieldIO.TIMESTEPS_READ);
    return Progress.Spec.of("temporal " + plan.catalog().events().size() + " events")
        .count("timesteps", -1, read)
        .count("evaluated", -1, Progress.Counter.of("temporal", "timesteps_evaluated"))
        .rate("timesteps", read)
        .errors(
            Progress.Counter.of("gridded/", GriddedFieldIO.FILES_FAILED),
            Progress.Counter.of("gridded/", GriddedFieldIO.SPLITS_FAILED),
            Progress.Counter.of("temporal", "timesteps_failed"));
  }
}
