package org.magg.transforms.cycles;

/** 2 x 2 and small matrix arithmetic written out for the tests' closed forms. */
final class Small {
  private Small() {}

  static double[][] inv2(double[][] a) {
    double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
    return new double[][] {{a[1][1] / det, -a[0][1] / det}, {-a[1][0] / det, a[0][0] / det}};
  }

  static double[][] mul(double[][] a, double[][] b) {
    double[][] c = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b[0].length; j++) {
        for (int k = 0; k < b.length; k++) {
          c[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return c;
  }

  static double[] mul(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < x.length; k++) {
        y[i] += a[i][k] * x[k];
      }
    }
    return y;
  }

  static double[][] t(double[][] a) {
    double[][] c = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        c[j][i] = a[i][j];
      }
    }
    return c;
  }

  static double[][] add(double[][] a, double[][] b) {
    double[][] c = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        c[i][j] = a[i][j] + b[i][j];
      }
    }
    return c;
  }

  static double[] add(double[] a, double[] b) {
    double[] c = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i] + b[i];
    }
    return c;
  }

  static double[][] scale(double[][] a, double f) {
    double[][] c = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        c[i][j] = a[i][j] * f;
      }
    }
    return c;
  }

  /** Gauss-Jordan inverse with partial pivoting. */
  static double[][] inv(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
          p = r;
        }
      }
      double[] tmp = m[c];
      m[c] = m[p];
      m[p] = tmp;
      double d = m[c][c];
      for (int j = 0; j < 2 * n; j++) {
        m[c][j] /= d;
      }
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = m[r][c];
          for (int j = 0; j < 2 * n; j++) {
            m[r][j] -= f * m[c][j];
          }
        }
      }
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], n, out[i], 0, n);
    }
    return out;
  }

  static double[] sampleMean(double[][] e) {
    double[] mu = new double[e[0].length];
    for (double[] x : e) {
      for (int j = 0; j < mu.length; j++) {
        mu[j] += x[j] / e.length;
      }
    }
    return mu;
  }

  static double[][] sampleCov(double[][] e) {
    double[] mu = sampleMean(e);
    int n = mu.length;
    double[][] c = new double[n][n];
    for (double[] x : e) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          c[i][j] += (x[i] - mu[i]) * (x[j] - mu[j]) / (e.length - 1);
        }
      }
    }
    return c;
  }

  static void assertClose(double[][] expected, double[][] actual, double tol) {
    for (int i = 0; i < expected.length; i++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(expected[i], actual[i], tol, "row " + i);
    }
  }
}
