package org.magg.transforms.event;

import java.util.Arrays;

/**
 * Labels the connected components of a row-major {@code nLat x nLon} mask with a two-pass
 * union-find over primitive arrays. The first pass gives each mask cell a provisional label, taken
 * from its already-visited neighbours (west, and north-west, north, north-east with 8-connectivity
 * or north with 4) and unites the labels it meets; on a wrapping grid column 0 and column {@code
 * nLon - 1} are neighbours (the west of column 0, the north-west of column 0 and the north-east of
 * the last column wrap; the last column also meets column 0 of its own row). Unions link the larger
 * root under the smaller, so a component's root is the label of its first cell in row-major order.
 * The second pass numbers components 1, 2, ... in the order of their first cell and writes that
 * number into every cell of the label array (0 outside the mask).
 *
 * <p>Not thread-safe: the label array and union-find are reused from one call to the next.
 */
final class ComponentLabeller {
  private final int nLat;
  private final int nLon;
  private final boolean wraps;
  private final boolean eight;
  private final int[] labels;
  private int[] parent = new int[256];
  private int[] component = new int[256];

  ComponentLabeller(int nLat, int nLon, boolean wraps, int connectivity) {
    this.nLat = nLat;
    this.nLon = nLon;
    this.wraps = wraps && nLon > 1;
    this.eight = connectivity == 8;
    this.labels = new int[nLat * nLon];
  }

  /**
   * Labels {@code mask}; returns the number of components. Afterwards {@link #labels()} holds, per
   * cell, its component (1-based, in the order of first cells) or 0.
   */
  int label(boolean[] mask) {
    if (mask.length != labels.length) {
      throw new IllegalArgumentException(
          "mask has "
              + mask.length
              + " cells, the grid "
              + nLat
              + " x "
              + nLon
              + " has "
              + labels.length);
    }
    int next = firstPass(mask);
    int n = 0;
    if (component.length < next) {
      component = new int[Math.max(next, component.length * 2)];
    }
    for (int l = 1; l < next; l++) {
      int p = parent[l];
      // parent[l] <= l always, so parent[l]'s component is already known
      component[l] = p == l ? ++n : component[p];
    }
    int[] lab = labels;
    int[] comp = component;
    for (int c = 0; c < lab.length; c++) {
      int l = lab[c];
      if (l != 0) {
        lab[c] = comp[l];
      }
    }
    return n;
  }

  /** The label of each cell after {@link #label}: not a copy, overwritten by the next call. */
  int[] labels() {
    return labels;
  }

  private int firstPass(boolean[] mask) {
    int[] lab = labels;
    int next = 1;
    int last = nLon - 1;
    for (int i = 0; i < nLat; i++) {
      int row = i * nLon;
      int up = row - nLon;
      for (int j = 0; j < nLon; j++) {
        int c = row + j;
        if (!mask[c]) {
          lab[c] = 0;
          continue;
        }
        int l = j > 0 ? lab[c - 1] : 0;
        if (i > 0) {
          l = join(l, lab[up + j]);
          if (eight) {
            if (j > 0) {
              l = join(l, lab[up + j - 1]);
            } else if (wraps) {
              l = join(l, lab[up + last]);
            }
            if (j < last) {
              l = join(l, lab[up + j + 1]);
            } else if (wraps) {
              l = join(l, lab[up]);
            }
          }
        }
        if (wraps && j == last) {
          l = join(l, lab[row]);
        }
        if (l == 0) {
          if (next == parent.length) {
            parent = Arrays.copyOf(parent, parent.length * 2);
          }
          parent[next] = next;
          l = next++;
        }
        lab[c] = l;
      }
    }
    return next;
  }

  /** The label to give a cell that has {@code l} so far and meets {@code m}; unites them. */
  private int join(int l, int m) {
    if (m == 0) {
      return l;
    }
    if (l == 0 || l == m) {
      return m;
    }
    int a = find(l);
    int b = find(m);
    if (a < b) {
      parent[b] = a;
      return a;
    }
    parent[a] = b;
    return b;
  }

  private int find(int l) {
    int[] p = parent;
    while (p[l] != l) {
      p[l] = p[p[l]];
      l = p[l];
    }
    return l;
  }
}
