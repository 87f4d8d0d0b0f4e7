package org.magg.transforms.spatial;

import java.util.Set;

/** An {@code expression:} variable: a single-valued expression over the cell's columns. */
final class ExpressionAggregator implements CellAggregator {
  private static final long serialVersionUID = 1L;

  private final String outputName;
  private final CompiledExpression expression;

  ExpressionAggregator(String outputName, CompiledExpression expression) {
    this.outputName = outputName;
    this.expression = expression;
  }

  @Override
  public String outputName() {
    return outputName;
  }

  @Override
  public String function() {
    return "expression";
  }

  @Override
  public Set<String> requiredVariables() {
    return expression.variables();
  }

  @Override
  public double apply(CellColumns cells) {
    if (cells.size() == 0) {
      return Double.NaN;
    }
    return expression.evaluateScalar(cells);
  }

  @Override
  public String toString() {
    return outputName + " = " + expression.expression();
  }
}
