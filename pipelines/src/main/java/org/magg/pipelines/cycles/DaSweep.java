package org.magg.pipelines.cycles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;
import org.magg.io.storage.ResultFiles;
import org.magg.pipelines.runners.Progress;
import org.magg.pipelines.runners.Runners;
import org.magg.transforms.cycles.ExperimentResult;
import org.magg.transforms.cycles.ExperimentSpec;
import org.magg.transforms.cycles.TwinExperiment;

/**
 * Many independent twin experiments as one pipeline (a parameter sweep): one element per
 * experiment, spread over the workers by a reshuffle, each run whole by one DoFn call; the results
 * come back to the launcher through {@link ResultFiles}.
 */
public final class DaSweep {
  private DaSweep() {}

  /** The graph: the experiments' results (one per spec, in no particular order). */
  public static PCollection<ExperimentResult> build(Pipeline p, List<ExperimentSpec> specs) {
    return p.apply(
            "Experiments", Create.of(specs).withCoder(SerializableCoder.of(ExperimentSpec.class)))
        .apply("Spread", Reshuffle.viaRandomKey())
        .apply("Run", ParDo.of(new RunFn()))
        .setCoder(SerializableCoder.of(ExperimentResult.class));
  }

  /** Runs the sweep on the runner {@code beamArgs} choose; results in the order of the specs. */
  public static Result run(List<ExperimentSpec> specs, List<String> beamArgs) {
    List<String> args =
        Runners.isDirect(beamArgs)
            ? Runners.withDefaults(beamArgs, Runners.DIRECT_RUN_DEFAULTS)
            : Runners.withRunnerDefaults(beamArgs);
    PipelineOptions options = Runners.options(args);
    Pipeline p = Pipeline.create(options);
    ResultFiles files = ResultFiles.create(options);
    List<ExperimentResult> back;
    long start = System.nanoTime();
    try {
      files.write(build(p, specs), "experiments", ExperimentResult.class, ExperimentResult::key);
      try (Progress.Run progress = Progress.start(progress(specs.size()), options)) {
        PipelineResult result = progress.run(p);
        progress.waitUntilFinish(result);
      }
      back = new ArrayList<>(files.read("experiments", ExperimentResult.class));
    } finally {
      files.delete();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    List<String> order = new ArrayList<>();
    for (ExperimentSpec s : specs) {
      order.add(key(s));
    }
    back.sort(Comparator.comparingInt(r -> order.indexOf(r.key())));
    if (back.size() != specs.size()) {
      throw new IllegalStateException(
          "the sweep ran "
              + specs.size()
              + " experiments but "
              + back.size()
              + " results came back");
    }
    return new Result(back, wall, Runners.name(options));
  }

  /** The namespace of the sweep's counters. */
  static final String METRICS = "da";

  /** Experiments finished. */
  static final String EXPERIMENTS_RUN = "experiments_run";

  /** Assimilation steps of the finished experiments. */
  static final String STEPS_RUN = "steps_run";

  /** What a sweep's progress shows: experiments done of all, assimilation steps a second. */
  static Progress.Spec progress(int experiments) {
    return Progress.Spec.of("da sweep")
        .count("experiments", experiments, Progress.Counter.of(METRICS, EXPERIMENTS_RUN))
        .rate("steps", Progress.Counter.of(METRICS, STEPS_RUN));
  }

  /** The result key of a spec's experiment. */
  static String key(ExperimentSpec s) {
    return new ExperimentResult(
            s.filter(), s.members(), s.inflation(), s.localization(), 0, 0, 0, 0, 0, 0, 0)
        .key();
  }

  /** A sweep's results (in spec order), its wall time and runner. */
  public record Result(List<ExperimentResult> experiments, double wallSeconds, String runner) {
    /** The experiments' own wall times added up: the time to run them one after another. */
    public double sequentialSeconds() {
      return experiments.stream().mapToDouble(ExperimentResult::wallSeconds).sum();
    }
  }

  static final class RunFn extends DoFn<ExperimentSpec, ExperimentResult> {
    private static final long serialVersionUID = 1L;
    private final Counter experiments = Metrics.counter(METRICS, EXPERIMENTS_RUN);
    private final Counter steps = Metrics.counter(METRICS, STEPS_RUN);

    @ProcessElement
    public void process(@Element ExperimentSpec spec, OutputReceiver<ExperimentResult> out) {
      ExperimentResult r = TwinExperiment.run(spec);
      steps.inc(spec.steps());
      experiments.inc();
      out.output(r);
    }
  }
}
