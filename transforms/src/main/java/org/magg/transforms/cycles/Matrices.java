package org.magg.transforms.cycles;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/** Small dense matrix helpers on row-major {@code double[][]}, EJML for solves and eigenvectors. */
final class Matrices {
  private Matrices() {}

  static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  static double[][] identity(int n) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      a[i][i] = 1;
    }
    return a;
  }

  static double[] times(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double s = 0;
      double[] row = a[i];
      for (int j = 0; j < x.length; j++) {
        s += row[j] * x[j];
      }
      y[i] = s;
    }
    return y;
  }

  static double[][] times(double[][] a, double[][] b) {
    int n = a.length;
    int k = b.length;
    int m = b[0].length;
    double[][] c = new double[n][m];
    for (int i = 0; i < n; i++) {
      double[] ci = c[i];
      double[] ai = a[i];
      for (int l = 0; l < k; l++) {
        double v = ai[l];
        if (v == 0) {
          continue;
        }
        double[] bl = b[l];
        for (int j = 0; j < m; j++) {
          ci[j] += v * bl[j];
        }
      }
    }
    return c;
  }

  static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  static double[][] plus(double[][] a, double[][] b) {
    double[][] c = copy(a);
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        c[i][j] += b[i][j];
      }
    }
    return c;
  }

  static DMatrixRMaj ejml(double[][] a) {
    return new DMatrixRMaj(a);
  }

  static double[][] array(DMatrixRMaj m) {
    double[][] a = new double[m.numRows][m.numCols];
    for (int i = 0; i < m.numRows; i++) {
      for (int j = 0; j < m.numCols; j++) {
        a[i][j] = m.get(i, j);
      }
    }
    return a;
  }

  /** The inverse of a symmetric positive definite matrix (Cholesky). */
  static double[][] inverseSpd(double[][] a, String what) {
    DMatrixRMaj m = ejml(a);
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(a.length);
    if (!solver.setA(m)) {
      throw new IllegalArgumentException(what + " is not symmetric positive definite");
    }
    DMatrixRMaj inv = new DMatrixRMaj(a.length, a.length);
    solver.invert(inv);
    return array(inv);
  }

  /** Solves a x = b for a general square a (LU). */
  static double[][] solve(double[][] a, double[][] b) {
    DMatrixRMaj x = new DMatrixRMaj(b.length, b[0].length);
    if (!CommonOps_DDRM.solve(ejml(a), ejml(b), x)) {
      throw new IllegalArgumentException("singular matrix");
    }
    return array(x);
  }

  /**
   * Symmetric eigen decomposition of {@code a}: returns the eigenvalues in {@code values} and the
   * eigenvectors as the columns of the returned matrix.
   */
  static double[][] symmetricEigen(double[][] a, double[] values) {
    int n = a.length;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    if (!eig.decompose(ejml(a))) {
      throw new IllegalStateException("eigen decomposition failed");
    }
    double[][] v = new double[n][n];
    for (int k = 0; k < n; k++) {
      values[k] = eig.getEigenvalue(k).getReal();
      DMatrixRMaj vec = eig.getEigenVector(k);
      for (int i = 0; i < n; i++) {
        v[i][k] = vec.get(i, 0);
      }
    }
    return v;
  }

  /** V diag(f) V^T for eigenvectors V (columns) and weights f. */
  static double[][] fromEigen(double[][] v, double[] f) {
    int n = v.length;
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double s = 0;
        for (int k = 0; k < f.length; k++) {
          s += v[i][k] * f[k] * v[j][k];
        }
        out[i][j] = s;
        out[j][i] = s;
      }
    }
    return out;
  }
}
