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
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTagList;
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
 * of its event table (status, metrics, timesteps, reason), one per detected event. In batch the
 * evaluation waits for every event; a streaming run measures each event once its window closed
 * ({@link #overStreaming}).
 */
final class EventMetrics {
  /** The name prefix of the batch reads of the metrics collections. */
  static final String READ_METRICS = "Read metrics ";

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
              READ_METRICS + c.name(),
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
    PCollection<EventRow> rows =
        results
            .apply(
                "Rows", ParDo.of(new RowsFn(coverage(agg, evaluator), view)).withSideInputs(view))
            .setCoder(EventRow.coder());
    return new Result(rows, failures);
  }

  /**
   * The metrics of a streaming run: each event is measured once the watermark passes the end of its
   * metrics window ({@link MeasureEventsFn}), reading the timesteps of its window from the metrics
   * collections' files. {@code arrivals} are the paths of the metrics collections' files as their
   * watchers find them: they carry no data here, but hold the watermark until the files an event
   * needs have arrived.
   */
  static Result overStreaming(
      EventPlan plan, PCollection<TrackedEvent> tracked, List<PCollection<String>> arrivals) {
    TemporalConfig agg = plan.config().aggregation();
    SliceEvaluator evaluator = agg.sliceEvaluator();
    KvCoder<String, Event> coder = KvCoder.of(StringUtf8Coder.of(), Event.coder());
    PCollectionList<KV<String, Event>> keyed =
        PCollectionList.of(
            tracked
                .apply(
                    "EventsById",
                    MapElements.into(
                            TypeDescriptors.kvs(
                                TypeDescriptors.strings(), TypeDescriptor.of(Event.class)))
                        .via((TrackedEvent e) -> KV.of(e.id(), e.toCatalogEvent())))
                .setCoder(coder));
    for (int i = 0; i < arrivals.size(); i++) {
      keyed =
          keyed.and(
              arrivals.get(i).apply("Arrivals " + i, ParDo.of(new NoEventsFn())).setCoder(coder));
    }
    List<MetricFields> collections = new ArrayList<>();
    for (GriddedCollection c : plan.metricCollections()) {
      collections.add(new MetricFields(c, plan.options().timestepsPerSplit(), plan.s3()));
    }
    List<String> reducers = agg.metrics().stream().map(MetricSpec::temporalReducer).toList();
    PCollectionTuple measured =
        (keyed.size() == 1
                ? keyed.get(0)
                : keyed.apply("EventsAndArrivals", Flatten.pCollections()))
            .apply(
                "MeasureEvents",
                ParDo.of(
                        new MeasureEventsFn(
                            evaluator,
                            coverage(agg, evaluator),
                            reducers,
                            collections,
                            plan.statics()))
                    .withOutputTags(
                        MeasureEventsFn.ROWS, TupleTagList.of(MeasureEventsFn.FAILURES)));
    PCollection<Failure> failures =
        measured
            .get(MeasureEventsFn.FAILURES)
            .setCoder(Failure.coder())
            // two events reading a file that fails report it twice: once it is, at the end
            .apply("MetricFailuresAtEnd", EventProducts.<Failure>atEnd())
            .apply("MetricFailuresOnce", Distinct.create())
            .apply(
                "MetricFailuresGlobal",
                Window.<Failure>into(new GlobalWindows())
                    .triggering(DefaultTrigger.of())
                    .withAllowedLateness(org.joda.time.Duration.ZERO)
                    .discardingFiredPanes());
    return new Result(
        measured.get(MeasureEventsFn.ROWS).setCoder(EventRow.coder()), List.of(failures));
  }

  /** Outputs nothing: a watcher's paths only hold the watermark of what they are flattened with. */
  static final class NoEventsFn extends DoFn<String, KV<String, Event>> {
    @ProcessElement
    public void process(@Element String path) {}
  }

  /** Which timesteps each event needs, per collection its metrics read. */
  private static EventCoverage coverage(TemporalConfig agg, SliceEvaluator evaluator) {
    Map<String, Long> stepMillis = new LinkedHashMap<>();
    for (CollectionSpec c : agg.usedCollections()) {
      stepMillis.put(c.name(), c.timeStep().toMillis());
    }
    return new EventCoverage(stepMillis, evaluator);
  }

  /** The table row of an event's result: its span and mask times taken from the event. */
  static EventRow row(EventCoverage coverage, EventResult r, Event e) {
    Instant[] times = e.mask().times();
    long[] maskTimes = new long[times.length];
    for (int i = 0; i < times.length; i++) {
      maskTimes[i] = times[i].toEpochMilli();
    }
    return coverage.row(
        r, e.start().toEpochMilli(), e.end().toEpochMilli(), maskTimes, "ON_TIME", 0);
  }

  /** The table row of each event's result, its span and mask times taken from the events. */
  static final class RowsFn extends DoFn<EventResult, EventRow> {
    private final EventCoverage coverage;
    private final PCollectionView<List<Event>> view;
    private transient Map<String, Event> byId;

    RowsFn(EventCoverage coverage, PCollectionView<List<Event>> view) {
      this.coverage = coverage;
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      if (byId == null) {
        Map<String, Event> m = new HashMap<>();
        for (Event e : context.sideInput(view)) {
          m.put(e.id(), e);
        }
        byId = m;
      }
      EventResult r = context.element();
      context.output(row(coverage, r, byId.get(r.eventId())));
    }
  }
}
