package org.magg.transforms.spatial;

/**
 * A problem with an aggregation expression found while compiling it: a syntax error, an unknown
 * function, constant or variable, or a type error (for example {@code len()} of a single value).
 *
 * <p>The message names what went wrong, the 0-based character {@link #position()} at which it was
 * found and the whole expression, e.g. {@code expected ')' but found end of expression at position
 * 9 in expression 'np.sqrt(x'}.
 */
public class ExpressionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String expression;
  private final int position;
  private final String problem;

  ExpressionException(String problem, String expression, int position) {
    super(problem + " at position " + position + " in expression '" + expression + "'");
    this.expression = expression;
    this.position = position;
    this.problem = problem;
  }

  ExpressionException(String problem, String expression, int position, String suffix) {
    super(problem + " at position " + position + " in expression '" + expression + "'" + suffix);
    this.expression = expression;
    this.position = position;
    this.problem = problem;
  }

  /** The expression text that failed to compile. */
  public String expression() {
    return expression;
  }

  /** The 0-based character offset into {@link #expression()} where the problem was found. */
  public int position() {
    return position;
  }

  /** The problem alone, without position or expression (e.g. {@code expected ')'}). */
  public String problem() {
    return problem;
  }
}
