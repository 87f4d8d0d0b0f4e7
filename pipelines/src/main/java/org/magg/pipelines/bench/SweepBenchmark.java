package org.magg.pipelines.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.magg.pipelines.cycles.DaSweep;
import org.magg.pipelines.runners.Runners;
import org.magg.transforms.cycles.ExperimentResult;
import org.magg.transforms.cycles.ExperimentSpec;
import org.magg.transforms.cycles.TwinExperiment;

/**
 * How well a data assimilation sweep spreads over the cores, measured side by side in one JVM: the
 * same experiments run by a hand-written loop one after another, by two plain Java threads taking
 * them from one queue (what the machine itself allows), and by the Beam sweep ({@link DaSweep})
 * with one worker and with two. Each round runs the four in that order; every path must give the
 * same analysis RMSE for every experiment (the experiments are seeded).
 */
public final class SweepBenchmark {
  /** The measured ways of running the experiments, in the order of a round. */
  public enum Way {
    LOOP("hand-written loop, one thread"),
    THREADS("two plain threads, one queue"),
    BEAM_1("Beam sweep, 1 worker"),
    BEAM_2("Beam sweep, 2 workers");

    final String label;

    Way(String label) {
      this.label = label;
    }
  }

  /** One timed run of one path. */
  public record Run(Way path, double wallSeconds, double cpuSeconds, double loadBefore) {}

  /** Every run, and whether all paths agreed on every experiment. */
  public record Figures(int experiments, List<Run> runs, List<String> disagreements) {
    /** The best (least) wall time of a path. */
    public double best(Way path) {
      return runs.stream()
          .filter(r -> r.path() == path)
          .mapToDouble(Run::wallSeconds)
          .min()
          .orElse(Double.NaN);
    }

    /** 0 when every path gave the same results, 1 otherwise. */
    public int exitCode() {
      return disagreements.isEmpty() ? 0 : 1;
    }

    public String toText() {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "sweep benchmark: %d experiments, %d cores seen by the JVM%n",
              experiments,
              Runtime.getRuntime().availableProcessors()));
      out.append(
          String.format(
              Locale.ROOT, "  %-30s %9s %9s %6s%n", "path", "wall (s)", "cpu (s)", "load"));
      for (Run r : runs) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %-30s %9.2f %9.2f %6.2f%n",
                r.path().label,
                r.wallSeconds(),
                r.cpuSeconds(),
                r.loadBefore()));
      }
      double loop = best(Way.LOOP);
      double beam1 = best(Way.BEAM_1);
      out.append(
          String.format(
              Locale.ROOT,
              "best of each: two plain threads take %.2f of the loop's time (the machine's own"
                  + " scaling); the Beam sweep with two workers %.2f of the loop's, %.2f of its"
                  + " one-worker time%n",
              best(Way.THREADS) / loop,
              best(Way.BEAM_2) / loop,
              best(Way.BEAM_2) / beam1));
      for (String d : disagreements) {
        out.append("DIFFERENT RESULT: ").append(d).append('\n');
      }
      return out.toString();
    }
  }

  private SweepBenchmark() {}

  /**
   * Runs {@code rounds} rounds of the four paths over {@code specs}; {@code beamArgs} are the
   * sweep's Beam options without a parallelism (the Direct runner by default).
   */
  public static Figures run(List<ExperimentSpec> specs, List<String> beamArgs, int rounds)
      throws InterruptedException {
    if (rounds < 1) {
      throw new IllegalArgumentException("--runs must be at least 1, got " + rounds);
    }
    List<Run> runs = new ArrayList<>();
    List<String> disagreements = new ArrayList<>();
    List<ExperimentResult> reference = null;
    for (int round = 0; round < rounds; round++) {
      for (Way path : Way.values()) {
        double load = Machine.load();
        long c0 = Machine.processCpuNanos();
        long t0 = System.nanoTime();
        List<ExperimentResult> results = runPath(path, specs, beamArgs);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (Machine.processCpuNanos() - c0) / 1e9;
        runs.add(new Run(path, wall, cpu, load));
        if (reference == null) {
          reference = results;
        } else {
          compare(path, reference, results, disagreements);
        }
      }
    }
    return new Figures(specs.size(), runs, disagreements);
  }

  private static List<ExperimentResult> runPath(
      Way path, List<ExperimentSpec> specs, List<String> beamArgs) throws InterruptedException {
    return switch (path) {
      case LOOP -> loop(specs);
      case THREADS -> threads(specs, 2);
      case BEAM_1 -> DaSweep.run(specs, workers(beamArgs, 1)).experiments();
      case BEAM_2 -> DaSweep.run(specs, workers(beamArgs, 2)).experiments();
    };
  }

  /** The beam options with the worker count of the runner in use. */
  static List<String> workers(List<String> beamArgs, int n) {
    String option = Runners.isFlink(beamArgs) ? "--parallelism=" : "--targetParallelism=";
    List<String> out = new ArrayList<>();
    for (String a : beamArgs) {
      if (!a.startsWith("--parallelism=") && !a.startsWith("--targetParallelism=")) {
        out.add(a);
      }
    }
    out.add(option + n);
    return out;
  }

  /** The experiments one after another: the hand-written reference. */
  static List<ExperimentResult> loop(List<ExperimentSpec> specs) {
    List<ExperimentResult> out = new ArrayList<>();
    for (ExperimentSpec s : specs) {
      out.add(TwinExperiment.run(s));
    }
    return out;
  }

  /** The experiments on {@code n} plain threads taking them from one queue, in spec order. */
  static List<ExperimentResult> threads(List<ExperimentSpec> specs, int n)
      throws InterruptedException {
    ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < specs.size(); i++) {
      queue.add(i);
    }
    AtomicReferenceArray<ExperimentResult> results = new AtomicReferenceArray<>(specs.size());
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < n; w++) {
      Thread t =
          new Thread(
              () -> {
                for (Integer i = queue.poll(); i != null; i = queue.poll()) {
                  results.set(i, TwinExperiment.run(specs.get(i)));
                }
              },
              "sweep-thread-" + w);
      t.start();
      workers.add(t);
    }
    for (Thread t : workers) {
      t.join();
    }
    List<ExperimentResult> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      if (results.get(i) == null) {
        throw new IllegalStateException("experiment " + i + " did not finish on its thread");
      }
      out.add(results.get(i));
    }
    return out;
  }

  private static void compare(
      Way path,
      List<ExperimentResult> reference,
      List<ExperimentResult> results,
      List<String> disagreements) {
    for (int i = 0; i < reference.size(); i++) {
      ExperimentResult a = reference.get(i);
      ExperimentResult b = results.get(i);
      if (!a.key().equals(b.key())
          || Double.compare(a.analysisRmse(), b.analysisRmse()) != 0
          || Double.compare(a.freeRmse(), b.freeRmse()) != 0) {
        disagreements.add(
            String.format(
                Locale.ROOT,
                "%s: %s analysis_rmse %.6f, the loop's %s %.6f",
                path.label,
                b.key(),
                b.analysisRmse(),
                a.key(),
                a.analysisRmse()));
      }
    }
  }
}
