package org.magg.transforms.temporal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.magg.core.Failure;
import org.magg.io.gridded.FieldSlice;
import org.magg.io.gridded.SliceFn;
import org.magg.io.s3.S3Settings;
import org.magg.io.temporal.Event;
import org.magg.io.temporal.EventCatalog;
import org.magg.io.temporal.EventMask;
import org.magg.io.temporal.StaticData;

/**
 * Evaluates each field timestep for every event it reaches, once: the slice is prepared once
 * (derived, anomaly, precipitation and negated fields) and each alive event's mask reduces it, so
 * however many events overlap a timestep it is read and prepared a single time. Emits one {@link
 * EventStep} per (timestep, event) with the timestep's timestamp; a timestep that cannot be
 * evaluated (a variable missing, a grid that does not match) goes to {@link #FAILURES} with the
 * reason, and the events it would have reached report it as missing.
 */
public final class EvaluateSlices extends PTransform<PCollection<FieldSlice>, PCollectionTuple> {
  /** The steps. */
  public static final TupleTag<EventStep> STEPS = new TupleTag<>() {};

  /** Timesteps that could not be evaluated. */
  public static final TupleTag<Failure> FAILURES = new TupleTag<>() {};

  private final SliceEvaluator evaluator;
  private final EventSource events;
  private final PCollectionView<List<Event>> eventsView;
  private final StaticData statics;

  private EvaluateSlices(
      SliceEvaluator evaluator,
      EventSource events,
      PCollectionView<List<Event>> eventsView,
      StaticData statics) {
    this.evaluator = evaluator;
    this.events = events;
    this.eventsView = eventsView;
    this.statics = statics;
  }

  /**
   * @param evaluator the metrics
   * @param events where workers get the events and their masks
   * @param statics the static fields (loaded once per worker JVM)
   */
  public static EvaluateSlices of(
      SliceEvaluator evaluator, EventSource events, StaticData statics) {
    return new EvaluateSlices(evaluator, events, null, statics);
  }

  /**
   * Over events computed in the same pipeline (say, detected in the fields), given as a side input
   * in the global window: batch pipelines only, as the slices wait for every event.
   *
   * @param evaluator the metrics
   * @param events the events, all of them
   * @param statics the static fields (loaded once per worker JVM)
   */
  public static EvaluateSlices of(
      SliceEvaluator evaluator, PCollectionView<List<Event>> events, StaticData statics) {
    return new EvaluateSlices(evaluator, null, events, statics);
  }

  @Override
  public PCollectionTuple expand(PCollection<FieldSlice> slices) {
    PCollectionTuple out =
        slices.apply(
            "EvaluateForEvents",
            eventsView == null
                ? ParDo.of(new EvaluateFn(evaluator, events, null, statics))
                    .withOutputTags(STEPS, TupleTagList.of(FAILURES))
                : ParDo.of(new EvaluateFn(evaluator, null, eventsView, statics))
                    .withSideInputs(eventsView)
                    .withOutputTags(STEPS, TupleTagList.of(FAILURES)));
    out.get(STEPS).setCoder(EventStep.EventStepCoder.of());
    out.get(FAILURES).setCoder(Failure.coder());
    return out;
  }

  /**
   * An event as {@link SliceEvaluator.Prepared#evaluate} sees it (its masks decoded on first use),
   * for evaluating timesteps against one event outside this transform.
   */
  public static EventFootprint footprint(Event event) {
    return new Footprint(event);
  }

  /**
   * Where workers find the events: in the pipeline itself (small catalogs, tests) or loaded from
   * the catalog's location once per worker JVM.
   */
  public interface EventSource extends java.io.Serializable {
    EventCatalog catalog();

    /** The catalog itself travels with the pipeline. */
    static EventSource of(EventCatalog catalog) {
      return () -> catalog;
    }

    /** The catalog is loaded from {@code location} on each worker, once per JVM. */
    static EventSource load(String location, S3Settings s3) {
      return new LoadedEvents(location, s3);
    }
  }

  /** A catalog loaded on the worker, cached per JVM by location. */
  private record LoadedEvents(String location, S3Settings s3) implements EventSource {
    private static final Map<String, EventCatalog> CACHE = new ConcurrentHashMap<>();

    @Override
    public EventCatalog catalog() {
      return CACHE.computeIfAbsent(
          location,
          l -> {
            try {
              return EventCatalog.load(l, s3);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException("cannot load the event catalog " + l, e);
            }
          });
    }
  }

  /** An event as the evaluator sees it; remembers its last precipitation mask. */
  static final class Footprint implements EventFootprint {
    private final Event event;
    private final long startMillis;
    private final long endMillis;
    private final long[] maskTimes;
    private final CellMask[] masks;
    private long unionFrom = Long.MIN_VALUE;
    private long unionTo = Long.MIN_VALUE;
    private CellMask union;

    Footprint(Event event) {
      this.event = event;
      this.startMillis = event.start().toEpochMilli();
      this.endMillis = event.end().toEpochMilli();
      Instant[] times = event.mask().times();
      this.maskTimes = new long[times.length];
      for (int i = 0; i < times.length; i++) {
        maskTimes[i] = times[i].toEpochMilli();
      }
      this.masks = new CellMask[times.length];
    }

    @Override
    public String id() {
      return event.id();
    }

    @Override
    public long startMillis() {
      return startMillis;
    }

    @Override
    public long endMillis() {
      return endMillis;
    }

    @Override
    public CellMask maskAt(long timeMillis) {
      int i = java.util.Arrays.binarySearch(maskTimes, timeMillis);
      return i < 0 ? null : mask(i);
    }

    private CellMask mask(int i) {
      if (masks[i] == null) {
        EventMask m = event.mask();
        masks[i] = CellMask.weighted(m.cells(i), m.weighted() ? m.weights(i) : null);
      }
      return masks[i];
    }

    @Override
    public CellMask unionOf(long fromMillis, long toMillis) {
      if (fromMillis != unionFrom || toMillis != unionTo) {
        List<CellMask> masks = new ArrayList<>();
        for (int i = 0; i < maskTimes.length; i++) {
          if (maskTimes[i] >= fromMillis && maskTimes[i] <= toMillis) {
            masks.add(mask(i));
          }
        }
        union = CellMask.union(masks);
        unionFrom = fromMillis;
        unionTo = toMillis;
      }
      return union;
    }
  }

  /**
   * The evaluation as a {@link SliceFn}, to run inside the reading step ({@link
   * org.magg.io.gridded.GriddedFieldIO.Read#thenApply}): each timestep's steps (for the events
   * {@code events} gives) are its result, coded with {@link #stepsCoder()}, so that the field
   * slices are neither held nor passed between steps. A timestep it cannot evaluate fails on its
   * own, as {@link #FAILURES} reports it here.
   */
  public static SliceFn<List<EventStep>> asSliceFn(
      SliceEvaluator evaluator, EventSource events, StaticData statics) {
    return new EvaluateSliceFn(evaluator, events, statics);
  }

  /** The coder of {@link #asSliceFn}'s results. */
  public static Coder<List<EventStep>> stepsCoder() {
    return ListCoder.of(EventStep.EventStepCoder.of());
  }

  /** The events by start and the static fields of one worker thread; evaluates slices. */
  static final class Evaluation {
    private final SliceEvaluator evaluator;
    private final List<Footprint> byStart;
    private final StaticFields fields;

    Evaluation(SliceEvaluator evaluator, List<Event> events, StaticFields fields) {
      this.evaluator = evaluator;
      this.fields = fields;
      List<Footprint> list = new ArrayList<>();
      for (Event e : events) {
        list.add(new Footprint(e));
      }
      list.sort(Comparator.comparingLong(Footprint::startMillis));
      this.byStart = list;
    }

    /** The steps of every event alive at the slice's time that it reaches. */
    List<EventStep> evaluate(FieldSlice slice) {
      long t = slice.time().toEpochMilli();
      List<EventStep> steps = new ArrayList<>();
      SliceEvaluator.Prepared prepared =
          evaluator.prepare(
              slice.collection(), t, slice.variables(), slice.bytesRead(), slice.source(), fields);
      for (Footprint f : byStart) {
        if (f.startMillis() > t) {
          break;
        }
        EventStep step = prepared.evaluate(f);
        if (step != null) {
          steps.add(step);
        }
      }
      return steps;
    }
  }

  /** {@link #asSliceFn}. */
  private static final class EvaluateSliceFn implements SliceFn<List<EventStep>> {
    private static final long serialVersionUID = 1L;
    private final SliceEvaluator evaluator;
    private final EventSource source;
    private final StaticData statics;
    private final Counter slicesEvaluated = Metrics.counter("temporal", "timesteps_evaluated");
    private final Counter stepsMade = Metrics.counter("temporal", "event_steps");
    private final Counter sliceFailures = Metrics.counter("temporal", "timesteps_failed");
    private transient Evaluation evaluation;

    EvaluateSliceFn(SliceEvaluator evaluator, EventSource source, StaticData statics) {
      this.evaluator = evaluator;
      this.source = source;
      this.statics = statics;
    }

    @Override
    public void setup() {
      evaluation = new Evaluation(evaluator, source.catalog().events(), StaticFields.of(statics));
    }

    @Override
    public List<EventStep> apply(FieldSlice slice) {
      List<EventStep> steps = evaluation.evaluate(slice);
      slicesEvaluated.inc();
      stepsMade.inc(steps.size());
      return steps;
    }

    @Override
    public Failure failure(FieldSlice slice, RuntimeException e) {
      sliceFailures.inc();
      return slice.failure(e);
    }
  }

  static final class EvaluateFn extends DoFn<FieldSlice, EventStep> {
    private final SliceEvaluator evaluator;
    private final EventSource source;
    private final PCollectionView<List<Event>> view;
    private final StaticData statics;
    private final Counter slicesEvaluated = Metrics.counter("temporal", "timesteps_evaluated");
    private final Counter stepsMade = Metrics.counter("temporal", "event_steps");
    private final Counter sliceFailures = Metrics.counter("temporal", "timesteps_failed");
    private transient StaticFields fields;
    private transient Evaluation evaluation;

    EvaluateFn(
        SliceEvaluator evaluator,
        EventSource source,
        PCollectionView<List<Event>> view,
        StaticData statics) {
      this.evaluator = evaluator;
      this.source = source;
      this.view = view;
      this.statics = statics;
    }

    @Setup
    public void setup() {
      fields = StaticFields.of(statics);
      if (source != null) {
        evaluation = new Evaluation(evaluator, source.catalog().events(), fields);
      }
    }

    @ProcessElement
    public void process(ProcessContext context, MultiOutputReceiver out) {
      FieldSlice slice = context.element();
      if (evaluation == null) {
        evaluation = new Evaluation(evaluator, context.sideInput(view), fields);
      }
      List<EventStep> steps;
      try {
        steps = evaluation.evaluate(slice);
      } catch (RuntimeException e) {
        sliceFailures.inc();
        out.get(FAILURES).output(slice.failure(e));
        return;
      }
      slicesEvaluated.inc();
      stepsMade.inc(steps.size());
      OutputReceiver<EventStep> receiver = out.get(STEPS);
      steps.forEach(receiver::output);
    }
  }
}
