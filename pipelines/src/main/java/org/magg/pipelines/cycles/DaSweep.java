package org.magg.pipelines.cycles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;
import org.magg.io.storage.ResultFiles;
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
      PipelineResult result = p.run();
      result.waitUntilFinish();
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

    @ProcessElement
    public void process(@Element ExperimentSpec spec, OutputReceiver<ExperimentResult> out) {
      out.output(TwinExperiment.run(spec));
    }
  }
}
