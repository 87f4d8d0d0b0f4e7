package org.magg.transforms.cycles;

/**
 * A random orthogonal N x N matrix Q with Q 1 = 1, uniformly (Haar) distributed among such
 * matrices: rotating the anomalies of an ensemble by it keeps their mean (zero) and covariance and
 * spreads the members over directions, as in Sakov and Oke (2008). Q = H diag(1, O) H, where O is a
 * Haar orthogonal (N-1) x (N-1) matrix (the Q factor, with a positive diagonal of R, of a matrix of
 * independent standard normals drawn row by row; Gram-Schmidt with a second orthogonalisation pass)
 * and H the Householder reflection that swaps e_1 and 1/sqrt(N).
 */
public final class MeanPreservingRotation {
  private MeanPreservingRotation() {}

  /** A draw of the rotation for an ensemble of {@code n} members. */
  public static double[][] draw(int n, Rng rng) {
    int k = n - 1;
    double[][] q = haarOrthogonal(k, rng);
    double[][] b = new double[n][n];
    b[0][0] = 1;
    for (int i = 0; i < k; i++) {
      System.arraycopy(q[i], 0, b[i + 1], 1, k);
    }
    // H = I - 2 u u^T / (u^T u) with u = e_1 - 1/sqrt(n)
    double[] u = new double[n];
    double c = 1 / Math.sqrt(n);
    for (int i = 0; i < n; i++) {
      u[i] = -c;
    }
    u[0] += 1;
    double uu = 0;
    for (double v : u) {
      uu += v * v;
    }
    if (uu == 0) {
      return b; // n == 1
    }
    double f = 2 / uu;
    reflectRows(b, u, f);
    reflectColumns(b, u, f);
    return b;
  }

  /** Q T for a fresh draw Q. */
  static double[][] rotate(double[][] t, Rng rng) {
    return Matrices.times(draw(t.length, rng), t);
  }

  /** m := H m (H = I - f u u^T). */
  private static void reflectRows(double[][] m, double[] u, double f) {
    int n = u.length;
    double[] ut = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        ut[j] += u[i] * m[i][j];
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] -= f * u[i] * ut[j];
      }
    }
  }

  /** m := m H. */
  private static void reflectColumns(double[][] m, double[] u, double f) {
    int n = u.length;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += m[i][j] * u[j];
      }
      for (int j = 0; j < n; j++) {
        m[i][j] -= f * s * u[j];
      }
    }
  }

  /** Q of the QR factorisation (positive diagonal of R) of a k x k standard normal matrix. */
  static double[][] haarOrthogonal(int k, Rng rng) {
    double[][] cols = new double[k][k]; // cols[c] is column c
    for (int i = 0; i < k; i++) {
      for (int c = 0; c < k; c++) {
        cols[c][i] = rng.nextGaussian();
      }
    }
    for (int c = 0; c < k; c++) {
      double[] v = cols[c];
      for (int pass = 0; pass < 2; pass++) {
        for (int p = 0; p < c; p++) {
          double[] q = cols[p];
          double dot = 0;
          for (int i = 0; i < k; i++) {
            dot += q[i] * v[i];
          }
          for (int i = 0; i < k; i++) {
            v[i] -= dot * q[i];
          }
        }
      }
      double norm = 0;
      for (double x : v) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < k; i++) {
        v[i] /= norm;
      }
    }
    double[][] q = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int c = 0; c < k; c++) {
        q[i][c] = cols[c][i];
      }
    }
    return q;
  }
}
