package org.magg.transforms.cycles;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A Lorenz-96 twin experiment in DAPPER's {@code sakov2008} setting: the truth starts from a draw
 * of N(x0, 0.001 I), x0 = (1, 0, ..., 0), and is run by RK4; every {@code obsEvery} steps the
 * observed variables are measured with Gaussian error of standard deviation {@code obsError}; the
 * initial ensemble is N draws of the same distribution. The filter cycles ({@link EnsembleDACycle})
 * and a free run (the same initial ensemble without assimilation) are scored by the RMSE of their
 * ensemble mean against the truth over all variables, averaged over the observed cycles after the
 * burn-in.
 *
 * <p>Random streams of the seed: 0 the truth's start and the observation noise, 1 the initial
 * ensemble, 2 the analyses (perturbed observations, rotations).
 */
public final class TwinExperiment {
  private static final double INITIAL_VARIANCE = 0.001;

  private TwinExperiment() {}

  /** Runs the experiment. */
  public static ExperimentResult run(ExperimentSpec given) {
    return run(given, null);
  }

  /**
   * Runs the experiment and records the analysis and free-run RMSE of every observed cycle into
   * {@code series} (null: none), made with the spec's steps.
   */
  public static ExperimentResult run(ExperimentSpec given, RmseSeries series) {
    ExperimentSpec spec = given.validate();
    long start = System.nanoTime();
    int n = spec.variables();
    Lorenz96 model = new Lorenz96(n, spec.forcing(), spec.dt());
    ObservationOperator h = spec.obsOperator();
    int m = h.obsDim(n);
    ObsError r = ObsError.diagonal(m, spec.obsError() * spec.obsError());
    double sd0 = Math.sqrt(INITIAL_VARIANCE);

    Rng truthRng = Rng.seeded(spec.seed(), 0);
    double[] truth = new double[n];
    for (int i = 0; i < n; i++) {
      truth[i] = (i == 0 ? 1 : 0) + sd0 * truthRng.nextGaussian();
    }
    int steps = spec.steps();
    double[][] truths = new double[steps + 1][];
    double[][] obs = new double[steps][];
    truths[0] = truth;
    double[][] work = new double[5][n];
    for (int k = 1; k <= steps; k++) {
      double[] x = truths[k - 1].clone();
      model.rk4(x, spec.dt(), work);
      truths[k] = x;
      if (k % spec.obsEvery() == 0) {
        double[] y = h.apply(x);
        double[] noise = r.sample(truthRng);
        for (int j = 0; j < m; j++) {
          y[j] += noise[j];
        }
        obs[k - 1] = y;
      }
    }

    Rng ensembleRng = Rng.seeded(spec.seed(), 1);
    double[][] initial = new double[spec.members()][n];
    for (double[] x : initial) {
      for (int i = 0; i < n; i++) {
        x[i] = (i == 0 ? 1 : 0) + sd0 * ensembleRng.nextGaussian();
      }
    }

    Score free = new Score(spec.burnIn());
    double[][] e = Ensembles.copy(initial);
    for (int k = 1; k <= steps; k++) {
      model.stepAll(e, spec.dt());
      if (obs[k - 1] != null) {
        double rmse = Ensembles.rmse(Ensembles.mean(e), truths[k]);
        free.add(k, rmse);
        if (series != null) {
          series.free(k, rmse);
        }
      }
    }

    EnsembleDACycle cycle =
        new EnsembleDACycle(
            model, h, spec.analysisStep(), ObservationSource.of(obs), steps, spec.members());
    Score analysis = new Score(spec.burnIn());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    long cpuStart = cpu ? threads.getCurrentThreadCpuTime() : 0;
    long filterStart = System.nanoTime();
    cycle.run(
        initial,
        new DAState(0, 0, r, Rng.seeded(spec.seed(), 2)),
        (c, t, f, a, observed) -> {
          if (observed) {
            double rmse = Ensembles.rmse(Ensembles.mean(a), truths[(int) c]);
            analysis.add(c, rmse);
            if (series != null) {
              series.analysis(c, rmse);
            }
          }
        });
    long end = System.nanoTime();
    double cpuSeconds = cpu ? (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9 : Double.NaN;
    return new ExperimentResult(
        spec.filter(),
        spec.members(),
        spec.inflation(),
        spec.localization(),
        steps,
        analysis.mean(),
        free.mean(),
        spec.obsError(),
        (end - filterStart) / 1e9,
        cpuSeconds,
        (end - start) / 1e9);
  }

  /** Time mean of the RMSE over the cycles after the burn-in. */
  private static final class Score {
    private final int burnIn;
    private double sum;
    private long count;

    Score(int burnIn) {
      this.burnIn = burnIn;
    }

    void add(long cycle, double rmse) {
      if (cycle > burnIn) {
        sum += rmse;
        count++;
      }
    }

    double mean() {
      return count == 0 ? Double.NaN : sum / count;
    }
  }
}
