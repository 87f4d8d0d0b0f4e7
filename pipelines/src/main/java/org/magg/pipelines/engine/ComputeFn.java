package org.magg.pipelines.engine;

import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.Field;
import org.magg.core.engine.Region;
import org.magg.pipelines.runners.Progress;
import org.magg.transforms.engine.Producer;
import org.magg.transforms.engine.ProducerRequest;

/**
 * Runs one producer call (extract, compute, check) with the producer's retry policy and emits its
 * outputs tile by tile, keyed by {@link #tileKey}, for the tiles' writers; and the call's outcome.
 * A call that exhausts its attempts emits no tile and a failed outcome (a dead letter).
 */
final class ComputeFn extends CubeFn<ProducerCall, KV<String, TileOutput>> {
  private static final long serialVersionUID = 1L;

  static final TupleTag<KV<String, TileOutput>> TILES = new TupleTag<>() {};
  static final TupleTag<CallOutcome> OUTCOMES = new TupleTag<>() {};

  /** The counters' namespace: calls done and failed, attempts made. */
  static final String METRICS = "engine";

  private final Counter callsDone = Metrics.counter(METRICS, "calls_done");
  private final Counter callsFailed = Metrics.counter(METRICS, "calls_failed");
  private final Counter attemptsMade = Metrics.counter(METRICS, "attempts");

  private final Map<String, Producer> producers;
  private final String runId;

  ComputeFn(CubeRef cubeRef, Map<String, Producer> producers, String runId) {
    super(cubeRef);
    this.producers = new java.util.HashMap<>(producers);
    this.runId = runId;
  }

  @ProcessElement
  public void process(@Element ProducerCall call, MultiOutputReceiver out) {
    Producer p = producers.get(call.producer());
    CubeGrid grid = cubeRef.grid();
    ProducerRequest request = call.request(runId, grid, p.capabilities().haloCells());
    int[] attempts = {0};
    Map<String, Field> outputs;
    try {
      outputs =
          p.retryPolicy()
              .<Map<String, Field>>retries()
              .call(
                  () -> {
                    attempts[0]++;
                    return p.produce(cube, request);
                  },
                  failed -> new GaveUp(failed.exception()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted in producer '" + p.name() + "'", e);
    } catch (Exception e) {
      Throwable last = e instanceof GaveUp g ? g.getCause() : e;
      attemptsMade.inc(attempts[0]);
      callsFailed.inc();
      callsDone.inc();
      out.get(OUTCOMES)
          .output(new CallOutcome(p.name(), call.subject(), attempts[0], true, describe(last)));
      return;
    }
    for (Field f : outputs.values()) {
      Region r = f.region();
      for (int ti = r.lat0() / grid.tileLat(); ti * grid.tileLat() < r.lat1(); ti++) {
        for (int tj = r.lon0() / grid.tileLon(); tj * grid.tileLon() < r.lon1(); tj++) {
          Region tile = grid.tile(r.t0(), r.t1(), ti, tj);
          out.get(TILES)
              .output(KV.of(tileKey(f.variable(), ti, tj), new TileOutput(p.name(), f.sub(tile))));
        }
      }
    }
    attemptsMade.inc(attempts[0]);
    callsDone.inc();
    out.get(OUTCOMES).output(new CallOutcome(p.name(), call.subject(), attempts[0], false, ""));
  }

  /** What a layer's progress line shows: calls done of {@code calls}, failed calls as errors. */
  static Progress.Spec progress(String label, int calls) {
    return Progress.Spec.of(label)
        .count("calls", calls, Progress.Counter.of(METRICS, "calls_done"))
        .rate("attempts", Progress.Counter.of(METRICS, "attempts"))
        .errors(Progress.Counter.of(METRICS, "calls_failed"));
  }

  /** The key a tile's writes are grouped by: the variable and the tile. */
  static String tileKey(String variable, int tileLat, int tileLon) {
    return variable + "/" + tileLat + "/" + tileLon;
  }

  /** A failure in one line: the message (the class name without one) and its causes' messages. */
  static String describe(Throwable e) {
    StringBuilder line = new StringBuilder();
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      String m = t.getMessage() == null || t.getMessage().isBlank() ? t.toString() : t.getMessage();
      if (line.indexOf(m) < 0) {
        line.append(line.length() == 0 ? "" : ": ").append(m.strip());
      }
    }
    return line.toString().replace('\n', ' ');
  }

  /** The last failure, once the attempts ran out. */
  private static final class GaveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GaveUp(Exception last) {
      super(last);
    }
  }
}
