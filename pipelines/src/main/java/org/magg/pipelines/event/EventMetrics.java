package org.magg.pipelines.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.magg.core.Failure;
import org.magg.io.gridded.GriddedCollection;
import org.magg.io.gridded.GriddedFieldIO;
import org.magg.io.temporal.Event;
import org.magg.io.temporal.EventRow;
import org.magg.pipelines.config.TemporalConfig;
import org.magg.pipelines.config.TemporalConfig.CollectionSpec;
import org.magg.transforms.event.TrackedEvent;
import org.magg.transforms.temporal.EvaluateSlices;
import org.magg.transforms.temporal.EventCoverage;
import org.magg.transforms.temporal.EventMetricsFn;
import org.magg.transforms.temporal.EventResult;
import org.magg.transforms.temporal.EventStep;
import org.magg.transforms.temporal.MetricSpec;
import org.magg.transforms.temporal.SliceEvaluator;

/**
 * The temporal metrics of an event config's {@code aggregation}, over the events detected in the
 * same pipeline: the detected events, as event-catalog events, are a side input to the temporal
 * pipeline's per-timestep evaluation ({@link EvaluateSlices}) of the metrics' collections; the
 * steps are reduced per event by the temporal pipeline's {@link EventMetricsFn} and become the rows
 * of its event table (status, metrics, timesteps, reason), one per detected event. Batch only: the
 * evaluation waits for every event.
 */
final class EventMetrics {
  private EventMetrics() {}

  /**
   * @param rows one row per detected event
   * @param failures metric timesteps and files that could not be read or evaluated
   */
  record Result(PCollection<EventRow> rows, List<PCollection<Failure>> failures) {}

  static Result over(Pipeline pipeline, EventPlan plan, PCollection<TrackedEvent> tracked) {
    TemporalConfig agg = plan.config().aggregation();
    SliceEvaluator evaluator = agg.sliceEvaluator();
    PCollection<Event> events =
        tracked
            .apply(
                "AsCatalogEvents",
                MapElements.into(TypeDescriptor.of(Event.class)).via(TrackedEvent::toCatalogEvent))
            .setCoder(Event.coder());
    PCollectionView<List<Event>> view = events.apply("AllEvents", View.asList());
    PCollectionList<EventStep> steps = PCollectionList.empty(pipeline);
    List<PCollection<Failure>> failures = new ArrayList<>();
    for (GriddedCollection c : plan.metricCollections()) {
      GriddedFieldIO.Result read =
          pipeline.apply(
              "Read metrics " + c.name(),
              GriddedFieldIO.read(c)
                  .withTimestepsPerSplit(plan.options().timestepsPerSplit())
                  .withS3(plan.s3()));
      PCollectionTuple evaluated =
          read.slices()
              .apply(
                  "Evaluate metrics " + c.name(),
                  EvaluateSlices.of(evaluator, view, plan.statics()));
      steps = steps.and(evaluated.get(EvaluateSlices.STEPS));
      failures.add(read.failures());
      failures.add(evaluated.get(EvaluateSlices.FAILURES));
    }
    PCollection<EventStep> markers =
        events
            .apply(
                "EventMarkers",
                MapElements.into(TypeDescriptor.of(EventStep.class))
                    .via((Event e) -> EventStep.marker(e.id(), e.start().toEpochMilli())))
            .setCoder(EventStep.EventStepCoder.of());
    List<String> reducers = agg.metrics().stream().map(MetricSpec::temporalReducer).toList();
    PCollection<EventResult> results =
        steps
            .and(markers)
            .apply("StepsAndMarkers", Flatten.pCollections())
            .apply(
                "ByEvent", WithKeys.of(EventStep::eventId).withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), EventStep.EventStepCoder.of()))
            .apply("Reduce", Combine.perKey(new EventMetricsFn(reducers)))
            .apply("Results", Values.create());
    Map<String, Long> stepMillis = new LinkedHashMap<>();
    for (CollectionSpec c : agg.usedCollections()) {
      stepMillis.put(c.name(), c.timeStep().toMillis());
    }
    PCollection<EventRow> rows =
        results
            .apply(
                "Rows",
                ParDo.of(new RowsFn(new EventCoverage(stepMillis, evaluator), view))
                    .withSideInputs(view))
            .setCoder(EventRow.coder());
    return new Result(rows, failures);
  }

  /** The table row of each event's result, its span and mask times taken from the events. */
  static final class RowsFn extends DoFn<EventResult, EventRow> {
    private final EventCoverage coverage;
    private final PCollectionView<List<Event>> view;
    private transient Map<String, long[]> spans;

    RowsFn(EventCoverage coverage, PCollectionView<List<Event>> view) {
      this.coverage = coverage;
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      if (spans == null) {
        Map<String, long[]> m = new HashMap<>();
        for (Event e : context.sideInput(view)) {
          Instant[] times = e.mask().times();
          long[] t = new long[times.length + 2];
          t[0] = e.start().toEpochMilli();
          t[1] = e.end().toEpochMilli();
          for (int i = 0; i < times.length; i++) {
            t[i + 2] = times[i].toEpochMilli();
          }
          m.put(e.id(), t);
        }
        spans = m;
      }
      EventResult r = context.element();
      long[] span = spans.get(r.eventId());
      long[] maskTimes = java.util.Arrays.copyOfRange(span, 2, span.length);
      context.output(coverage.row(r, span[0], span[1], maskTimes, "ON_TIME", 0));
    }
  }
}
