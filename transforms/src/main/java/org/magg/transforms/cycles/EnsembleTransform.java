package org.magg.transforms.cycles;

/**
 * The ensemble transform of the ETKF (Hunt et al. 2007; Sakov and Oke 2008), in whitened
 * observation space: with S the N x m observation anomalies times R^{-1/2} and d the whitened
 * innovation, G = S S^T + (N-1) I = V diag(g) V^T, the symmetric square root T = sqrt(N-1) V
 * diag(g^{-1/2}) V^T, the mean weights w = V diag(1/g) V^T S d. The analysis is x_i = mu + sum_j
 * (w_j + T_ij) a_j; this returns W with W_ij = w_j + T_ij.
 */
final class EnsembleTransform {
  private EnsembleTransform() {}

  static double[][] weights(double[][] s, double[] d, boolean rotate, Rng rng) {
    int nm = s.length;
    int m = d.length;
    double n1 = nm - 1;
    double[][] g = new double[nm][nm];
    for (int i = 0; i < nm; i++) {
      double[] si = s[i];
      for (int j = i; j < nm; j++) {
        double[] sj = s[j];
        double v = 0;
        for (int k = 0; k < m; k++) {
          v += si[k] * sj[k];
        }
        g[i][j] = v;
        g[j][i] = v;
      }
      g[i][i] += n1;
    }
    double[] b = new double[nm];
    for (int i = 0; i < nm; i++) {
      double v = 0;
      double[] si = s[i];
      for (int k = 0; k < m; k++) {
        v += si[k] * d[k];
      }
      b[i] = v;
    }
    double[] values = new double[nm];
    double[][] vec = Matrices.symmetricEigen(g, values);
    double[] rootInv = new double[nm];
    double[] inv = new double[nm];
    for (int k = 0; k < nm; k++) {
      inv[k] = 1 / values[k];
      rootInv[k] = Math.sqrt(n1 * inv[k]);
    }
    double[][] t = Matrices.fromEigen(vec, rootInv);
    // w = V diag(1/g) V^T b
    double[] vb = new double[nm];
    for (int k = 0; k < nm; k++) {
      double v = 0;
      for (int i = 0; i < nm; i++) {
        v += vec[i][k] * b[i];
      }
      vb[k] = v * inv[k];
    }
    double[] w = new double[nm];
    for (int i = 0; i < nm; i++) {
      double v = 0;
      for (int k = 0; k < nm; k++) {
        v += vec[i][k] * vb[k];
      }
      w[i] = v;
    }
    if (rotate) {
      t = MeanPreservingRotation.rotate(t, rng);
    }
    for (int i = 0; i < nm; i++) {
      for (int j = 0; j < nm; j++) {
        t[i][j] += w[j];
      }
    }
    return t;
  }
}
