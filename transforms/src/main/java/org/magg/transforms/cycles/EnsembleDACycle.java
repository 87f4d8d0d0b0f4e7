package org.magg.transforms.cycles;

import java.util.ArrayList;
import java.util.List;

/**
 * The ensemble forecast-analysis cycle (EnKF, ETKF, LETKF): each of {@code nSteps} cycles steps
 * every member by the model's dt, advances time and the cycle count, and, when the observation
 * source has an observation for the cycle, replaces the ensemble by the analysis. The carrier is
 * the ensemble ({@code double[member][variable]}), the state a {@link DAState}.
 */
public final class EnsembleDACycle implements StatefulOperator<double[][], DAState> {
  private static final long serialVersionUID = 1L;
  private final ForwardModel forwardModel;
  private final ObservationOperator obsOp;
  private final AnalysisStep<double[][]> analysisStep;
  private final ObservationSource obsSource;
  private final int nSteps;
  private final int nMembers;

  public EnsembleDACycle(
      ForwardModel forwardModel,
      ObservationOperator obsOp,
      AnalysisStep<double[][]> analysisStep,
      ObservationSource obsSource,
      int nSteps,
      int nMembers) {
    if (nMembers < 2) {
      throw new IllegalArgumentException("an ensemble needs at least 2 members, got " + nMembers);
    }
    if (nSteps < 0) {
      throw new IllegalArgumentException("nSteps must be >= 0, got " + nSteps);
    }
    this.forwardModel = forwardModel;
    this.obsOp = obsOp;
    this.analysisStep = analysisStep;
    this.obsSource = obsSource;
    this.nSteps = nSteps;
    this.nMembers = nMembers;
  }

  public ForwardModel forwardModel() {
    return forwardModel;
  }

  public ObservationOperator obsOp() {
    return obsOp;
  }

  public AnalysisStep<double[][]> analysisStep() {
    return analysisStep;
  }

  public ObservationSource obsSource() {
    return obsSource;
  }

  public int nSteps() {
    return nSteps;
  }

  /** The same cycle for another number of steps. */
  public EnsembleDACycle withSteps(int steps) {
    return new EnsembleDACycle(forwardModel, obsOp, analysisStep, obsSource, steps, nMembers);
  }

  @Override
  public Carry<double[][], DAState> apply(double[][] ensemble, DAState state) {
    return run(ensemble, state, null);
  }

  /** Runs the cycles, showing each one's forecast and analysis to {@code observer} (if any). */
  public Carry<double[][], DAState> run(
      double[][] ensemble, DAState state, CycleObserver<double[][]> observer) {
    if (ensemble.length != nMembers) {
      throw new IllegalArgumentException(
          "expected an ensemble of " + nMembers + " members, got " + ensemble.length);
    }
    int n = ensemble[0].length;
    obsOp.obsDim(n);
    double[][] e = Ensembles.copy(ensemble);
    Rng rng = state.rng().copy();
    double t = state.t();
    long cycle = state.cycleCount();
    double dt = forwardModel.dt();
    for (int k = 0; k < nSteps; k++) {
      forwardModel.stepAll(e, dt);
      t += dt;
      cycle++;
      double[] y = obsSource.at(cycle, t);
      double[][] analysis = e;
      if (y != null) {
        analysis = analysisStep.analyse(e, y, obsOp, state.obsErrCov(), rng);
      }
      if (observer != null) {
        observer.observe(cycle, t, e, analysis, y != null);
      }
      e = analysis;
    }
    return new Carry<>(e, new DAState(t, cycle, state.obsErrCov(), rng));
  }

  /** Runs the cycles and keeps every {@code stride}-th (forecast, analysis) pair. */
  public Run<double[][]> runWithHistory(double[][] ensemble, DAState state, int stride) {
    List<HistoryEntry<double[][]>> history = new ArrayList<>();
    Carry<double[][], DAState> end =
        run(
            ensemble,
            state,
            (c, t, f, a, observed) -> {
              if (c % stride == 0) {
                history.add(
                    new HistoryEntry<>(c, t, Ensembles.copy(f), Ensembles.copy(a), observed));
              }
            });
    return new Run<>(end.carrier(), end.state(), history);
  }

  /** A cycle's end and its history. */
  public record Run<F>(F carrier, DAState state, List<HistoryEntry<F>> history) {}
}
