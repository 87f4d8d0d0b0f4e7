package org.magg.transforms.spatial;

/**
 * Per-evaluation state of a compiled expression: the arrays bound to its variables, the cell's
 * index range and the values of scalar sub-expressions hoisted out of per-point loops. One lives in
 * each {@link CellColumns} and is reused for every evaluation against it (expressions never nest
 * evaluations, so one is enough).
 */
final class EvalContext {
  double[][] vars = new double[4][];
  double[] hoisted = new double[4];
  int from;
  int to;

  void ensure(int nVars, int nHoisted) {
    if (vars.length < nVars) {
      vars = new double[Math.max(nVars, 2 * vars.length)][];
    }
    if (hoisted.length < nHoisted) {
      hoisted = new double[Math.max(nHoisted, 2 * hoisted.length)];
    }
  }
}
