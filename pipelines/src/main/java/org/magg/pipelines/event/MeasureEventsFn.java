package org.magg.pipelines.event;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.magg.core.Failure;
import org.magg.io.gridded.FieldSlice;
import org.magg.io.temporal.Event;
import org.magg.io.temporal.EventRow;
import org.magg.io.temporal.StaticData;
import org.magg.transforms.temporal.EvaluateSlices;
import org.magg.transforms.temporal.EventCoverage;
import org.magg.transforms.temporal.EventFootprint;
import org.magg.transforms.temporal.EventMetricsFn;
import org.magg.transforms.temporal.EventStep;
import org.magg.transforms.temporal.SliceEvaluator;
import org.magg.transforms.temporal.StaticFields;

/**
 * The metrics of each detected event in a streaming run, keyed by event id: the event waits in
 * state until the watermark passes the end of its metrics window ({@link SliceEvaluator#reachEnd}:
 * its last mask time, or the end of its last precipitation block), when every file it needs has
 * arrived; then the timesteps of each metrics collection inside its window are read ({@link
 * MetricFields}), evaluated for it alone by the batch evaluation ({@link
 * SliceEvaluator.Prepared#evaluate}), reduced by the same {@link EventMetricsFn}, and its row made
 * by the same {@link EventCoverage}. State holds only the events waiting for their window to close.
 */
final class MeasureEventsFn extends DoFn<KV<String, Event>, EventRow> {
  static final TupleTag<EventRow> ROWS = new TupleTag<>() {};
  static final TupleTag<Failure> FAILURES = new TupleTag<>() {};

  /** Counters (namespace {@code events}): metric timesteps and bytes read for the events. */
  static final String TIMESTEPS_READ = "metric_timesteps_read";

  static final String BYTES_READ = "metric_bytes_read";

  private final SliceEvaluator evaluator;
  private final EventCoverage coverage;
  private final List<String> reducers;
  private final List<MetricFields> collections;
  private final StaticData statics;
  private final Counter timesteps = Metrics.counter("events", TIMESTEPS_READ);
  private final Counter bytes = Metrics.counter("events", BYTES_READ);
  private transient StaticFields fields;

  @StateId("event")
  private final StateSpec<ValueState<Event>> eventSpec = StateSpecs.value(Event.coder());

  @TimerId("windowEnd")
  private final TimerSpec windowEndSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  MeasureEventsFn(
      SliceEvaluator evaluator,
      EventCoverage coverage,
      List<String> reducers,
      List<MetricFields> collections,
      StaticData statics) {
    this.evaluator = evaluator;
    this.coverage = coverage;
    this.reducers = List.copyOf(reducers);
    this.collections = List.copyOf(collections);
    this.statics = statics;
  }

  @Setup
  public void setup() {
    fields = StaticFields.of(statics);
  }

  @ProcessElement
  public void process(
      ProcessContext context,
      @StateId("event") ValueState<Event> state,
      @TimerId("windowEnd") Timer windowEnd) {
    Event e = context.element().getValue();
    state.write(e);
    long end = evaluator.windowEnd(e.end().toEpochMilli());
    long at =
        Math.min(
            Math.max(end, context.timestamp().getMillis()),
            GlobalWindow.INSTANCE.maxTimestamp().getMillis());
    windowEnd.set(new org.joda.time.Instant(at));
  }

  @OnTimer("windowEnd")
  public void onWindowEnd(@StateId("event") ValueState<Event> state, MultiOutputReceiver out) {
    Event e = state.read();
    state.clear();
    if (e != null) {
      out.get(ROWS).output(measure(e, out.get(FAILURES)::output));
    }
  }

  /** Reads, evaluates and reduces the timesteps of the event's window into its row. */
  private EventRow measure(Event e, Consumer<Failure> failures) {
    EventFootprint footprint = EvaluateSlices.footprint(e);
    EventMetricsFn fn = new EventMetricsFn(reducers);
    EventMetricsFn.Accumulator acc = fn.createAccumulator();
    acc = fn.addInput(acc, EventStep.marker(e.id(), footprint.startMillis()));
    List<EventStep> steps = new ArrayList<>();
    MetricFields.Cost cost = new MetricFields.Cost();
    for (MetricFields c : collections) {
      long to = evaluator.reachEnd(c.collection(), footprint.endMillis());
      c.read(
          footprint.startMillis(),
          to,
          slice -> evaluate(slice, footprint, steps, failures),
          failures,
          cost);
    }
    for (EventStep s : steps) {
      acc = fn.addInput(acc, s);
    }
    timesteps.inc(cost.timesteps);
    bytes.inc(cost.bytes);
    return EventMetrics.row(coverage, fn.extractOutput(acc), e);
  }

  private void evaluate(
      FieldSlice slice,
      EventFootprint footprint,
      List<EventStep> steps,
      Consumer<Failure> failures) {
    try {
      EventStep step =
          evaluator
              .prepare(
                  slice.collection(),
                  slice.time().toEpochMilli(),
                  slice.variables(),
                  slice.bytesRead(),
                  slice.source(),
                  fields)
              .evaluate(footprint);
      if (step != null) {
        steps.add(step);
      }
    } catch (RuntimeException ex) {
      failures.accept(slice.failure(ex));
    }
  }
}
