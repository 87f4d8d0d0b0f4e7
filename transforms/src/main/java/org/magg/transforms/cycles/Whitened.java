package org.magg.transforms.cycles;

import java.io.Serializable;

/**
 * An ensemble's observation anomalies and innovation in whitened observation space: {@code s[i] =
 * R^{-1/2} (h(x_i) - mean h)}, {@code d = R^{-1/2} (y - mean h)}.
 */
public record Whitened(double[][] s, double[] d) implements Serializable {
  static Whitened of(double[][] e, double[] y, ObservationOperator h, ObsError r) {
    double[][] eo = Ensembles.observe(e, h);
    double[] xo = Ensembles.mean(eo);
    double[][] s = new double[e.length][];
    for (int i = 0; i < e.length; i++) {
      double[] yi = eo[i];
      for (int k = 0; k < yi.length; k++) {
        yi[k] -= xo[k];
      }
      s[i] = r.whiten(yi);
    }
    double[] dy = new double[y.length];
    for (int k = 0; k < y.length; k++) {
      dy[k] = y[k] - xo[k];
    }
    return new Whitened(s, r.whiten(dy));
  }
}
