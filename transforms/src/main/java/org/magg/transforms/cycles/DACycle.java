package org.magg.transforms.cycles;

import java.util.ArrayList;
import java.util.List;

/**
 * The forecast-analysis cycle of one Gaussian state estimate (the Kalman filter; extended, for a
 * nonlinear model or observation operator): each cycle steps the mean by the model, propagates the
 * covariance by the model's Jacobian M (exact for a {@link LinearModel}, else finite differences)
 * as M P M^T + Q, and analyses when there is an observation. With {@code saveHistory}, {@link
 * #runWithHistory} keeps each cycle's (forecast, analysis) pair.
 */
public final class DACycle implements StatefulOperator<Gaussian, DAState> {
  private static final long serialVersionUID = 1L;
  private final ForwardModel forwardModel;
  private final ObservationOperator obsOp;
  private final AnalysisStep<Gaussian> analysisStep;
  private final ObservationSource obsSource;
  private final int nSteps;
  private final double[][] modelErrorCov;

  public DACycle(
      ForwardModel forwardModel,
      ObservationOperator obsOp,
      AnalysisStep<Gaussian> analysisStep,
      ObservationSource obsSource,
      int nSteps,
      double[][] modelErrorCov) {
    if (nSteps < 0) {
      throw new IllegalArgumentException("nSteps must be >= 0, got " + nSteps);
    }
    this.forwardModel = forwardModel;
    this.obsOp = obsOp;
    this.analysisStep = analysisStep;
    this.obsSource = obsSource;
    this.nSteps = nSteps;
    this.modelErrorCov = modelErrorCov == null ? null : Matrices.copy(modelErrorCov);
  }

  @Override
  public Carry<Gaussian, DAState> apply(Gaussian estimate, DAState state) {
    EnsembleDACycle.Run<Gaussian> r = runWithHistory(estimate, state, false);
    return new Carry<>(r.carrier(), r.state());
  }

  /** Runs the cycles, keeping each (forecast, analysis) pair when {@code saveHistory}. */
  public EnsembleDACycle.Run<Gaussian> runWithHistory(
      Gaussian estimate, DAState state, boolean saveHistory) {
    List<HistoryEntry<Gaussian>> history = new ArrayList<>();
    Rng rng = state.rng().copy();
    double t = state.t();
    long cycle = state.cycleCount();
    double dt = forwardModel.dt();
    Gaussian now = estimate;
    for (int k = 0; k < nSteps; k++) {
      double[] x = now.mean();
      double[][] m = Jacobians.ofModel(forwardModel, x, dt);
      double[][] p = Matrices.times(Matrices.times(m, now.cov()), Matrices.transpose(m));
      if (modelErrorCov != null) {
        p = Matrices.plus(p, modelErrorCov);
      }
      Gaussian forecast = new Gaussian(forwardModel.step(x, dt), p);
      t += dt;
      cycle++;
      double[] y = obsSource.at(cycle, t);
      Gaussian analysis =
          y == null ? forecast : analysisStep.analyse(forecast, y, obsOp, state.obsErrCov(), rng);
      if (saveHistory) {
        history.add(new HistoryEntry<>(cycle, t, forecast, analysis, y != null));
      }
      now = analysis;
    }
    return new EnsembleDACycle.Run<>(now, new DAState(t, cycle, state.obsErrCov(), rng), history);
  }
}
