package org.magg.transforms.spatial;

import java.util.List;
import java.util.Set;

/** A {@code function:} variable: a numpy reducer applied to the {@code source} column. */
final class FunctionAggregator implements CellAggregator {
  private static final long serialVersionUID = 1L;

  private final String outputName;
  private final AggregationFunction function;
  private final String source; // null only for len without source
  private final CompiledExpression weights; // average only, may be null
  private final double q; // quantile as a fraction in [0, 1]
  private final int ddof;
  private final Set<String> required;

  private transient volatile ColumnSchema.Binding binding;

  FunctionAggregator(
      String outputName,
      AggregationFunction function,
      String source,
      CompiledExpression weights,
      double q,
      int ddof,
      Set<String> required) {
    this.outputName = outputName;
    this.function = function;
    this.source = source;
    this.weights = weights;
    this.q = q;
    this.ddof = ddof;
    this.required = required;
  }

  @Override
  public String outputName() {
    return outputName;
  }

  @Override
  public String function() {
    return function.canonical;
  }

  @Override
  public Set<String> requiredVariables() {
    return required;
  }

  @Override
  public double apply(CellColumns cells) {
    final int from = cells.from();
    final int to = cells.to();
    if (function == AggregationFunction.LEN) {
      return to - from;
    }
    if (to == from) {
      return Double.NaN;
    }
    final int slot = slot(cells.schema());
    final double[] x = cells.column(slot);
    switch (function) {
      case MIN:
        return Stats.min(x, from, to);
      case MAX:
        return Stats.max(x, from, to);
      case SUM:
        return Stats.sum(x, from, to);
      case MEAN:
        return Stats.mean(x, from, to);
      case AVERAGE:
        return weights == null ? Stats.mean(x, from, to) : weightedAverage(cells, x);
      case VAR:
        return Stats.var(x, from, to, ddof);
      case STD:
        return Math.sqrt(Stats.var(x, from, to, ddof));
      case MEDIAN:
        {
          Ranks r = cells.ranks(slot);
          return r.nonNaN() < r.size() ? Double.NaN : Stats.median(r, r.size());
        }
      case QUANTILE:
      case PERCENTILE:
        {
          Ranks r = cells.ranks(slot);
          return r.nonNaN() < r.size() ? Double.NaN : Stats.quantile(r, r.size(), q);
        }
      case NANMIN:
        return Stats.nanMin(x, from, to);
      case NANMAX:
        return Stats.nanMax(x, from, to);
      case NANSUM:
        return Stats.nanSum(x, from, to);
      case NANMEAN:
        return Stats.nanMean(x, from, to);
      case NANVAR:
        return Stats.nanVar(x, from, to, ddof);
      case NANSTD:
        return Math.sqrt(Stats.nanVar(x, from, to, ddof));
      case NANMEDIAN:
        {
          Ranks r = cells.ranks(slot);
          return r.nonNaN() == 0 ? Double.NaN : Stats.median(r, r.nonNaN());
        }
      case NANQUANTILE:
      case NANPERCENTILE:
        {
          Ranks r = cells.ranks(slot);
          return r.nonNaN() == 0 ? Double.NaN : Stats.quantile(r, r.nonNaN(), q);
        }
      default:
        throw new AssertionError(function);
    }
  }

  /**
   * {@code numpy.average(x, weights=w)}: {@code sum(x * w) / sum(w)}, raising when the weights sum
   * to zero as numpy does.
   */
  private double weightedAverage(CellColumns cells, double[] x) {
    EvalContext c = weights.prepare(cells);
    ExpressionNodes.Node w = weights.root();
    final int from = c.from;
    final int to = c.to;
    double sw = 0.0;
    double cw = 0.0;
    double swx = 0.0;
    double cwx = 0.0;
    for (int i = from; i < to; i++) {
      double wi = w.at(c, i);
      double t = sw + wi;
      if (Math.abs(sw) >= Math.abs(wi)) {
        cw += (sw - t) + wi;
      } else {
        cw += (wi - t) + sw;
      }
      sw = t;
      double p = wi * x[i];
      t = swx + p;
      if (Math.abs(swx) >= Math.abs(p)) {
        cwx += (swx - t) + p;
      } else {
        cwx += (p - t) + swx;
      }
      swx = t;
    }
    double sumW = Double.isFinite(sw) ? sw + cw : sw;
    double sumWX = Double.isFinite(swx) ? swx + cwx : swx;
    if (sumW == 0.0) {
      throw new ArithmeticException(
          outputName
              + ": weights '"
              + weights.expression()
              + "' sum to zero over a cell of "
              + (to - from)
              + " points, can't be normalized (numpy.average raises here too)");
    }
    return sumWX / sumW;
  }

  private int slot(ColumnSchema schema) {
    ColumnSchema.Binding b = binding;
    if (b == null || !b.schema.sameLayout(schema)) {
      int[] slots = schema.resolve(List.of(source), "aggregation variable '" + outputName + "'");
      b = new ColumnSchema.Binding(schema, slots);
      binding = b;
    }
    return b.slots[0];
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(outputName).append(" = ").append(function.canonical);
    sb.append('(').append(source == null ? "" : source);
    if (weights != null) {
      sb.append(", weights=").append(weights.expression());
    }
    if (function.params.contains("q")) {
      sb.append(", q=")
          .append(
              function == AggregationFunction.PERCENTILE
                      || function == AggregationFunction.NANPERCENTILE
                  ? q * 100.0
                  : q);
    }
    if (ddof != 0) {
      sb.append(", ddof=").append(ddof);
    }
    return sb.append(')').toString();
  }
}
