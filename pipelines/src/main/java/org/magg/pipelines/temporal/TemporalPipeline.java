package org.magg.pipelines.temporal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.magg.core.ConfigException;
import org.magg.core.Failure;
import org.magg.io.gridded.FieldSlice;
import org.magg.io.gridded.GriddedCollection;
import org.magg.io.gridded.GriddedFieldIO;
import org.magg.io.gridded.TimeRanges;
import org.magg.io.gridded.WatchGriddedFiles;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.ResultFiles;
import org.magg.io.storage.Storage;
import org.magg.io.temporal.Event;
import org.magg.io.temporal.EventCatalog;
import org.magg.io.temporal.EventRow;
import org.magg.io.temporal.EventTableIO;
import org.magg.io.temporal.StaticData;
import org.magg.io.temporal.StaticDataSpec;
import org.magg.io.temporal.WrittenFile;
import org.magg.pipelines.config.TemporalConfig;
import org.magg.pipelines.config.TemporalConfig.CollectionSpec;
import org.magg.pipelines.runners.Runners;
import org.magg.pipelines.spatial.RunMetrics;
import org.magg.transforms.temporal.EvaluateSlices;
import org.magg.transforms.temporal.EventCoverage;
import org.magg.transforms.temporal.EventResult;
import org.magg.transforms.temporal.EventStep;
import org.magg.transforms.temporal.EventWindow;
import org.magg.transforms.temporal.EventWindows;
import org.magg.transforms.temporal.MetricSpec;
import org.magg.transforms.temporal.ReduceEvents;
import org.magg.transforms.temporal.SliceEvaluator;

/**
 * The temporal aggregation pipeline: gridded collections read timestep by timestep ({@link
 * GriddedFieldIO}), each timestep evaluated once for every event alive at it ({@link
 * EvaluateSlices}), the steps reduced per event window by the metrics' CombineFns ({@link
 * ReduceEvents}), and one row per event written as a table ({@link EventTableIO}). The same graph
 * runs in batch (files matched once) and streaming (collections watched for new files; a result per
 * event when the watermark passes its end, late panes within the allowed lateness).
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

  /**
   * Everything a run needs, resolved from the config and the run options.
   *
   * @param config the config
   * @param options the run options
   * @param catalog the events (good ones) and the catalog's per-event failures
   * @param eventSource how workers get the events' masks
   * @param collections the gridded collections the metrics read
   * @param statics the static fields
   * @param evaluator the metrics' per-timestep evaluation
   * @param windows each event's window
   * @param output the output directory
   * @param s3 how {@code s3://} locations are reached
   */
  public record Plan(
      TemporalConfig config,
      TemporalRunOptions options,
      EventCatalog catalog,
      EvaluateSlices.EventSource eventSource,
      List<GriddedCollection> collections,
      StaticData statics,
      SliceEvaluator evaluator,
      EventWindows windows,
      String output,
      S3Settings s3) {

    /** Metric names in config order. */
    public List<String> metricNames() {
      return config.metrics().stream().map(MetricSpec::name).toList();
    }

    /**
     * The times a collection is read over: the union of its events' reach ({@code [start,
     * reachEnd]}), so the gaps between events are not read.
     */
    TimeRanges timeRanges(String collection) {
      List<Instant[]> reach = new ArrayList<>();
      for (Event e : catalog.events()) {
        reach.add(
            new Instant[] {
              e.start(),
              Instant.ofEpochMilli(evaluator.reachEnd(collection, e.end().toEpochMilli()))
            });
      }
      return reach.isEmpty()
          ? TimeRanges.of(Instant.EPOCH, Instant.EPOCH)
          : TimeRanges.union(reach);
    }
  }

  /**
   * The collections of a built pipeline.
   *
   * @param steps every (timestep, event) step
   * @param rows one row per event and pane (catalog failures included)
   * @param failures timesteps and files that could not be read or evaluated
   */
  public record Outputs(
      PCollection<EventStep> steps, PCollection<EventRow> rows, PCollection<Failure> failures) {}

  /** Resolves config and options into a plan, loading the event catalog. */
  public static Plan plan(TemporalConfig config, TemporalRunOptions options) {
    S3Settings s3 = config.s3().overriddenBy(options.s3()).toSettings();
    if (options.events() == null) {
      throw new ConfigException("--events", "no event catalog given: pass --events FILE");
    }
    EventCatalog catalog;
    try {
      catalog = EventCatalog.load(options.events(), s3);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the event catalog " + options.events(), e);
    }
    return plan(config, options, catalog, EvaluateSlices.EventSource.load(options.events(), s3));
  }

  /** A plan over an event catalog already in memory (it travels with the pipeline). */
  public static Plan plan(TemporalConfig config, TemporalRunOptions options, EventCatalog catalog) {
    return plan(config, options, catalog, EvaluateSlices.EventSource.of(catalog));
  }

  private static Plan plan(
      TemporalConfig config,
      TemporalRunOptions options,
      EventCatalog catalog,
      EvaluateSlices.EventSource source) {
    S3Settings s3 = config.s3().overriddenBy(options.s3()).toSettings();
    String output = options.output() != null ? options.output() : config.output().location();
    if (output == null) {
      throw new ConfigException(
          "output.location", "no output directory given: set output.location or pass --output");
    }
    String fields = options.fields();
    List<GriddedCollection> collections = new ArrayList<>();
    for (CollectionSpec c : config.usedCollections()) {
      String pattern = options.collectionFiles().get(c.name());
      if (pattern == null) {
        if (fields == null) {
          throw new ConfigException(
              "--fields",
              "no fields location given: pass --fields DIR (collection "
                  + c.name()
                  + " is read from its `files` glob under it)");
        }
        pattern = Storage.join(fields, c.files() != null ? c.files() : c.name() + "/*");
      }
      collections.add(
          GriddedCollection.builder(c.name())
              .withPattern(pattern)
              .withVariables(config.variablesOf(c.name()).toArray(String[]::new))
              .withTimeShift(c.timeShift())
              .withLatitude(c.latName())
              .withLongitude(c.lonName())
              .withTime(c.timeName())
              .withLevel(c.levName())
              .build());
    }
    TemporalConfig.StaticDataConfig sd = config.staticData();
    StaticDataSpec spec = new StaticDataSpec(sd.regions(), sd.cellAreas(), sd.climatology());
    if (fields != null) {
      spec = spec.resolvedAgainst(Storage.join(fields, "static"));
    }
    StaticData statics;
    try {
      statics = StaticData.load(spec, s3, catalog.grid());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the static data: " + e.getMessage(), e);
    }
    SliceEvaluator evaluator = config.sliceEvaluator();
    List<EventWindow> windows = new ArrayList<>();
    for (Event e : catalog.events()) {
      windows.add(
          new EventWindow(
              e.id(), e.start().toEpochMilli(), evaluator.windowEnd(e.end().toEpochMilli())));
    }
    return new Plan(
        config,
        options,
        catalog,
        source,
        collections,
        statics,
        evaluator,
        EventWindows.of(windows),
        output,
        s3);
  }

  /**
   * Assembles the graph of a batch run (fields matched once). Each collection's timesteps are
   * evaluated right after they are read, so the large field slices stay within one fused stage (on
   * Flink, flattening them first put every slice through the network stack: serialised, compressed
   * and spilled); only the small event steps are flattened.
   */
  public static Outputs build(Pipeline pipeline, Plan plan) {
    List<PCollectionTuple> evaluated = new ArrayList<>();
    List<PCollection<Failure>> failures = new ArrayList<>();
    for (GriddedCollection c : plan.collections()) {
      GriddedFieldIO.Result read =
          pipeline.apply(
              "Read " + c.name(),
              GriddedFieldIO.read(c)
                  .withTimeRanges(plan.timeRanges(c.name()))
                  .withTimestepsPerSplit(plan.options().timestepsPerSplit())
                  .withS3(plan.s3()));
      evaluated.add(evaluate(read.slices(), "Evaluate " + c.name(), plan));
      failures.add(read.failures());
    }
    return reduceEvaluated(pipeline, plan, evaluated, failures);
  }

  /**
   * Assembles the reduction of field slices (from any source: files, a watcher, a test stream) to
   * event rows.
   */
  public static Outputs reduce(
      Pipeline pipeline,
      Plan plan,
      PCollection<FieldSlice> slices,
      List<PCollection<Failure>> readFailures) {
    return reduceEvaluated(
        pipeline, plan, List.of(evaluate(slices, "Evaluate", plan)), readFailures);
  }

  private static PCollectionTuple evaluate(PCollection<FieldSlice> slices, String name, Plan plan) {
    return slices.apply(
        name, EvaluateSlices.of(plan.evaluator(), plan.eventSource(), plan.statics()));
  }

  /** The reduction of evaluated timesteps (one tuple per group of collections) to event rows. */
  private static Outputs reduceEvaluated(
      Pipeline pipeline,
      Plan plan,
      List<PCollectionTuple> evaluated,
      List<PCollection<Failure>> readFailures) {
    PCollectionList<EventStep> evaluatedSteps = PCollectionList.empty(pipeline);
    List<PCollection<Failure>> all = new ArrayList<>(readFailures);
    for (PCollectionTuple t : evaluated) {
      evaluatedSteps = evaluatedSteps.and(t.get(EvaluateSlices.STEPS));
      all.add(t.get(EvaluateSlices.FAILURES));
    }
    PCollection<EventStep> stepsOnly =
        evaluated.size() == 1
            ? evaluated.get(0).get(EvaluateSlices.STEPS)
            : evaluatedSteps.apply("AllSteps", Flatten.pCollections());
    List<TimestampedValue<EventStep>> markers = new ArrayList<>();
    for (Event e : plan.catalog().events()) {
      markers.add(
          TimestampedValue.of(
              EventStep.marker(e.id(), e.start().toEpochMilli()),
              new org.joda.time.Instant(e.start().toEpochMilli())));
    }
    PCollection<EventStep> markerSteps =
        pipeline.apply(
            "EventMarkers", Create.timestamped(markers).withCoder(EventStep.EventStepCoder.of()));
    PCollection<EventStep> steps =
        PCollectionList.of(stepsOnly)
            .and(markerSteps)
            .apply("StepsAndMarkers", Flatten.pCollections());
    List<String> reducers =
        plan.config().metrics().stream().map(MetricSpec::temporalReducer).toList();
    PCollection<EventResult> results =
        steps.apply(
            "ReduceEvents",
            ReduceEvents.of(plan.windows(), reducers)
                .withAllowedLateness(
                    org.joda.time.Duration.millis(plan.options().allowedLateness().toMillis())));
    Map<String, long[]> maskTimes = new LinkedHashMap<>();
    for (Event e : plan.catalog().events()) {
      Instant[] times = e.mask().times();
      long[] t = new long[times.length + 2];
      t[0] = e.start().toEpochMilli();
      t[1] = e.end().toEpochMilli();
      for (int i = 0; i < times.length; i++) {
        t[i + 2] = times[i].toEpochMilli();
      }
      maskTimes.put(e.id(), t);
    }
    Map<String, Long> steps2 = new LinkedHashMap<>();
    for (CollectionSpec c : plan.config().usedCollections()) {
      steps2.put(c.name(), c.timeStep().toMillis());
    }
    EventCoverage coverage = new EventCoverage(steps2, plan.evaluator());
    // Rows carry their pane; from here on they live in the global window (the sink does not care
    // about windows, and catalog failures have none).
    PCollection<EventRow> rows =
        results
            .apply("Rows", ParDo.of(new ToRowsFn(coverage, maskTimes)))
            .setCoder(EventRow.coder())
            .apply(
                "RowsGlobal",
                Window.<EventRow>into(new GlobalWindows())
                    .triggering(DefaultTrigger.of())
                    .withAllowedLateness(org.joda.time.Duration.ZERO)
                    .discardingFiredPanes());
    List<EventRow> failedRows = new ArrayList<>();
    int metricCount = plan.config().metrics().size();
    for (Failure f : plan.catalog().failures()) {
      failedRows.add(EventRow.failed(f.subject(), f.reason(), metricCount));
    }
    PCollection<EventRow> allRows = rows;
    if (!failedRows.isEmpty()) {
      allRows =
          PCollectionList.of(rows)
              .and(
                  pipeline.apply(
                      "CatalogFailures", Create.of(failedRows).withCoder(EventRow.coder())))
              .apply("AllRows", Flatten.pCollections());
    }
    PCollection<Failure> failures =
        PCollectionList.of(all).apply("AllFailures", Flatten.pCollections());
    return new Outputs(stepsOnly, allRows, failures);
  }

  /**
   * Assembles the graph of a streaming run: each collection's files watched, timesteps reduced into
   * event windows as they arrive.
   */
  public static Outputs buildStreaming(Pipeline pipeline, Plan plan) {
    TemporalRunOptions o = plan.options();
    org.joda.time.Duration poll = org.joda.time.Duration.millis(o.watch().toMillis());
    org.joda.time.Duration idle =
        o.stopAfterIdle() == null
            ? null
            : org.joda.time.Duration.millis(o.stopAfterIdle().toMillis());
    List<PCollectionTuple> evaluated = new ArrayList<>();
    List<PCollection<Failure>> failures = new ArrayList<>();
    for (GriddedCollection c : plan.collections()) {
      GriddedFieldIO.Result read =
          pipeline
              .apply("Watch " + c.name(), WatchGriddedFiles.of(c, poll, idle, plan.s3()))
              .apply(
                  "Read " + c.name(),
                  GriddedFieldIO.readFiles(c)
                      .withTimeRanges(plan.timeRanges(c.name()))
                      .withTimestepsPerSplit(o.timestepsPerSplit())
                      .withS3(plan.s3()));
      evaluated.add(evaluate(read.slices(), "Evaluate " + c.name(), plan));
      failures.add(read.failures());
    }
    return reduceEvaluated(pipeline, plan, evaluated, failures);
  }

  /** Plans, runs and summarises a temporal pipeline (batch, or streaming with a watch). */
  public static TemporalSummary run(TemporalConfig config, TemporalRunOptions options) {
    long t0 = System.nanoTime();
    Plan plan = plan(config, options);
    // Field slices are megabytes: the Direct runner's copying checks are off for runs (tests
    // keep them), and Flink gets the options that keep slices inside one operator chain.
    List<String> args = options.pipelineArgs();
    if (Runners.isDirect(args)) {
      args = Runners.withDefaults(args, Runners.DIRECT_RUN_DEFAULTS);
    } else if (Runners.isFlink(args)) {
      args = Runners.withDefaults(args, Runners.FLINK_RUN_DEFAULTS);
      args = Runners.withDefaults(args, FLINK_DEFAULTS);
    }
    PipelineOptions beamOptions = Runners.options(args);
    if (options.streaming()) {
      beamOptions.as(StreamingOptions.class).setStreaming(true);
    }
    Pipeline pipeline = Pipeline.create(beamOptions);
    Outputs outputs = options.streaming() ? buildStreaming(pipeline, plan) : build(pipeline, plan);
    List<String> order = plan.catalog().events().stream().map(Event::id).toList();
    List<String> allIds = new ArrayList<>(order);
    plan.catalog().failures().forEach(f -> allIds.add(f.subject()));
    ResultFiles results = ResultFiles.create(beamOptions);
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
    results.write(table, "files", WrittenFile.class, TemporalPipeline::fileKey);
    results.write(failureFiles, "files", WrittenFile.class, TemporalPipeline::fileKey);
    results.write(outputs.failures(), "failures", Failure.class, null);
    PCollection<PaneStatus> panes =
        outputs
            .rows()
            .apply(
                "PaneStatuses",
                MapElements.into(TypeDescriptor.of(PaneStatus.class)).via(PaneStatus::of))
            .setCoder(PaneStatus.coder());
    results.write(panes, "panes", PaneStatus.class, PaneStatus::key);
    PipelineResult result = pipeline.run();
    PipelineResult.State state = result.waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("pipeline ended in state " + state);
    }
    List<WrittenFile> written = results.read("files", WrittenFile.class);
    List<Failure> failures = new ArrayList<>(results.read("failures", Failure.class));
    List<PaneStatus> paneStatuses = results.read("panes", PaneStatus.class);
    results.delete();
    Map<String, Long> counters = RunMetrics.countersUnder(result, "gridded/");
    Map<String, Long> all = new java.util.TreeMap<>(counters);
    all.putAll(RunMetrics.countersUnder(result, "temporal"));
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
        locations(written),
        (System.nanoTime() - t0) / 1e9,
        all);
  }

  /** The name of a written file's result: its kind and name (unique within a kind). */
  private static String fileKey(WrittenFile f) {
    return f.kind() + "-" + Storage.name(f.location());
  }

  /** The files written: the table's first (in the order they are written), failures last. */
  private static List<String> locations(List<WrittenFile> written) {
    List<String> kinds =
        List.of(
            WrittenFile.TABLE,
            WrittenFile.NETCDF,
            WrittenFile.ZARR,
            WrittenFile.PANE,
            WrittenFile.FAILURES);
    return written.stream()
        .sorted(
            Comparator.comparingInt((WrittenFile f) -> kinds.indexOf(f.kind()))
                .thenComparing(WrittenFile::location))
        .map(WrittenFile::location)
        .toList();
  }

  private static long sum(Map<String, Long> counters, String name) {
    return counters.entrySet().stream()
        .filter(e -> e.getKey().endsWith("/" + name))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** The table row of each event result, with its pane. */
  static final class ToRowsFn extends DoFn<EventResult, EventRow> {
    private final EventCoverage coverage;
    private final Map<String, long[]> spans;

    ToRowsFn(EventCoverage coverage, Map<String, long[]> spans) {
      this.coverage = coverage;
      this.spans = spans;
    }

    @ProcessElement
    public void process(
        @Element EventResult r, BoundedWindow window, PaneInfo pane, OutputReceiver<EventRow> out) {
      long[] span = spans.get(r.eventId());
      long[] maskTimes = java.util.Arrays.copyOfRange(span, 2, span.length);
      // Runners that do not track panes in batch (Flink) say UNKNOWN: that is the run's one result.
      String timing =
          pane.getTiming() == PaneInfo.Timing.UNKNOWN ? "ON_TIME" : pane.getTiming().name();
      out.output(coverage.row(r, span[0], span[1], maskTimes, timing, pane.getIndex()));
    }
  }
}
