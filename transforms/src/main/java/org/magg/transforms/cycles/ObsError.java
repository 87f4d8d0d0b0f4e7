package org.magg.transforms.cycles;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The observation error covariance R, with what the analyses need of it: whitening by the symmetric
 * inverse square root R^{-1/2}, and sampling of N(0, R) through its Cholesky factor. A diagonal R
 * takes a fast path.
 */
public final class ObsError implements Serializable {
  private static final long serialVersionUID = 1L;
  private final double[][] cov;
  private final boolean diagonal;
  private final double[] sd;
  private final double[][] symSqrtInv;
  private final double[][] cholesky;

  private ObsError(double[][] cov) {
    int m = cov.length;
    if (m == 0) {
      throw new IllegalArgumentException("the observation error covariance is empty");
    }
    boolean diag = true;
    for (int i = 0; i < m; i++) {
      if (cov[i].length != m) {
        throw new IllegalArgumentException(
            "the observation error covariance must be square, row " + i + " has " + cov[i].length);
      }
      for (int j = 0; j < m; j++) {
        if (cov[i][j] != cov[j][i]) {
          throw new IllegalArgumentException("the observation error covariance is not symmetric");
        }
        if (i != j && cov[i][j] != 0) {
          diag = false;
        }
      }
    }
    this.cov = Matrices.copy(cov);
    this.diagonal = diag;
    if (diag) {
      this.sd = new double[m];
      for (int i = 0; i < m; i++) {
        if (!(cov[i][i] > 0)) {
          throw new IllegalArgumentException(
              "the observation error variance " + i + " must be > 0, got " + cov[i][i]);
        }
        sd[i] = Math.sqrt(cov[i][i]);
      }
      this.symSqrtInv = null;
      this.cholesky = null;
    } else {
      double[] values = new double[m];
      double[][] v = Matrices.symmetricEigen(cov, values);
      double[] f = new double[m];
      for (int k = 0; k < m; k++) {
        if (!(values[k] > 0)) {
          throw new IllegalArgumentException(
              "the observation error covariance is not positive definite");
        }
        f[k] = 1 / Math.sqrt(values[k]);
      }
      this.sd = null;
      this.symSqrtInv = Matrices.fromEigen(v, f);
      this.cholesky = lowerCholesky(cov);
    }
  }

  /** R = variance I for {@code m} observations. */
  public static ObsError diagonal(int m, double variance) {
    double[][] c = new double[m][m];
    for (int i = 0; i < m; i++) {
      c[i][i] = variance;
    }
    return new ObsError(c);
  }

  /** R given in full (symmetric positive definite). */
  public static ObsError of(double[][] cov) {
    return new ObsError(cov);
  }

  public int dim() {
    return cov.length;
  }

  public double[][] cov() {
    return Matrices.copy(cov);
  }

  public boolean isDiagonal() {
    return diagonal;
  }

  /** R^{-1/2} v (symmetric square root). */
  public double[] whiten(double[] v) {
    if (diagonal) {
      double[] out = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = v[i] / sd[i];
      }
      return out;
    }
    return Matrices.times(symSqrtInv, v);
  }

  /** A draw of N(0, R): L z with R = L L^T and z standard normal (drawn in index order). */
  public double[] sample(Rng rng) {
    int m = cov.length;
    double[] z = new double[m];
    for (int i = 0; i < m; i++) {
      z[i] = rng.nextGaussian();
    }
    if (diagonal) {
      for (int i = 0; i < m; i++) {
        z[i] *= sd[i];
      }
      return z;
    }
    return Matrices.times(cholesky, z);
  }

  private static double[][] lowerCholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw new IllegalArgumentException(
                "the observation error covariance is not positive definite");
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return l;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObsError e && Arrays.deepEquals(cov, e.cov);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(cov);
  }

  @Override
  public String toString() {
    return diagonal && allEqual(sd)
        ? "ObsError(" + cov.length + " x variance " + cov[0][0] + ")"
        : "ObsError(" + Arrays.deepToString(cov) + ")";
  }

  private static boolean allEqual(double[] a) {
    for (double v : a) {
      if (v != a[0]) {
        return false;
      }
    }
    return true;
  }
}
