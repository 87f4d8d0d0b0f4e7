package org.magg.transforms.cycles;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The local ensemble transform Kalman filter (Hunt et al. 2007; DAPPER's {@code LETKF}): the
 * observation anomalies and innovation are whitened once, then each batch of state variables
 * ({@link Localization}) is analysed by the ETKF transform with the observations near it, whose
 * whitened anomalies and innovation are multiplied by the square root of their Gaspari-Cohn weight
 * (tapering the observation error: R_local = R / weight). With {@code rotate}, a random
 * mean-preserving rotation of the whole ensemble's anomalies follows.
 *
 * <p>The analysis is split so that the batches can run apart (in Beam: one element each): {@link
 * #prepare}, {@link Prepared#task} and {@link LocalTask#solve} per batch, {@link #assemble}, then
 * {@link #finish}; {@link #analyse} runs them in order.
 */
public final class Letkf implements AnalysisStep<double[][]> {
  private static final long serialVersionUID = 1L;
  private final double radius;
  private final int batchSize;
  private final boolean rotate;
  private transient Localization cached;
  private transient double[] cachedLocations;

  /** DAPPER's Lorenz-96 setting: batches of 2 variables. */
  public Letkf(double radius, boolean rotate) {
    this(radius, 2, rotate);
  }

  public Letkf(double radius, int batchSize, boolean rotate) {
    if (!(radius >= 0)) {
      throw new IllegalArgumentException("localisation radius must be >= 0, got " + radius);
    }
    this.radius = radius;
    this.batchSize = batchSize;
    this.rotate = rotate;
  }

  public double radius() {
    return radius;
  }

  public boolean rotates() {
    return rotate;
  }

  /** The localisation for a state of n variables observed through h. */
  public Localization localization(int n, ObservationOperator h) {
    double[] loc = h.locations(n);
    if (cached == null || cached.stateDim() != n || !Arrays.equals(loc, cachedLocations)) {
      cached = Localization.periodic(n, loc, radius, batchSize);
      cachedLocations = loc;
    }
    return cached;
  }

  /** Whitening and localisation of one analysis. */
  public Prepared prepare(double[][] forecast, double[] obs, ObservationOperator h, ObsError r) {
    Ensembles.check(forecast, obs, h, r);
    return new Prepared(
        forecast, Whitened.of(forecast, obs, h, r), localization(forecast[0].length, h));
  }

  /** The analysed ensemble from the forecast and each batch's result. */
  public static double[][] assemble(double[][] forecast, Iterable<LocalResult> results) {
    double[][] out = Ensembles.copy(forecast);
    for (LocalResult res : results) {
      int[] cols = res.columns();
      for (int i = 0; i < out.length; i++) {
        for (int c = 0; c < cols.length; c++) {
          out[i][cols[c]] = res.values()[i][c];
        }
      }
    }
    return out;
  }

  /** The global rotation (when on); changes and returns {@code analysis}. */
  public double[][] finish(double[][] analysis, Rng rng) {
    if (!rotate) {
      return analysis;
    }
    double[] mu = Ensembles.mean(analysis);
    double[][] a = Ensembles.anomalies(analysis, mu);
    return Ensembles.combine(mu, MeanPreservingRotation.draw(analysis.length, rng), a);
  }

  @Override
  public double[][] analyse(
      double[][] forecast, double[] obs, ObservationOperator h, ObsError r, Rng rng) {
    Prepared p = prepare(forecast, obs, h, r);
    double[][] out = Ensembles.copy(forecast);
    for (int b = 0; b < p.localization().batchCount(); b++) {
      LocalResult res = p.task(b).solve();
      int[] cols = res.columns();
      for (int i = 0; i < out.length; i++) {
        for (int c = 0; c < cols.length; c++) {
          out[i][cols[c]] = res.values()[i][c];
        }
      }
    }
    return finish(out, rng);
  }

  /** The shared inputs of one analysis's local analyses. */
  public record Prepared(double[][] forecast, Whitened whitened, Localization localization)
      implements Serializable {
    /** Batch b's inputs: its columns of the ensemble and its tapered observations. */
    public LocalTask task(int b) {
      int[] cols = localization.batchRef(b);
      int[] jj = localization.obsRef(b);
      double[] wts = localization.weightsRef(b);
      int nm = forecast.length;
      double[][] e = new double[nm][cols.length];
      double[][] s = new double[nm][jj.length];
      double[][] full = whitened.s();
      for (int i = 0; i < nm; i++) {
        for (int c = 0; c < cols.length; c++) {
          e[i][c] = forecast[i][cols[c]];
        }
        for (int k = 0; k < jj.length; k++) {
          s[i][k] = full[i][jj[k]] * Math.sqrt(wts[k]);
        }
      }
      double[] d = new double[jj.length];
      for (int k = 0; k < jj.length; k++) {
        d[k] = whitened.d()[jj[k]] * Math.sqrt(wts[k]);
      }
      return new LocalTask(b, cols.clone(), e, s, d);
    }
  }

  /** One batch's local analysis: its ensemble columns and tapered whitened observations. */
  public record LocalTask(int batch, int[] columns, double[][] ensemble, double[][] s, double[] d)
      implements Serializable {
    /** The ETKF transform of the batch (its columns unchanged when no observation is near). */
    public LocalResult solve() {
      if (d.length == 0) {
        return new LocalResult(batch, columns, Ensembles.copy(ensemble));
      }
      double[] mu = Ensembles.mean(ensemble);
      double[][] a = Ensembles.anomalies(ensemble, mu);
      double[][] w = EnsembleTransform.weights(s, d, false, null);
      return new LocalResult(batch, columns, Ensembles.combine(mu, w, a));
    }
  }

  /** The analysed columns of one batch. */
  public record LocalResult(int batch, int[] columns, double[][] values) implements Serializable {}
}
