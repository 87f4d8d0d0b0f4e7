package org.magg.pipelines.event;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.magg.core.Failure;
import org.magg.io.gridded.FieldSlice;
import org.magg.io.gridded.GriddedCollection;
import org.magg.io.gridded.GriddedFieldIO;
import org.magg.io.gridded.SliceFn;
import org.magg.io.gridded.WatchGriddedFiles;
import org.magg.io.temporal.EventRow;
import org.magg.transforms.event.DetectObjects;
import org.magg.transforms.event.StepObjects;
import org.magg.transforms.event.TrackEvents;
import org.magg.transforms.event.TrackedEvent;

/**
 * The graph of the event pipeline: the detection collection read timestep by timestep ({@link
 * GriddedFieldIO}, or watched for new files in streaming), each timestep's objects detected in
 * parallel inside the reading step ({@link DetectObjects#asSliceFn()}; slices from another source
 * by {@link DetectObjects}), linked in time into events ({@link TrackEvents}: one sort in batch,
 * watermark-driven state in streaming), and with an aggregation the temporal metrics reduced over
 * the detected events in the same pipeline ({@link EventMetrics}). The sinks are applied by {@link
 * EventPipeline#run}; tests check the returned {@link Outputs}.
 */
public final class EventGraph {
  private EventGraph() {}

  /**
   * The collections of a built pipeline.
   *
   * @param steps the objects of every timestep detected
   * @param events the events kept
   * @param detectionFailures timesteps that could not be evaluated (each one a timestep read)
   * @param failures every failure: files and timesteps that could not be read or evaluated,
   *     timesteps given twice or too late, metric timesteps that failed
   * @param metricRows with an aggregation, one row per event; else null
   */
  public record Outputs(
      PCollection<StepObjects> steps,
      PCollection<TrackedEvent> events,
      PCollection<Failure> detectionFailures,
      PCollection<Failure> failures,
      PCollection<EventRow> metricRows) {}

  /** Assembles the graph of a batch run (files matched once), each split read on its own. */
  public static Outputs build(Pipeline pipeline, EventPlan plan) {
    return build(pipeline, plan, null);
  }

  /**
   * Assembles the graph of a batch run (files matched once): the objects of each timestep are
   * detected inside the reading step ({@link GriddedFieldIO.Read#thenApply}), so that the field
   * slices are neither held nor passed between steps (the Direct runner, which has no backpressure,
   * would hold every slice of a long series before detecting any).
   *
   * @param readGroups null to spread the splits evenly over the workers; else read them as this
   *     many groups ({@link GriddedFieldIO.Read#withReadGroups}): on the Direct runner its worker
   *     threads, so that the grouping of every timestep for tracking is not copied per file
   */
  public static Outputs build(Pipeline pipeline, EventPlan plan, Integer readGroups) {
    GriddedCollection c = plan.collection();
    GriddedFieldIO.Read read =
        GriddedFieldIO.read(c)
            .withTimestepsPerSplit(plan.options().timestepsPerSplit())
            .withS3(plan.s3());
    if (readGroups != null) {
      read = read.withReadGroups(readGroups);
    }
    GriddedFieldIO.Applied<StepObjects> detected =
        pipeline.apply("Read " + c.name(), read.thenApply(detection(plan), StepObjects.coder()));
    return trackDetected(pipeline, plan, detected, List.of());
  }

  /**
   * Assembles the graph of a streaming run: the detection collection's files watched, and each
   * timestep detected as it is read.
   */
  public static Outputs buildStreaming(Pipeline pipeline, EventPlan plan) {
    EventRunOptions o = plan.options();
    org.joda.time.Duration poll = org.joda.time.Duration.millis(o.watch().toMillis());
    org.joda.time.Duration idle =
        o.stopAfterIdle() == null
            ? null
            : org.joda.time.Duration.millis(o.stopAfterIdle().toMillis());
    GriddedCollection c = plan.collection();
    GriddedFieldIO.Applied<StepObjects> detected =
        pipeline
            .apply("Watch " + c.name(), WatchGriddedFiles.of(c, poll, idle, plan.s3()))
            .apply(
                "Read " + c.name(),
                GriddedFieldIO.readFiles(c)
                    .withTimestepsPerSplit(o.timestepsPerSplit())
                    .withS3(plan.s3())
                    .thenApply(detection(plan), StepObjects.coder()));
    List<PCollection<String>> arrivals = new ArrayList<>();
    if (plan.config().aggregation() != null) {
      for (GriddedCollection m : plan.metricCollections()) {
        if (!m.patterns().equals(c.patterns())) {
          arrivals.add(
              pipeline.apply(
                  "Watch metrics " + m.name(), WatchGriddedFiles.of(m, poll, idle, plan.s3())));
        }
      }
    }
    return trackDetected(pipeline, plan, detected, arrivals);
  }

  /** The detection of the plan: its grid, rules, predicate and landfall region. */
  private static DetectObjects detect(EventPlan plan) {
    return DetectObjects.of(plan.grid(), plan.config().detection().rules(), plan.mask())
        .withLandfall(plan.landfall());
  }

  private static SliceFn<StepObjects> detection(EventPlan plan) {
    return detect(plan).asSliceFn();
  }

  /**
   * Tracking of what a reading step detected: its failures hold the files and splits that could not
   * be read (stage {@code field}) and the timesteps that could not be evaluated (stage {@value
   * #TIMESTEP_STAGE}, the detection failures).
   */
  private static Outputs trackDetected(
      Pipeline pipeline,
      EventPlan plan,
      GriddedFieldIO.Applied<StepObjects> detected,
      List<PCollection<String>> metricArrivals) {
    PCollection<Failure> detectionFailures =
        detected
            .failures()
            .apply("DetectionFailures", Filter.by((Failure f) -> TIMESTEP_STAGE.equals(f.stage())));
    return track(
        pipeline,
        plan,
        detected.outputs(),
        detectionFailures,
        List.of(detected.failures()),
        metricArrivals);
  }

  /** The stage of the failure of a timestep that could not be evaluated ({@link SliceFn}). */
  static final String TIMESTEP_STAGE = "timestep";

  /**
   * Detection and tracking of field slices from any source (files, a watcher, a test stream); the
   * metrics of an aggregation read their collections' files, in batch as a side input of the whole
   * evaluation, on an unbounded input event by event ({@link EventMetrics#overStreaming}).
   */
  public static Outputs detectAndTrack(
      Pipeline pipeline,
      EventPlan plan,
      PCollection<FieldSlice> slices,
      List<PCollection<Failure>> readFailures) {
    return detectAndTrack(pipeline, plan, slices, readFailures, List.of());
  }

  /**
   * As {@link #detectAndTrack(Pipeline, EventPlan, PCollection, List)}, with the paths of the
   * metrics collections' files as their watchers find them (streaming): they hold the watermark
   * until the files an event's metrics read have arrived.
   */
  static Outputs detectAndTrack(
      Pipeline pipeline,
      EventPlan plan,
      PCollection<FieldSlice> slices,
      List<PCollection<Failure>> readFailures,
      List<PCollection<String>> metricArrivals) {
    PCollectionTuple detected = slices.apply("DetectObjects", detect(plan));
    List<PCollection<Failure>> failures = new ArrayList<>(readFailures);
    failures.add(detected.get(DetectObjects.FAILURES));
    return track(
        pipeline,
        plan,
        detected.get(DetectObjects.OBJECTS),
        detected.get(DetectObjects.FAILURES),
        failures,
        metricArrivals);
  }

  /**
   * Links the objects of every timestep into events and, with an aggregation, measures them.
   *
   * @param detectionFailures the timesteps that could not be evaluated
   * @param earlier every failure before tracking (reads and detection)
   */
  private static Outputs track(
      Pipeline pipeline,
      EventPlan plan,
      PCollection<StepObjects> steps,
      PCollection<Failure> detectionFailures,
      List<PCollection<Failure>> earlier,
      List<PCollection<String>> metricArrivals) {
    PCollectionTuple tracked =
        steps.apply("TrackEvents", TrackEvents.of(plan.grid(), plan.config().tracking()));
    PCollection<TrackedEvent> events = tracked.get(TrackEvents.EVENTS);
    List<PCollection<Failure>> all = new ArrayList<>(earlier);
    all.add(tracked.get(TrackEvents.FAILURES));
    PCollection<EventRow> rows = null;
    if (plan.config().aggregation() != null) {
      EventMetrics.Result metrics =
          steps.isBounded() == PCollection.IsBounded.BOUNDED
              ? EventMetrics.over(pipeline, plan, events)
              : EventMetrics.overStreaming(plan, events, metricArrivals);
      rows = metrics.rows();
      all.addAll(metrics.failures());
    }
    PCollection<Failure> failures =
        PCollectionList.of(all).apply("AllFailures", Flatten.pCollections());
    return new Outputs(steps, events, detectionFailures, failures, rows);
  }
}
