package org.magg.pipelines.engine;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.magg.core.ConfigException;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.DataNeed;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.Cube;
import org.magg.io.engine.CubeCatalog;
import org.magg.io.engine.DeadLetter;
import org.magg.io.engine.FileDigest;
import org.magg.io.engine.ProducerRun;
import org.magg.io.storage.ResultFiles;
import org.magg.pipelines.config.EngineConfig;
import org.magg.pipelines.runners.Progress;
import org.magg.pipelines.runners.Runners;
import org.magg.transforms.engine.DependencyResolver;
import org.magg.transforms.engine.FileProducer;
import org.magg.transforms.engine.Producer;
import org.magg.transforms.engine.ResolutionPlan;

/**
 * Runs an engine config: resolves the producers the targets need ({@link DependencyResolver}),
 * then, layer by layer, decides on the launcher which producers must run ({@link Freshness}: skip
 * when the outputs satisfy the cube and nothing they depend on changed; {@code upstream_failed}
 * when a producer they need failed) and runs those as one Beam pipeline ({@link EngineGraph}): one
 * element per call, or per tile for tile-parallel producers, and one writer per tile. The end of a
 * layer's pipeline is the barrier before the next layer. Everything is recorded in the cube's
 * catalog: the run, each producer's outcome, its dead letters, the fingerprint of each successful
 * producer, the files read and the variable versions produced.
 */
public final class EnginePipeline {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private EnginePipeline() {}

  /**
   * Runs the producers {@code options} target.
   *
   * @throws ConfigException before anything runs: a plan that cannot be resolved, a file producer
   *     whose file does not match the cube
   */
  public static EngineSummary run(EngineConfig config, EngineRunOptions options) {
    long t0 = System.nanoTime();
    ResolutionPlan plan = DependencyResolver.resolve(config.producers(), options.targets());
    check(plan, config);
    List<String> args = pipelineArgs(options);
    String runner = Runners.name(Runners.options(args));
    String runId = options.runId() != null ? options.runId() : newRunId();
    CubeRef ref = CubeRef.of(config);
    Map<String, ProducerOutcome> outcomes = new LinkedHashMap<>();
    int deadLetters = 0;
    String status;
    try (Cube cube = ref.open()) {
      CubeCatalog catalog = cube.catalog();
      catalog.startRun(runId, Instant.now(), config.configHash());
      catalog.recordRunEnvironment(runId, RunEnvironment.current(config));
      int layerNumber = 0;
      for (List<Producer> layer : plan.layers()) {
        layerNumber++;
        Map<String, Producer> toRun = new TreeMap<>();
        Map<String, CurrentInputs> inputs = new HashMap<>();
        Map<String, String> why = new HashMap<>();
        for (Producer p : layer) {
          String failedUpstream = failedUpstream(p, plan, outcomes);
          if (failedUpstream != null) {
            outcomes.put(
                p.name(),
                new ProducerOutcome(p.name(), ProducerOutcome.UPSTREAM_FAILED, 0, failedUpstream));
            continue;
          }
          CurrentInputs current = CurrentInputs.of(p, cube);
          List<String> reasons =
              options.force() ? List.of("--force") : Freshness.reasons(p, cube, current);
          if (reasons.isEmpty()) {
            outcomes.put(
                p.name(),
                new ProducerOutcome(
                    p.name(),
                    ProducerOutcome.SKIPPED,
                    0,
                    "its outputs are in the cube and nothing it depends on changed"));
          } else {
            toRun.put(p.name(), p);
            inputs.put(p.name(), current);
            why.put(p.name(), String.join("; ", reasons));
          }
        }
        if (toRun.isEmpty()) {
          continue;
        }
        String label =
            "engine layer " + layerNumber + " of " + plan.layers().size() + " " + toRun.keySet();
        LayerResult result = runLayer(ref, toRun, runId, args, label);
        Instant now = Instant.now();
        for (Producer p : toRun.values()) {
          List<CallOutcome> calls = result.calls().getOrDefault(p.name(), List.of());
          List<WriteFailure> writes = result.writes().getOrDefault(p.name(), List.of());
          int attempts = calls.stream().mapToInt(CallOutcome::attempts).max().orElse(0);
          List<String> failures = new ArrayList<>();
          for (CallOutcome c : calls) {
            if (c.failed()) {
              catalog.recordDeadLetter(
                  new DeadLetter(runId, p.name(), c.subject(), c.attempts(), c.reason(), now));
              deadLetters++;
              failures.add(c.subject() + ": " + c.reason());
            }
          }
          for (WriteFailure w : writes) {
            String subject = w.variable() + " " + w.subject();
            catalog.recordDeadLetter(new DeadLetter(runId, p.name(), subject, 1, w.reason(), now));
            deadLetters++;
            failures.add("writing " + subject + ": " + w.reason());
          }
          int expected = calls(p, cube.grid()).size();
          if (failures.isEmpty() && calls.size() != expected) {
            failures.add(expected - calls.size() + " of " + expected + " calls reported nothing");
          }
          if (!failures.isEmpty()) {
            outcomes.put(
                p.name(),
                new ProducerOutcome(
                    p.name(), ProducerOutcome.FAILED, attempts, String.join("; ", failures)));
            continue;
          }
          CurrentInputs in = inputs.get(p.name());
          catalog.recordFingerprint(p.name(), in.fingerprint(), runId, now);
          for (FileDigest f : in.files()) {
            catalog.recordInputFile(runId, p.name(), f);
          }
          for (VarSpec v : p.produces()) {
            catalog.recordOutputVersion(
                runId, p.name(), v.name(), catalog.variableVersion(v.name()));
          }
          outcomes.put(
              p.name(),
              new ProducerOutcome(p.name(), ProducerOutcome.RAN, attempts, why.get(p.name())));
        }
      }
      List<ProducerOutcome> ordered = new ArrayList<>();
      for (Producer p : plan.producers()) {
        ProducerOutcome o = outcomes.get(p.name());
        ordered.add(o);
        catalog.recordProducerRun(
            new ProducerRun(runId, o.name(), o.status(), o.attempts(), o.reason()));
      }
      status = status(ordered);
      catalog.finishRun(runId, Instant.now(), status);
      return new EngineSummary(
          runId,
          config.origin(),
          runner,
          plan.targets(),
          status,
          ordered,
          plan.layers().size(),
          deadLetters,
          config.cube().root(),
          (System.nanoTime() - t0) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException("engine run " + runId + ": " + e.getMessage(), e);
    }
  }

  /**
   * The Beam arguments of a run: the given ones with the runner's defaults ({@link
   * Runners#DIRECT_RUN_DEFAULTS} on Direct; on Flink {@link Runners#FLINK_RUN_DEFAULTS} and the
   * batch configuration of {@link Runners#withFlinkBatchConf}).
   */
  public static List<String> pipelineArgs(EngineRunOptions options) {
    List<String> args = options.pipelineArgs();
    if (Runners.isDirect(args)) {
      return Runners.withDefaults(args, Runners.DIRECT_RUN_DEFAULTS);
    }
    return Runners.withFlinkBatchConf(Runners.withRunnerDefaults(args));
  }

  /** Producers travel to Beam's workers; file producers' files must match the cube up front. */
  private static void check(ResolutionPlan plan, EngineConfig config) {
    for (Producer p : plan.producers()) {
      if (!(p instanceof Serializable)) {
        throw new IllegalArgumentException(
            "producer '"
                + p.name()
                + "' ("
                + p.getClass().getName()
                + ") is not Serializable; Beam sends producers to its workers, so make it a"
                + " Serializable record or class");
      }
      if (p instanceof FileProducer f) {
        try {
          f.check(config.cube().grid());
        } catch (IOException e) {
          throw new ConfigException("producers." + p.name() + ".source", e.getMessage(), e);
        }
      }
    }
  }

  /** The calls of {@code p}: one per tile when it is tile-parallel, else one. */
  private static List<ProducerCall> calls(Producer p, CubeGrid grid) {
    if (!p.capabilities().tileParallel()) {
      return List.of(ProducerCall.whole(p.name()));
    }
    List<ProducerCall> out = new ArrayList<>();
    for (int ti = 0; ti < grid.tilesLat(); ti++) {
      for (int tj = 0; tj < grid.tilesLon(); tj++) {
        out.add(new ProducerCall(p.name(), ti, tj));
      }
    }
    return out;
  }

  /** What came back from a layer's pipeline, by producer. */
  private record LayerResult(
      Map<String, List<CallOutcome>> calls, Map<String, List<WriteFailure>> writes) {}

  private static LayerResult runLayer(
      CubeRef ref, Map<String, Producer> producers, String runId, List<String> args, String label)
      throws IOException {
    List<ProducerCall> calls = new ArrayList<>();
    for (Producer p : producers.values()) {
      calls.addAll(calls(p, ref.grid()));
    }
    PipelineOptions options = Runners.options(args);
    Pipeline pipeline = Pipeline.create(options);
    EngineGraph.Outputs outputs = EngineGraph.build(pipeline, ref, producers, calls, runId);
    ResultFiles results = ResultFiles.create(options);
    List<CallOutcome> outcomes;
    List<WriteFailure> failures;
    try {
      results.write(outputs.calls(), "calls", CallOutcome.class, CallOutcome::key);
      results.write(outputs.writeFailures(), "writes", WriteFailure.class, WriteFailure::key);
      PipelineResult.State state;
      try (Progress.Run progress =
          Progress.start(ComputeFn.progress(label, calls.size()), options)) {
        state = progress.waitUntilFinish(progress.run(pipeline));
      }
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the layer's pipeline ended in state " + state);
      }
      outcomes = results.read("calls", CallOutcome.class);
      failures = results.read("writes", WriteFailure.class);
    } finally {
      results.delete();
    }
    Map<String, List<CallOutcome>> byProducer = new TreeMap<>();
    for (CallOutcome c : outcomes) {
      byProducer.computeIfAbsent(c.producer(), k -> new ArrayList<>()).add(c);
    }
    byProducer.values().forEach(l -> l.sort(java.util.Comparator.comparing(CallOutcome::subject)));
    Map<String, List<WriteFailure>> writes = new TreeMap<>();
    for (WriteFailure w : failures) {
      writes.computeIfAbsent(w.producer(), k -> new ArrayList<>()).add(w);
    }
    writes.values().forEach(l -> l.sort(java.util.Comparator.comparing(WriteFailure::key)));
    return new LayerResult(byProducer, writes);
  }

  /** Why {@code p} cannot run: a producer of one of its needs failed; null if none did. */
  private static String failedUpstream(
      Producer p, ResolutionPlan plan, Map<String, ProducerOutcome> outcomes) {
    for (DataNeed n : p.needs().needs()) {
      for (String maker : plan.producersOf().getOrDefault(n.name(), List.of())) {
        ProducerOutcome o = outcomes.get(maker);
        if (o != null && o.isFailure() && !maker.equals(p.name())) {
          return "needs '" + n.name() + "' from '" + maker + "', which " + describe(o);
        }
      }
    }
    return null;
  }

  private static String describe(ProducerOutcome o) {
    return o.status().equals(ProducerOutcome.FAILED) ? "failed" : "could not run (upstream failed)";
  }

  private static String status(List<ProducerOutcome> outcomes) {
    long failures = outcomes.stream().filter(ProducerOutcome::isFailure).count();
    if (failures == 0) {
      return "succeeded";
    }
    return failures == outcomes.size() ? "failed" : "partial";
  }

  private static String newRunId() {
    return "run-"
        + RUN_TIME.format(Instant.now())
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }
}
