package org.magg.pipelines.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.magg.core.Failure;
import org.magg.io.gridded.GriddedFieldIO;
import org.magg.io.storage.ResultFiles;
import org.magg.io.storage.Storage;
import org.magg.io.temporal.EventRow;
import org.magg.io.temporal.EventTableIO;
import org.magg.io.temporal.WrittenFile;
import org.magg.pipelines.config.EventConfig;
import org.magg.pipelines.runners.Counters;
import org.magg.pipelines.runners.Progress;
import org.magg.pipelines.runners.Runners;
import org.magg.pipelines.temporal.TemporalPipeline;
import org.magg.transforms.event.TrackEvents;
import org.magg.transforms.event.TrackedEvent;
import org.magg.transforms.temporal.MetricSpec;

/**
 * Runs the event pipeline: plans it on the launcher ({@link EventPlan}), builds its graph ({@link
 * EventGraph}), applies the sinks (the products, {@link EventProducts}; with an aggregation the
 * temporal table under {@code metrics/}, {@link EventTableIO}; the failures), runs it with the
 * runner's defaults, and summarises it from its own outputs, brought back through {@link
 * ResultFiles}.
 */
public final class EventPipeline {
  private EventPipeline() {}

  /** Plans, runs and summarises an event pipeline (batch, or streaming with a watch). */
  public static EventSummary run(EventConfig config, EventRunOptions options) {
    long t0 = System.nanoTime();
    prepareOutput(config, options);
    EventPlan plan = EventPlan.load(config, options);
    List<String> args = pipelineArgs(options);
    PipelineOptions beamOptions = Runners.options(args);
    if (options.streaming()) {
      beamOptions.as(StreamingOptions.class).setStreaming(true);
    }
    Pipeline pipeline = Pipeline.create(beamOptions);
    EventGraph.Outputs outputs =
        options.streaming()
            ? EventGraph.buildStreaming(pipeline, plan)
            : EventGraph.build(
                pipeline, plan, Runners.isDirect(args) ? Runners.directParallelism(args) : null);
    ResultFiles results = ResultFiles.create(beamOptions);
    PipelineResult result;
    List<WrittenFile> written;
    List<Failure> failures;
    List<Failure> detectionFailures;
    List<EventProducts.Counts> counts;
    List<MetricStatus> statuses;
    try {
      PCollectionTuple products = EventProducts.write(outputs.events(), outputs.steps(), plan);
      results.write(
          products.get(EventProducts.FILES_TAG),
          "files",
          WrittenFile.class,
          WrittenFile::resultKey);
      results.write(
          products.get(EventProducts.COUNTS_TAG), "counts", EventProducts.Counts.class, c -> "all");
      PCollection<WrittenFile> failureFiles =
          outputs
              .failures()
              .apply("FailuresAtEnd", EventProducts.<Failure>atEnd())
              .apply("WriteFailures", EventTableIO.writeFailures(plan.output(), false, plan.s3()));
      results.write(failureFiles, "files", WrittenFile.class, WrittenFile::resultKey);
      results.write(outputs.failures(), "failures", Failure.class, null);
      results.write(outputs.detectionFailures(), "detection-failures", Failure.class, null);
      if (outputs.metricRows() != null) {
        List<String> names = config.aggregation().metrics().stream().map(MetricSpec::name).toList();
        PCollection<WrittenFile> table =
            outputs
                .metricRows()
                .apply("MetricsAtEnd", EventProducts.<EventRow>atEnd())
                .apply(
                    "WriteMetrics",
                    EventTableIO.write(
                        plan.metricsOutput(),
                        names,
                        TrackedEvent.ID_TEXT_ORDER,
                        config.output().format(),
                        plan.s3()));
        results.write(table, "files", WrittenFile.class, WrittenFile::resultKey);
        PCollection<MetricStatus> rowStatuses =
            outputs
                .metricRows()
                .apply(
                    "MetricStatuses",
                    MapElements.into(TypeDescriptor.of(MetricStatus.class))
                        .via((EventRow r) -> new MetricStatus(r.eventId(), r.status())))
                .setCoder(org.apache.beam.sdk.coders.SerializableCoder.of(MetricStatus.class));
        results.write(rowStatuses, "metric-statuses", MetricStatus.class, MetricStatus::key);
      }
      try (Progress.Run progress = Progress.start(progress(), beamOptions)) {
        result = progress.run(pipeline);
        PipelineResult.State state = progress.waitUntilFinish(result);
        if (state != PipelineResult.State.DONE) {
          throw new IllegalStateException("pipeline ended in state " + state);
        }
      }
      written = results.read("files", WrittenFile.class);
      failures = new ArrayList<>(results.read("failures", Failure.class));
      detectionFailures = results.read("detection-failures", Failure.class);
      counts = results.read("counts", EventProducts.Counts.class);
      statuses =
          outputs.metricRows() == null ? null : results.read("metric-statuses", MetricStatus.class);
    } finally {
      results.delete();
    }
    // the detection collection's reads only (a metrics collection of the same name is read apart)
    Map<String, Long> gridded =
        Counters.under(result, "gridded/", "Read " + plan.collection().name());
    Map<String, Long> all = new TreeMap<>(Counters.under(result, "gridded/"));
    all.putAll(Counters.under(result, "events"));
    all.putAll(Counters.under(result, "temporal"));
    long metricTimesteps = all.getOrDefault("events/" + MeasureEventsFn.TIMESTEPS_READ, 0L);
    long metricBytes = all.getOrDefault("events/" + MeasureEventsFn.BYTES_READ, 0L);
    for (org.magg.io.gridded.GriddedCollection m : plan.metricCollections()) {
      String mns = GriddedFieldIO.metricsNamespace(m.name()) + "/";
      Map<String, Long> read =
          Counters.under(result, "gridded/", EventMetrics.READ_METRICS + m.name());
      metricTimesteps += read.getOrDefault(mns + GriddedFieldIO.TIMESTEPS_READ, 0L);
      metricBytes += read.getOrDefault(mns + GriddedFieldIO.BYTES_READ, 0L);
    }
    String ns = GriddedFieldIO.metricsNamespace(plan.collection().name()) + "/";
    failures.sort(Comparator.comparing(Failure::subject).thenComparing(Failure::reason));
    long failureCount =
        written.stream()
            .filter(f -> f.kind().equals(WrittenFile.FAILURES))
            .mapToLong(WrittenFile::rows)
            .sum();
    EventProducts.Counts c = counts.isEmpty() ? new EventProducts.Counts(0, 0, 0) : counts.get(0);
    Map<String, Integer> metricStatuses = null;
    if (statuses != null) {
      metricStatuses = new TreeMap<>();
      for (MetricStatus s : statuses) {
        metricStatuses.merge(s.status(), 1, Integer::sum);
      }
    }
    return new EventSummary(
        config.origin(),
        Runners.name(beamOptions),
        options.streaming(),
        gridded.getOrDefault(ns + GriddedFieldIO.TIMESTEPS_READ, 0L),
        c.timesteps(),
        detectionFailures.size(),
        c.objects(),
        c.events(),
        all.getOrDefault("events/" + TrackEvents.DROPPED, 0L),
        config.tracking().minSteps(),
        metricStatuses,
        metricTimesteps,
        metricBytes,
        gridded.getOrDefault(ns + GriddedFieldIO.FILES_MATCHED, 0L),
        gridded.getOrDefault(ns + GriddedFieldIO.BYTES_READ, 0L),
        failures.subList(0, Math.min(20, failures.size())),
        failureCount,
        locations(written),
        (System.nanoTime() - t0) / 1e9,
        all,
        ResultFiles.repeated(result));
  }

  /**
   * The Beam arguments of a run: the given ones, with what an event run sets unless given. On the
   * Direct runner its copying checks off ({@link Runners#DIRECT_RUN_DEFAULTS}) and, in batch, one
   * worker thread per processor (the runner's default is at least 3), each reading its share of the
   * files as one unit ({@link EventGraph#build(Pipeline, EventPlan, Integer)}). On Flink the
   * runner's defaults ({@link Runners#FLINK_RUN_DEFAULTS}), the DataStream translation that chains
   * reading, detection and the first tracking steps ({@link TemporalPipeline#FLINK_DEFAULTS}) and,
   * in batch, stages sized by {@code --parallelism} ({@link Runners#withFlinkBatchConf}).
   */
  public static List<String> pipelineArgs(EventRunOptions options) {
    List<String> args = options.pipelineArgs();
    if (Runners.isDirect(args)) {
      args = Runners.withDefaults(args, Runners.DIRECT_RUN_DEFAULTS);
      if (!options.streaming()) {
        args =
            Runners.withDefaults(
                args,
                Map.of(
                    "targetParallelism",
                    String.valueOf(Runtime.getRuntime().availableProcessors())));
      }
    } else if (Runners.isFlink(args)) {
      args = Runners.withRunnerDefaults(args);
      args = Runners.withDefaults(args, TemporalPipeline.FLINK_DEFAULTS);
      if (!options.streaming()) {
        args = Runners.withFlinkBatchConf(args);
      }
    }
    return args;
  }

  /**
   * Refuses an output directory that holds files unless the run overwrites, and then clears what an
   * earlier run wrote there, before anything is read.
   */
  private static void prepareOutput(EventConfig config, EventRunOptions options) {
    String output = EventPlan.output(config, options);
    Storage storage = Storage.of(config.s3().overriddenBy(options.s3()).toSettings());
    try {
      EventProducts.prepare(output, options.overwrite(), storage);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the output directory " + output, e);
    }
  }

  /** The status of one metrics row, brought back for the summary. */
  record MetricStatus(String eventId, String status) implements java.io.Serializable {
    String key() {
      return eventId.replaceAll("[^A-Za-z0-9._-]", "_");
    }
  }

  /** The files written: the products first, then the metrics, failures last. */
  private static List<String> locations(List<WrittenFile> written) {
    List<String> kinds =
        List.of(
            EventProducts.CATALOG,
            EventProducts.LIFECYCLE,
            EventProducts.TRACKS,
            EventProducts.MASKS,
            WrittenFile.TABLE,
            WrittenFile.NETCDF,
            WrittenFile.ZARR,
            WrittenFile.FAILURES);
    return WrittenFile.locationsInOrder(written, kinds);
  }

  /**
   * What an event run's progress shows: timesteps searched for objects (their number is known only
   * as the files are opened), events tracked, timesteps read per second (detection and metrics),
   * and the files, splits and timesteps that failed.
   */
  static Progress.Spec progress() {
    return Progress.Spec.of("event")
        .count(
            "timesteps",
            -1,
            Progress.Counter.of("events", "timesteps_detected"),
            Progress.Counter.of("events", "timesteps_failed"))
        .count("events", -1, Progress.Counter.of("events", TrackEvents.TRACKED))
        .rate("timesteps", Progress.Counter.of("gridded/", GriddedFieldIO.TIMESTEPS_READ))
        .errors(
            Progress.Counter.of("gridded/", GriddedFieldIO.FILES_FAILED),
            Progress.Counter.of("gridded/", GriddedFieldIO.SPLITS_FAILED),
            Progress.Counter.of("events", "timesteps_failed"));
  }
}
