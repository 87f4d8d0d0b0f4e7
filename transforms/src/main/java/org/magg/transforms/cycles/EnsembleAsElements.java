package org.magg.transforms.cycles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * An {@link EnsembleDACycle} as a Beam pipeline with the ensemble members as elements, for models
 * whose members take seconds each: every cycle's forecast is a {@code ParDo} over the members (they
 * spread over the workers), the analysis a barrier (the members and the control, a {@link DAState}
 * element, grouped on one key, analysed in member order, scattered again). For an LETKF the local
 * analyses are a {@code ParDo} over the state batches between a preparing and an assembling
 * barrier. The arithmetic is the in-memory cycle's, so the result is the same to the bit.
 *
 * <p>The cycles are unrolled into the pipeline graph (a few transforms per cycle): meant for
 * windows of tens to hundreds of cycles of an expensive model, not for thousands of cheap ones.
 */
public final class EnsembleAsElements {
  private static final Integer KEY = 0;

  private EnsembleAsElements() {}

  /** The ensemble and the control after {@code cycle.nSteps()} cycles from {@code initial}. */
  public static PCollection<EnsembleSlot> build(
      Pipeline p, EnsembleDACycle cycle, double[][] initial, DAState state) {
    List<EnsembleSlot> start = new ArrayList<>();
    for (int i = 0; i < initial.length; i++) {
      start.add(EnsembleSlot.member(i, initial[i]));
    }
    start.add(EnsembleSlot.control(state));
    cycle.obsOp().obsDim(initial[0].length);
    PCollection<EnsembleSlot> slots =
        p.apply("Initial ensemble", Create.of(start).withCoder(EnsembleSlotCoder.of()));
    AnalysisStep<double[][]> analysis = cycle.analysisStep();
    double factor = 1;
    if (analysis instanceof Inflation inflation) {
      factor = inflation.factor();
      analysis = inflation.inner();
    }
    for (int k = 1; k <= cycle.nSteps(); k++) {
      slots =
          slots
              .apply("Forecast " + k, ParDo.of(new ForecastFn(cycle.forwardModel())))
              .setCoder(EnsembleSlotCoder.of());
      PCollection<KV<Integer, Iterable<EnsembleSlot>>> gathered = gather(slots, "Gather " + k);
      if (analysis instanceof Letkf letkf) {
        slots = localAnalyses(gathered, cycle, letkf, factor, k);
      } else {
        slots =
            gathered
                .apply(
                    "Analyse " + k,
                    ParDo.of(new AnalyseFn(cycle.obsOp(), cycle.analysisStep(), cycle.obsSource())))
                .setCoder(EnsembleSlotCoder.of());
      }
    }
    return slots;
  }

  /** The members in index order and the control of a gathered ensemble. */
  public static double[][] members(Iterable<EnsembleSlot> slots) {
    List<EnsembleSlot> m = new ArrayList<>();
    for (EnsembleSlot s : slots) {
      if (!s.isControl()) {
        m.add(s);
      }
    }
    m.sort(Comparator.comparingInt(EnsembleSlot::member));
    double[][] e = new double[m.size()][];
    for (int i = 0; i < e.length; i++) {
      if (m.get(i).member() != i) {
        throw new IllegalStateException("ensemble member " + i + " is missing or repeated");
      }
      e[i] = m.get(i).state();
    }
    return e;
  }

  /** The control of a gathered ensemble. */
  public static DAState control(Iterable<EnsembleSlot> slots) {
    DAState c = null;
    for (EnsembleSlot s : slots) {
      if (s.isControl()) {
        if (c != null) {
          throw new IllegalStateException("two controls in one ensemble");
        }
        c = s.control();
      }
    }
    if (c == null) {
      throw new IllegalStateException("the ensemble's control is missing");
    }
    return c;
  }

  /**
   * A grouped result read once into a list: runners (Flink) may not let a group be iterated twice.
   */
  static <T> List<T> once(Iterable<T> group) {
    List<T> out = new ArrayList<>();
    group.forEach(out::add);
    return out;
  }

  private static PCollection<KV<Integer, Iterable<EnsembleSlot>>> gather(
      PCollection<EnsembleSlot> slots, String name) {
    return slots
        .apply(name + " key", WithKeys.of(KEY))
        .setCoder(KvCoder.of(VarIntCoder.of(), EnsembleSlotCoder.of()))
        .apply(name, GroupByKey.create());
  }

  private static PCollection<EnsembleSlot> localAnalyses(
      PCollection<KV<Integer, Iterable<EnsembleSlot>>> gathered,
      EnsembleDACycle cycle,
      Letkf letkf,
      double factor,
      int k) {
    TupleTag<KV<Integer, Letkf.LocalTask>> tasks = new TupleTag<>() {};
    TupleTag<KV<Integer, EnsembleSlot>> forecast = new TupleTag<>() {};
    PCollectionTuple prepared =
        gathered.apply(
            "Prepare local analyses " + k,
            ParDo.of(new PrepareFn(cycle.obsOp(), letkf, cycle.obsSource(), tasks, forecast))
                .withOutputTags(tasks, TupleTagList.of(forecast)));
    PCollection<KV<Integer, Letkf.LocalResult>> results =
        prepared
            .get(tasks)
            .setCoder(KvCoder.of(VarIntCoder.of(), SerializableCoder.of(Letkf.LocalTask.class)))
            .apply("Local analyses " + k, ParDo.of(new LocalFn()))
            .setCoder(KvCoder.of(VarIntCoder.of(), SerializableCoder.of(Letkf.LocalResult.class)));
    TupleTag<EnsembleSlot> slotsTag = new TupleTag<>() {};
    TupleTag<Letkf.LocalResult> resultsTag = new TupleTag<>() {};
    PCollection<KV<Integer, EnsembleSlot>> carried =
        prepared.get(forecast).setCoder(KvCoder.of(VarIntCoder.of(), EnsembleSlotCoder.of()));
    return KeyedPCollectionTuple.of(slotsTag, carried)
        .and(resultsTag, results)
        .apply("Gather local analyses " + k, CoGroupByKey.create())
        .apply(
            "Assemble " + k,
            ParDo.of(new AssembleFn(letkf, factor, cycle.obsSource(), slotsTag, resultsTag)))
        .setCoder(EnsembleSlotCoder.of());
  }

  private static void scatter(
      double[][] e, DAState control, DoFn.OutputReceiver<EnsembleSlot> out) {
    for (int i = 0; i < e.length; i++) {
      out.output(EnsembleSlot.member(i, e[i]));
    }
    out.output(EnsembleSlot.control(control));
  }

  /** Steps a member by the model's dt; advances the control's time and cycle count. */
  static final class ForecastFn extends DoFn<EnsembleSlot, EnsembleSlot> {
    private static final long serialVersionUID = 1L;
    private final ForwardModel model;

    ForecastFn(ForwardModel model) {
      this.model = model;
    }

    @ProcessElement
    public void process(@Element EnsembleSlot slot, OutputReceiver<EnsembleSlot> out) {
      if (slot.isControl()) {
        DAState s = slot.control();
        out.output(
            EnsembleSlot.control(
                new DAState(s.t() + model.dt(), s.cycleCount() + 1, s.obsErrCov(), s.rng())));
      } else {
        double[][] one = {slot.state()};
        model.stepAll(one, model.dt());
        out.output(EnsembleSlot.member(slot.member(), one[0]));
      }
    }
  }

  /** The barrier of a global analysis: gather, analyse (when observed), scatter. */
  static final class AnalyseFn extends DoFn<KV<Integer, Iterable<EnsembleSlot>>, EnsembleSlot> {
    private static final long serialVersionUID = 1L;
    private final ObservationOperator h;
    private final AnalysisStep<double[][]> step;
    private final ObservationSource source;

    AnalyseFn(ObservationOperator h, AnalysisStep<double[][]> step, ObservationSource source) {
      this.h = h;
      this.step = step;
      this.source = source;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<EnsembleSlot>> group, OutputReceiver<EnsembleSlot> out) {
      List<EnsembleSlot> slots = once(group.getValue());
      double[][] e = members(slots);
      DAState c = control(slots);
      double[] y = source.at(c.cycleCount(), c.t());
      Rng rng = c.rng().copy();
      double[][] a = y == null ? e : step.analyse(e, y, h, c.obsErrCov(), rng);
      scatter(a, new DAState(c.t(), c.cycleCount(), c.obsErrCov(), rng), out);
    }
  }

  /** The first LETKF barrier: whitening and one task per state batch; the forecast passes on. */
  static final class PrepareFn
      extends DoFn<KV<Integer, Iterable<EnsembleSlot>>, KV<Integer, Letkf.LocalTask>> {
    private static final long serialVersionUID = 1L;
    private final ObservationOperator h;
    private final Letkf letkf;
    private final ObservationSource source;
    private final TupleTag<KV<Integer, Letkf.LocalTask>> tasks;
    private final TupleTag<KV<Integer, EnsembleSlot>> forecast;

    PrepareFn(
        ObservationOperator h,
        Letkf letkf,
        ObservationSource source,
        TupleTag<KV<Integer, Letkf.LocalTask>> tasks,
        TupleTag<KV<Integer, EnsembleSlot>> forecast) {
      this.h = h;
      this.letkf = letkf;
      this.source = source;
      this.tasks = tasks;
      this.forecast = forecast;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<EnsembleSlot>> group, MultiOutputReceiver out) {
      List<EnsembleSlot> slots = once(group.getValue());
      for (EnsembleSlot s : slots) {
        out.get(forecast).output(KV.of(KEY, s));
      }
      DAState c = control(slots);
      double[] y = source.at(c.cycleCount(), c.t());
      if (y == null) {
        return;
      }
      Letkf.Prepared p = letkf.prepare(members(slots), y, h, c.obsErrCov());
      for (int b = 0; b < p.localization().batchCount(); b++) {
        out.get(tasks).output(KV.of(b, p.task(b)));
      }
    }
  }

  /** One batch's local analysis. */
  static final class LocalFn
      extends DoFn<KV<Integer, Letkf.LocalTask>, KV<Integer, Letkf.LocalResult>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(
        @Element KV<Integer, Letkf.LocalTask> task,
        OutputReceiver<KV<Integer, Letkf.LocalResult>> out) {
      out.output(KV.of(KEY, task.getValue().solve()));
    }
  }

  /** The second LETKF barrier: assemble the batches, rotate, inflate, scatter. */
  static final class AssembleFn extends DoFn<KV<Integer, CoGbkResult>, EnsembleSlot> {
    private static final long serialVersionUID = 1L;
    private final Letkf letkf;
    private final double factor;
    private final ObservationSource source;
    private final TupleTag<EnsembleSlot> slotsTag;
    private final TupleTag<Letkf.LocalResult> resultsTag;

    AssembleFn(
        Letkf letkf,
        double factor,
        ObservationSource source,
        TupleTag<EnsembleSlot> slotsTag,
        TupleTag<Letkf.LocalResult> resultsTag) {
      this.letkf = letkf;
      this.factor = factor;
      this.source = source;
      this.slotsTag = slotsTag;
      this.resultsTag = resultsTag;
    }

    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> group, OutputReceiver<EnsembleSlot> out) {
      List<EnsembleSlot> slots = once(group.getValue().getAll(slotsTag));
      double[][] e = members(slots);
      DAState c = control(slots);
      if (source.at(c.cycleCount(), c.t()) == null) {
        scatter(e, c, out);
        return;
      }
      Rng rng = c.rng().copy();
      double[][] a = letkf.finish(Letkf.assemble(e, group.getValue().getAll(resultsTag)), rng);
      a = Inflation.inflate(a, factor);
      scatter(a, new DAState(c.t(), c.cycleCount(), c.obsErrCov(), rng), out);
    }
  }
}
