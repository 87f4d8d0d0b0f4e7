package org.magg.transforms.temporal;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A sparse mask over the cells of a grid: the cells inside, ascending, each with a weight (1 for a
 * binary mask). Cells with a zero or NaN weight are not stored, so every spatial function walks
 * only the event's footprint instead of the whole grid.
 */
public final class CellMask implements Serializable {
  private static final CellMask EMPTY = new CellMask(new int[0], null);

  private final int[] cells;
  private final double[] weights;

  private CellMask(int[] cells, double[] weights) {
    this.cells = cells;
    this.weights = weights;
  }

  /** A binary mask of these ascending, distinct cells (not copied). */
  public static CellMask of(int[] cells) {
    return cells.length == 0 ? EMPTY : new CellMask(cells, null);
  }

  /** A weighted mask: {@code weights[k]} for {@code cells[k]} (not copied); null weights mean 1. */
  public static CellMask weighted(int[] cells, double[] weights) {
    if (weights != null && weights.length != cells.length) {
      throw new IllegalArgumentException(
          cells.length + " cells but " + weights.length + " weights");
    }
    return new CellMask(cells, weights);
  }

  /** The nonzero, non-NaN entries of a dense mask. */
  public static CellMask fromDense(double[] mask) {
    int n = 0;
    boolean binary = true;
    for (double m : mask) {
      if (m != 0 && !Double.isNaN(m)) {
        n++;
        binary &= m == 1;
      }
    }
    int[] cells = new int[n];
    double[] weights = binary ? null : new double[n];
    int k = 0;
    for (int c = 0; c < mask.length; c++) {
      double m = mask[c];
      if (m != 0 && !Double.isNaN(m)) {
        cells[k] = c;
        if (weights != null) {
          weights[k] = m;
        }
        k++;
      }
    }
    return new CellMask(cells, weights);
  }

  /** The empty mask. */
  public static CellMask empty() {
    return EMPTY;
  }

  public int size() {
    return cells.length;
  }

  public boolean isEmpty() {
    return cells.length == 0;
  }

  /** The k-th cell inside. */
  public int cell(int k) {
    return cells[k];
  }

  /** The weight of the k-th cell. */
  public double weight(int k) {
    return weights == null ? 1 : weights[k];
  }

  /**
   * This mask restricted to cells where {@code region} is true (or false when {@code inside} is
   * false).
   */
  public CellMask within(boolean[] region, boolean inside) {
    int n = 0;
    for (int c : cells) {
      if (region[c] == inside) {
        n++;
      }
    }
    if (n == cells.length) {
      return this;
    }
    int[] out = new int[n];
    double[] w = weights == null ? null : new double[n];
    int k = 0;
    for (int i = 0; i < cells.length; i++) {
      if (region[cells[i]] == inside) {
        out[k] = cells[i];
        if (w != null) {
          w[k] = weights[i];
        }
        k++;
      }
    }
    return n == 0 ? EMPTY : new CellMask(out, w);
  }

  /**
   * The union of masks: every cell inside any of them, with the largest of its weights (a rolling
   * maximum over time, as the original's precipitation mask takes).
   */
  public static CellMask union(java.util.List<CellMask> masks) {
    if (masks.isEmpty()) {
      return EMPTY;
    }
    if (masks.size() == 1) {
      return masks.get(0);
    }
    // pairwise linear merges of the ascending cell lists (a boxed TreeMap was a hot spot of the
    // precipitation metrics: one union per event and 3 h block)
    boolean binary = true;
    for (CellMask m : masks) {
      binary &= m.weights == null;
    }
    int[] cells = masks.get(0).cells;
    double[] w = binary ? null : masks.get(0).weightsOrOnes();
    for (int i = 1; i < masks.size(); i++) {
      CellMask m = masks.get(i);
      int[] out = new int[cells.length + m.cells.length];
      double[] ow = binary ? null : new double[out.length];
      int a = 0;
      int b = 0;
      int n = 0;
      while (a < cells.length || b < m.cells.length) {
        int ca = a < cells.length ? cells[a] : Integer.MAX_VALUE;
        int cb = b < m.cells.length ? m.cells[b] : Integer.MAX_VALUE;
        if (ca < cb || b == m.cells.length) {
          if (ow != null) {
            ow[n] = w[a];
          }
          out[n++] = ca;
          a++;
        } else if (cb < ca || a == cells.length) {
          if (ow != null) {
            ow[n] = m.weight(b);
          }
          out[n++] = cb;
          b++;
        } else {
          if (ow != null) {
            ow[n] = Math.max(w[a], m.weight(b));
          }
          out[n++] = ca;
          a++;
          b++;
        }
      }
      cells = Arrays.copyOf(out, n);
      w = ow == null ? null : Arrays.copyOf(ow, n);
    }
    return cells.length == 0 ? EMPTY : new CellMask(cells, w);
  }

  /** Whether any cell inside is true in {@code region}. */
  public boolean touches(boolean[] region) {
    for (int c : cells) {
      if (region[c]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CellMask m
        && Arrays.equals(cells, m.cells)
        && Arrays.equals(weightsOrOnes(), m.weightsOrOnes());
  }

  private double[] weightsOrOnes() {
    if (weights != null) {
      return weights;
    }
    double[] ones = new double[cells.length];
    Arrays.fill(ones, 1);
    return ones;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(cells);
  }

  @Override
  public String toString() {
    return "CellMask[" + cells.length + " cells" + (weights == null ? "" : ", weighted") + "]";
  }
}
