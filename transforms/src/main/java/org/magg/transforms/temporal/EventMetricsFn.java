package org.magg.transforms.temporal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Reduces an event's {@link EventStep}s over time: each metric by its own temporal reducer (the
 * {@link TemporalReducers} CombineFns, which give the same result whatever order the runner
 * delivers steps and merges accumulators in), plus the timesteps seen per collection and the bytes
 * of field data behind them.
 */
public final class EventMetricsFn
    extends CombineFn<EventStep, EventMetricsFn.Accumulator, EventResult> {
  private static final long serialVersionUID = 1L;

  private final List<String> reducerNames;
  private transient List<CombineFn<TimestepValue, Object, Double>> reducers;

  /**
   * @param reducerNames the temporal reducer of each metric, by metric index
   */
  public EventMetricsFn(List<String> reducerNames) {
    if (reducerNames.size() > 64) {
      throw new IllegalArgumentException(
          "at most 64 metrics per pipeline, got " + reducerNames.size());
    }
    reducerNames.forEach(TemporalReducers::forName); // names checked here, not on a worker
    this.reducerNames = List.copyOf(reducerNames);
  }

  @SuppressWarnings("unchecked")
  private List<CombineFn<TimestepValue, Object, Double>> reducers() {
    if (reducers == null) {
      List<CombineFn<TimestepValue, Object, Double>> out = new ArrayList<>();
      for (String name : reducerNames) {
        out.add((CombineFn<TimestepValue, Object, Double>) TemporalReducers.forName(name));
      }
      reducers = out;
    }
    return reducers;
  }

  @Override
  public Accumulator createAccumulator() {
    List<CombineFn<TimestepValue, Object, Double>> fns = reducers();
    Object[] accs = new Object[fns.size()];
    for (int m = 0; m < accs.length; m++) {
      accs[m] = fns.get(m).createAccumulator();
    }
    return new Accumulator(accs);
  }

  @Override
  public Accumulator addInput(Accumulator acc, EventStep step) {
    if (acc.eventId == null) {
      acc.eventId = step.eventId();
    }
    if (step.isMarker()) {
      return acc;
    }
    List<CombineFn<TimestepValue, Object, Double>> fns = reducers();
    for (int m = 0; m < fns.size(); m++) {
      if (step.has(m)) {
        acc.metrics[m] = fns.get(m).addInput(acc.metrics[m], step.value(m));
      }
    }
    if (acc.times.computeIfAbsent(step.collection(), c -> new TreeSet<>()).add(step.timeMillis())) {
      acc.bytesRead += step.bytesRead();
    }
    return acc;
  }

  @Override
  public Accumulator mergeAccumulators(Iterable<Accumulator> accumulators) {
    List<CombineFn<TimestepValue, Object, Double>> fns = reducers();
    Accumulator out = createAccumulator();
    List<List<Object>> perMetric = new ArrayList<>();
    for (int m = 0; m < fns.size(); m++) {
      perMetric.add(new ArrayList<>());
    }
    for (Accumulator a : accumulators) {
      if (out.eventId == null) {
        out.eventId = a.eventId;
      }
      for (int m = 0; m < fns.size(); m++) {
        perMetric.get(m).add(a.metrics[m]);
      }
      for (Map.Entry<String, TreeSet<Long>> e : a.times.entrySet()) {
        out.times.computeIfAbsent(e.getKey(), c -> new TreeSet<>()).addAll(e.getValue());
      }
      // bytes of distinct timesteps: a timestep is in exactly one accumulator (one step per
      // event, collection and time), so the sum does not double count.
      out.bytesRead += a.bytesRead;
    }
    for (int m = 0; m < fns.size(); m++) {
      out.metrics[m] = fns.get(m).mergeAccumulators(perMetric.get(m));
    }
    return out;
  }

  @Override
  public EventResult extractOutput(Accumulator acc) {
    List<CombineFn<TimestepValue, Object, Double>> fns = reducers();
    double[] values = new double[fns.size()];
    for (int m = 0; m < values.length; m++) {
      values[m] = fns.get(m).extractOutput(acc.metrics[m]);
    }
    Map<String, long[]> times = new TreeMap<>();
    acc.times.forEach((c, set) -> times.put(c, set.stream().mapToLong(Long::longValue).toArray()));
    return new EventResult(acc.eventId, values, times, acc.bytesRead);
  }

  @Override
  public Coder<Accumulator> getAccumulatorCoder(CoderRegistry registry, Coder<EventStep> in)
      throws CannotProvideCoderException {
    List<Coder<Object>> coders = new ArrayList<>();
    for (CombineFn<TimestepValue, Object, Double> fn : reducers()) {
      coders.add(fn.getAccumulatorCoder(registry, TimestepValue.coder()));
    }
    return new AccumulatorCoder(coders);
  }

  @Override
  public Coder<EventResult> getDefaultOutputCoder(CoderRegistry registry, Coder<EventStep> in) {
    return EventResult.coder();
  }

  /** Per-metric reducer accumulators, the timesteps seen per collection, and their bytes. */
  public static final class Accumulator {
    String eventId;
    final Object[] metrics;
    final TreeMap<String, TreeSet<Long>> times = new TreeMap<>();
    long bytesRead;

    Accumulator(Object[] metrics) {
      this.metrics = metrics;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Accumulator a
          && java.util.Objects.equals(a.eventId, eventId)
          && java.util.Arrays.equals(a.metrics, metrics)
          && a.times.equals(times)
          && a.bytesRead == bytesRead;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(eventId, times, bytesRead);
    }

    @Override
    public String toString() {
      return "EventMetricsFn.Accumulator["
          + eventId
          + ", "
          + java.util.Arrays.toString(metrics)
          + ", times="
          + times
          + ", bytes="
          + bytesRead
          + "]";
    }
  }

  /** The coder of {@link Accumulator}: the reducers' own accumulator coders, then the times. */
  static final class AccumulatorCoder extends CustomCoder<Accumulator> {
    private static final long serialVersionUID = 1L;
    private final List<Coder<Object>> metricCoders;

    AccumulatorCoder(List<Coder<Object>> metricCoders) {
      this.metricCoders = List.copyOf(metricCoders);
    }

    @Override
    public void encode(Accumulator a, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeBoolean(a.eventId != null);
      if (a.eventId != null) {
        d.writeUTF(a.eventId);
      }
      d.writeLong(a.bytesRead);
      d.writeInt(a.times.size());
      for (Map.Entry<String, TreeSet<Long>> e : a.times.entrySet()) {
        d.writeUTF(e.getKey());
        d.writeInt(e.getValue().size());
        for (long t : e.getValue()) {
          d.writeLong(t);
        }
      }
      d.flush();
      for (int m = 0; m < metricCoders.size(); m++) {
        metricCoders.get(m).encode(a.metrics[m], out);
      }
    }

    @Override
    public Accumulator decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      String id = d.readBoolean() ? d.readUTF() : null;
      long bytes = d.readLong();
      int collections = d.readInt();
      TreeMap<String, TreeSet<Long>> times = new TreeMap<>();
      for (int i = 0; i < collections; i++) {
        String c = d.readUTF();
        int n = d.readInt();
        TreeSet<Long> set = new TreeSet<>();
        for (int k = 0; k < n; k++) {
          set.add(d.readLong());
        }
        times.put(c, set);
      }
      Object[] metrics = new Object[metricCoders.size()];
      for (int m = 0; m < metrics.length; m++) {
        metrics[m] = metricCoders.get(m).decode(in);
      }
      Accumulator a = new Accumulator(metrics);
      a.eventId = id;
      a.bytesRead = bytes;
      a.times.putAll(times);
      return a;
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
      for (Coder<Object> c : metricCoders) {
        c.verifyDeterministic();
      }
    }
  }
}
