package org.magg.pipelines.event;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.magg.core.Failure;
import org.magg.io.gridded.FieldSlice;
import org.magg.io.gridded.GriddedCollection;
import org.magg.io.gridded.GriddedFieldIO;
import org.magg.io.gridded.WatchGriddedFiles;
import org.magg.io.temporal.EventRow;
import org.magg.transforms.event.DetectObjects;
import org.magg.transforms.event.StepObjects;
import org.magg.transforms.event.TrackEvents;
import org.magg.transforms.event.TrackedEvent;

/**
 * The graph of the event pipeline: the detection collection read timestep by timestep ({@link
 * GriddedFieldIO}, or watched for new files in streaming), each timestep's objects detected in
 * parallel ({@link DetectObjects}), linked in time into events ({@link TrackEvents}: one sort in
 * batch, watermark-driven state in streaming), and with an aggregation the temporal metrics reduced
 * over the detected events in the same pipeline ({@link EventMetrics}). The sinks are applied by
 * {@link EventPipeline#run}; tests check the returned {@link Outputs}.
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

  /** Assembles the graph of a batch run (files matched once). */
  public static Outputs build(Pipeline pipeline, EventPlan plan) {
    GriddedCollection c = plan.collection();
    GriddedFieldIO.Result read =
        pipeline.apply(
            "Read " + c.name(),
            GriddedFieldIO.read(c)
                .withTimestepsPerSplit(plan.options().timestepsPerSplit())
                .withS3(plan.s3()));
    return detectAndTrack(pipeline, plan, read.slices(), List.of(read.failures()));
  }

  /** Assembles the graph of a streaming run: the detection collection's files watched. */
  public static Outputs buildStreaming(Pipeline pipeline, EventPlan plan) {
    EventRunOptions o = plan.options();
    org.joda.time.Duration poll = org.joda.time.Duration.millis(o.watch().toMillis());
    org.joda.time.Duration idle =
        o.stopAfterIdle() == null
            ? null
            : org.joda.time.Duration.millis(o.stopAfterIdle().toMillis());
    GriddedCollection c = plan.collection();
    GriddedFieldIO.Result read =
        pipeline
            .apply("Watch " + c.name(), WatchGriddedFiles.of(c, poll, idle, plan.s3()))
            .apply(
                "Read " + c.name(),
                GriddedFieldIO.readFiles(c)
                    .withTimestepsPerSplit(o.timestepsPerSplit())
                    .withS3(plan.s3()));
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
    return detectAndTrack(pipeline, plan, read.slices(), List.of(read.failures()), arrivals);
  }

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
    PCollectionTuple detected =
        slices.apply(
            "DetectObjects",
            DetectObjects.of(plan.grid(), plan.config().detection().rules(), plan.mask())
                .withLandfall(plan.landfall()));
    PCollection<StepObjects> steps = detected.get(DetectObjects.OBJECTS);
    PCollectionTuple tracked =
        steps.apply("TrackEvents", TrackEvents.of(plan.grid(), plan.config().tracking()));
    PCollection<TrackedEvent> events = tracked.get(TrackEvents.EVENTS);
    List<PCollection<Failure>> all = new ArrayList<>(readFailures);
    all.add(tracked.get(TrackEvents.FAILURES));
    PCollection<EventRow> rows = null;
    if (plan.config().aggregation() != null) {
      EventMetrics.Result metrics =
          slices.isBounded() == PCollection.IsBounded.BOUNDED
              ? EventMetrics.over(pipeline, plan, events)
              : EventMetrics.overStreaming(plan, events, metricArrivals);
      rows = metrics.rows();
      all.addAll(metrics.failures());
    }
    PCollection<Failure> detectionFailures = detected.get(DetectObjects.FAILURES);
    all.add(detectionFailures);
    PCollection<Failure> failures =
        PCollectionList.of(all).apply("AllFailures", Flatten.pCollections());
    return new Outputs(steps, events, detectionFailures, failures, rows);
  }
}
