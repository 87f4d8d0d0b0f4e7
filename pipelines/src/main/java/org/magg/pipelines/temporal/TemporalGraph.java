package org.magg.pipelines.temporal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.magg.core.Failure;
import org.magg.io.gridded.FieldSlice;
import org.magg.io.gridded.GriddedCollection;
import org.magg.io.gridded.GriddedFieldIO;
import org.magg.io.gridded.SliceFn;
import org.magg.io.gridded.WatchGriddedFiles;
import org.magg.io.temporal.Event;
import org.magg.io.temporal.EventRow;
import org.magg.pipelines.config.TemporalConfig.CollectionSpec;
import org.magg.transforms.temporal.EvaluateSlices;
import org.magg.transforms.temporal.EventCoverage;
import org.magg.transforms.temporal.EventResult;
import org.magg.transforms.temporal.EventStep;
import org.magg.transforms.temporal.MetricSpec;
import org.magg.transforms.temporal.ReduceEvents;

/**
 * The graph of the temporal pipeline: gridded collections read timestep by timestep ({@link
 * GriddedFieldIO}), each timestep evaluated once for every event alive at it ({@link
 * EvaluateSlices}), the steps reduced per event window by the metrics' CombineFns ({@link
 * ReduceEvents}), and one row per event and pane ({@link ToRowsFn}). The same graph runs in batch
 * ({@link #build}: files matched once) and streaming ({@link #buildStreaming}: collections watched
 * for new files; a result per event when the watermark passes its end, late panes within the
 * allowed lateness); {@link #reduce} takes slices from any source. The sinks are applied by {@link
 * TemporalPipeline#run}, tests check the returned {@link Outputs}.
 */
public final class TemporalGraph {
  private TemporalGraph() {}

  /**
   * The collections of a built pipeline.
   *
   * @param steps every (timestep, event) step
   * @param rows one row per event and pane (catalog failures included)
   * @param failures timesteps and files that could not be read or evaluated
   */
  public record Outputs(
      PCollection<EventStep> steps, PCollection<EventRow> rows, PCollection<Failure> failures) {}

  /**
   * Assembles the graph of a batch run (fields matched once). Each collection's timesteps are
   * evaluated inside the reading step ({@link EvaluateSlices#asSliceFn}), so the large field slices
   * are neither held nor passed between steps (the Direct runner, which has no backpressure, would
   * otherwise hold every slice read; on Flink, flattening them put every slice through the network
   * stack): only the small event steps leave it.
   */
  public static Outputs build(Pipeline pipeline, TemporalPlan plan) {
    List<PCollection<EventStep>> evaluated = new ArrayList<>();
    List<PCollection<Failure>> failures = new ArrayList<>();
    for (GriddedCollection c : plan.collections()) {
      GriddedFieldIO.Applied<List<EventStep>> read =
          pipeline.apply(
              "Read " + c.name(),
              GriddedFieldIO.read(c)
                  .withTimeRanges(plan.timeRanges(c.name()))
                  .withTimestepsPerSplit(plan.options().timestepsPerSplit())
                  .withS3(plan.s3())
                  .thenApply(evaluation(plan), EvaluateSlices.stepsCoder()));
      evaluated.add(steps(read, c));
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
      TemporalPlan plan,
      PCollection<FieldSlice> slices,
      List<PCollection<Failure>> readFailures) {
    PCollectionTuple t =
        slices.apply(
            "Evaluate", EvaluateSlices.of(plan.evaluator(), plan.eventSource(), plan.statics()));
    List<PCollection<Failure>> failures = new ArrayList<>(readFailures);
    failures.add(t.get(EvaluateSlices.FAILURES));
    return reduceEvaluated(pipeline, plan, List.of(t.get(EvaluateSlices.STEPS)), failures);
  }

  private static SliceFn<List<EventStep>> evaluation(TemporalPlan plan) {
    return EvaluateSlices.asSliceFn(plan.evaluator(), plan.eventSource(), plan.statics());
  }

  /** The steps of a collection's evaluated timesteps, one element each. */
  private static PCollection<EventStep> steps(
      GriddedFieldIO.Applied<List<EventStep>> read, GriddedCollection c) {
    return read.outputs()
        .apply("Steps of " + c.name(), Flatten.iterables())
        .setCoder(EventStep.EventStepCoder.of());
  }

  /** The reduction of evaluated timesteps (one tuple per group of collections) to event rows. */
  private static Outputs reduceEvaluated(
      Pipeline pipeline,
      TemporalPlan plan,
      List<PCollection<EventStep>> evaluated,
      List<PCollection<Failure>> all) {
    PCollection<EventStep> stepsOnly =
        evaluated.size() == 1
            ? evaluated.get(0)
            : PCollectionList.of(evaluated).apply("AllSteps", Flatten.pCollections());
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
  public static Outputs buildStreaming(Pipeline pipeline, TemporalPlan plan) {
    TemporalRunOptions o = plan.options();
    org.joda.time.Duration poll = org.joda.time.Duration.millis(o.watch().toMillis());
    org.joda.time.Duration idle =
        o.stopAfterIdle() == null
            ? null
            : org.joda.time.Duration.millis(o.stopAfterIdle().toMillis());
    List<PCollection<EventStep>> evaluated = new ArrayList<>();
    List<PCollection<Failure>> failures = new ArrayList<>();
    for (GriddedCollection c : plan.collections()) {
      GriddedFieldIO.Applied<List<EventStep>> read =
          pipeline
              .apply("Watch " + c.name(), WatchGriddedFiles.of(c, poll, idle, plan.s3()))
              .apply(
                  "Read " + c.name(),
                  GriddedFieldIO.readFiles(c)
                      .withTimeRanges(plan.timeRanges(c.name()))
                      .withTimestepsPerSplit(o.timestepsPerSplit())
                      .withS3(plan.s3())
                      .thenApply(evaluation(plan), EvaluateSlices.stepsCoder()));
      evaluated.add(steps(read, c));
      failures.add(read.failures());
    }
    return reduceEvaluated(pipeline, plan, evaluated, failures);
  }
}
