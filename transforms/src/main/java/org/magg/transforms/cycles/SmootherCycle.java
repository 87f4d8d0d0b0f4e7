package org.magg.transforms.cycles;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * 4D-Var-shaped smoothing over a stream of observations, window by window ({@link WindowedCycle}):
 * each window of {@code window} observations (one per model step, null for none) is analysed
 * jointly by {@link FourDVar} from the background at its start; the analysed trajectory over the
 * window (the states at its observation times) is the output, and the analysis moved {@code stride}
 * steps on (mean by M^stride, covariance M^stride A M^stride^T) is the next window's background.
 * With {@code stride == window} the state at the end of each window equals the Kalman filter's
 * analysis there; with {@code stride < window} windows overlap and observations are used more than
 * once.
 */
public final class SmootherCycle implements StatefulOperator<List<double[]>, SmootherCycle.State> {
  private static final long serialVersionUID = 1L;
  private final LinearModel forwardModel;
  private final ObservationOperator obsOp;
  private final FourDVar analysisStep;
  private final int window;
  private final int stride;

  public SmootherCycle(
      LinearModel forwardModel,
      ObservationOperator obsOp,
      FourDVar analysisStep,
      int window,
      int stride) {
    if (stride > window) {
      throw new IllegalArgumentException(
          "smoother stride " + stride + " must not exceed the window " + window);
    }
    this.forwardModel = forwardModel;
    this.obsOp = obsOp;
    this.analysisStep = analysisStep;
    this.window = window;
    this.stride = stride;
  }

  @Override
  public Carry<List<double[]>, State> apply(List<double[]> observations, State state) {
    return new WindowedCycle<double[], State>(this::analyseWindow, window, stride)
        .apply(observations, state);
  }

  private Carry<List<double[]>, State> analyseWindow(List<double[]> obs, State state) {
    DAState da = state.da();
    Gaussian a =
        analysisStep.analyseWindow(state.background(), obs, forwardModel, obsOp, da.obsErrCov());
    List<double[]> trajectory = new ArrayList<>();
    double[] x = a.mean();
    double[][] m = forwardModel.matrix();
    double[][] ms = Matrices.identity(x.length);
    double[] next = null;
    for (int k = 1; k <= obs.size(); k++) {
      x = forwardModel.step(x, forwardModel.dt());
      ms = k <= stride ? Matrices.times(m, ms) : ms;
      trajectory.add(x);
      if (k == stride) {
        next = x;
      }
    }
    double[][] cov = Matrices.times(Matrices.times(ms, a.cov()), Matrices.transpose(ms));
    DAState after =
        new DAState(
            da.t() + stride * forwardModel.dt(), da.cycleCount() + 1, da.obsErrCov(), da.rng());
    return new Carry<>(trajectory, new State(new Gaussian(next, cov), after));
  }

  /** The background at the next window's start and the cycle state. */
  public record State(Gaussian background, DAState da) implements Serializable {}
}
