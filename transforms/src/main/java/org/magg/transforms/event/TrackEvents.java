package org.magg.transforms.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.magg.core.Failure;

/**
 * Links the objects of all timesteps into events ({@link EventTracker}) in time order, on one
 * domain key (tracking is sequential in time; detection is where the parallelism is).
 *
 * <ul>
 *   <li><b>Batch</b> (bounded input): every timestep is grouped on the domain key, sorted by time
 *       and tracked in one pass.
 *   <li><b>Streaming</b> (unbounded input, or {@link #inOrderByState()}): a stateful DoFn keeps the
 *       timesteps that arrived in a bag and the tracker in state; an event-time timer at the
 *       earliest waiting timestep fires when the watermark passes it, and the timesteps up to it
 *       are tracked in order. An event is emitted once the watermark has passed the timestep that
 *       ends it, i.e. its last timestep plus {@code max_gap_steps + 1} timesteps (or after it
 *       merged, once the events it names are settled). The events still open are emitted, with
 *       {@link EndReason#END_OF_DATA}, when the watermark reaches the end of the global window (the
 *       input ended).
 * </ul>
 *
 * Both give the same events: which copy of a timestep given twice is tracked does not depend on
 * arrival order (see {@link StepSequence}). The other copies, and in streaming a timestep that
 * arrives after tracking passed it, go to {@link #FAILURES}. Events carry the timestamp at which
 * they were emitted; the input is re-windowed into the global window.
 */
public final class TrackEvents extends PTransform<PCollection<StepObjects>, PCollectionTuple> {
  /** The events kept (at least {@code min_steps} timesteps). */
  public static final TupleTag<TrackedEvent> EVENTS = new TupleTag<>() {};

  /** Timesteps refused: a second copy of a timestep, or one that came too late. */
  public static final TupleTag<Failure> FAILURES = new TupleTag<>() {};

  /** The counter (namespace {@code events}) of events dropped for having too few timesteps. */
  public static final String DROPPED = "events_dropped";

  /** The counter (namespace {@code events}) of events emitted. */
  public static final String TRACKED = "events_tracked";

  /** The one key all timesteps of a domain are tracked under. */
  static final int DOMAIN = 0;

  private final DetectionGrid grid;
  private final TrackingRules rules;
  private final boolean byState;

  private TrackEvents(DetectionGrid grid, TrackingRules rules, boolean byState) {
    this.grid = grid;
    this.rules = rules;
    this.byState = byState;
  }

  /**
   * Tracking on {@code grid} (its cell areas measure overlaps) with {@code rules}; batch for a
   * bounded input, stateful for an unbounded one.
   */
  public static TrackEvents of(DetectionGrid grid, TrackingRules rules) {
    Objects.requireNonNull(grid, "Detection grid cannot be null.");
    Objects.requireNonNull(rules, "Tracking rules cannot be null.");
    return new TrackEvents(grid, rules, false);
  }

  /** Always the stateful, watermark-driven tracking, even on a bounded input. */
  public TrackEvents inOrderByState() {
    return new TrackEvents(grid, rules, true);
  }

  @Override
  public PCollectionTuple expand(PCollection<StepObjects> steps) {
    PCollection<KV<Integer, StepObjects>> keyed =
        steps
            .apply("GlobalWindow", Window.<StepObjects>into(new GlobalWindows()))
            .apply("OnDomainKey", WithKeys.of(DOMAIN))
            .setCoder(KvCoder.of(VarIntCoder.of(), StepObjects.coder()));
    PCollectionTuple out;
    if (byState || steps.isBounded() == PCollection.IsBounded.UNBOUNDED) {
      out =
          keyed.apply(
              "TrackInOrder",
              ParDo.of(new TrackInOrderFn(grid, rules))
                  .withOutputTags(EVENTS, TupleTagList.of(FAILURES)));
    } else {
      out =
          keyed
              .apply("AllTimesteps", GroupByKey.create())
              .apply(
                  "SortAndTrack",
                  ParDo.of(new SortAndTrackFn(grid, rules))
                      .withOutputTags(EVENTS, TupleTagList.of(FAILURES)));
    }
    out.get(EVENTS).setCoder(TrackedEvent.coder());
    out.get(FAILURES).setCoder(Failure.coder());
    return out;
  }

  /** Batch: all timesteps of the domain, sorted and tracked at once. */
  static final class SortAndTrackFn extends DoFn<KV<Integer, Iterable<StepObjects>>, TrackedEvent> {
    private final DetectionGrid grid;
    private final TrackingRules rules;
    private final Counter events = Metrics.counter("events", TRACKED);
    private final Counter dropped = Metrics.counter("events", DROPPED);

    SortAndTrackFn(DetectionGrid grid, TrackingRules rules) {
      this.grid = grid;
      this.rules = rules;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<StepObjects>> domain, MultiOutputReceiver out) {
      List<StepObjects> steps = new ArrayList<>();
      domain.getValue().forEach(steps::add);
      EventTracker tracker = EventTracker.of(grid, rules);
      OutputReceiver<TrackedEvent> events = out.get(EVENTS);
      OutputReceiver<Failure> failures = out.get(FAILURES);
      StepSequence.track(tracker, steps, e -> emit(events, e), failures::output);
      tracker.finish().forEach(e -> emit(events, e));
      dropped.inc(tracker.dropped());
    }

    private void emit(OutputReceiver<TrackedEvent> out, TrackedEvent e) {
      events.inc();
      out.output(e);
    }
  }

  /**
   * Streaming: timesteps wait in a bag until the watermark passes them, then are tracked in time
   * order with the tracker kept in state.
   */
  static final class TrackInOrderFn extends DoFn<KV<Integer, StepObjects>, TrackedEvent> {
    private final DetectionGrid grid;
    private final TrackingRules rules;
    private final Counter events = Metrics.counter("events", TRACKED);
    private final Counter dropped = Metrics.counter("events", DROPPED);
    private transient EventTracker tracker;

    @StateId("waiting")
    private final StateSpec<BagState<StepObjects>> waitingSpec =
        StateSpecs.bag(StepObjects.coder());

    @StateId("tracker")
    private final StateSpec<ValueState<TrackerState>> trackerSpec =
        StateSpecs.value(SerializableCoder.of(TrackerState.class));

    @StateId("timerAt")
    private final StateSpec<ValueState<Long>> timerAtSpec = StateSpecs.value(VarLongCoder.of());

    /**
     * The last timestep tracked (epoch ms), so elements are checked without reading the tracker.
     */
    @StateId("trackedUpTo")
    private final StateSpec<ValueState<Long>> trackedUpToSpec = StateSpecs.value(VarLongCoder.of());

    @TimerId("step")
    private final TimerSpec stepSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @TimerId("end")
    private final TimerSpec endSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    TrackInOrderFn(DetectionGrid grid, TrackingRules rules) {
      this.grid = grid;
      this.rules = rules;
    }

    @Setup
    public void setup() {
      tracker = EventTracker.of(grid, rules);
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, StepObjects> element,
        @StateId("waiting") BagState<StepObjects> waiting,
        @StateId("timerAt") ValueState<Long> timerAt,
        @StateId("trackedUpTo") ValueState<Long> trackedUpTo,
        @TimerId("step") Timer stepTimer,
        @TimerId("end") Timer endTimer,
        MultiOutputReceiver out) {
      StepObjects step = element.getValue();
      Long upTo = trackedUpTo.read();
      if (upTo != null && step.time().toEpochMilli() <= upTo) {
        out.get(FAILURES)
            .output(
                StepSequence.refused(
                    step, upTo == Long.MAX_VALUE ? null : java.time.Instant.ofEpochMilli(upTo)));
        return;
      }
      waiting.add(step);
      long t = step.time().toEpochMilli();
      Long at = timerAt.read();
      if (at == null || t < at) {
        stepTimer.set(new org.joda.time.Instant(t));
        timerAt.write(t);
      }
      endTimer.set(GlobalWindow.INSTANCE.maxTimestamp());
    }

    @OnTimer("step")
    public void onStep(
        OnTimerContext context,
        @StateId("waiting") BagState<StepObjects> waiting,
        @StateId("tracker") ValueState<TrackerState> state,
        @StateId("timerAt") ValueState<Long> timerAt,
        @StateId("trackedUpTo") ValueState<Long> trackedUpTo,
        @TimerId("step") Timer stepTimer,
        MultiOutputReceiver out) {
      long passed = context.fireTimestamp().getMillis();
      List<StepObjects> ready = new ArrayList<>();
      List<StepObjects> later = new ArrayList<>();
      for (StepObjects s : waiting.read()) {
        (s.time().toEpochMilli() <= passed ? ready : later).add(s);
      }
      tracker.resume(state.read());
      track(ready, out);
      waiting.clear();
      later.forEach(waiting::add);
      long next = Long.MAX_VALUE;
      for (StepObjects s : later) {
        next = Math.min(next, s.time().toEpochMilli());
      }
      if (later.isEmpty()) {
        timerAt.clear();
      } else {
        stepTimer.set(new org.joda.time.Instant(next));
        timerAt.write(next);
      }
      state.write(tracker.state());
      if (tracker.lastTime() != null) {
        trackedUpTo.write(tracker.lastTime().toEpochMilli());
      }
    }

    @OnTimer("end")
    public void onEnd(
        @StateId("waiting") BagState<StepObjects> waiting,
        @StateId("tracker") ValueState<TrackerState> state,
        @StateId("timerAt") ValueState<Long> timerAt,
        @StateId("trackedUpTo") ValueState<Long> trackedUpTo,
        MultiOutputReceiver out) {
      List<StepObjects> ready = new ArrayList<>();
      waiting.read().forEach(ready::add);
      tracker.resume(state.read());
      track(ready, out);
      OutputReceiver<TrackedEvent> receiver = out.get(EVENTS);
      long before = tracker.dropped();
      tracker.finish().forEach(e -> emit(receiver, e));
      dropped.inc(tracker.dropped() - before);
      waiting.clear();
      timerAt.clear();
      state.write(tracker.state());
      trackedUpTo.write(Long.MAX_VALUE); // the input has ended: anything later is refused
    }

    private void track(List<StepObjects> ready, MultiOutputReceiver out) {
      OutputReceiver<TrackedEvent> events = out.get(EVENTS);
      OutputReceiver<Failure> failures = out.get(FAILURES);
      long before = tracker.dropped();
      StepSequence.track(tracker, ready, e -> emit(events, e), failures::output);
      dropped.inc(tracker.dropped() - before);
    }

    private void emit(OutputReceiver<TrackedEvent> out, TrackedEvent e) {
      events.inc();
      out.output(e);
    }
  }
}
