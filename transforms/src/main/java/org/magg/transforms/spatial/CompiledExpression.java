package org.magg.transforms.spatial;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.magg.transforms.spatial.ExpressionNodes.Node;

/**
 * An aggregation expression parsed once into an immutable, serialisable tree and evaluated many
 * times against the columns of a cell.
 *
 * <h2>Language</h2>
 *
 * The subset of Python/numpy that magg configurations use:
 *
 * <ul>
 *   <li>numbers ({@code 2}, {@code 1.0}, {@code .5}, {@code 1e-3}); column names (identifiers);
 *   <li>{@code + - * /}, unary {@code -} and {@code +}, {@code **} (right-associative, binding
 *       tighter than a unary sign on its left: {@code -x**2 == -(x**2)}, {@code 2**-1 == 0.5}),
 *       parentheses;
 *   <li>element-wise {@code sqrt, log, exp, abs} ({@code np.absolute} too);
 *   <li>reductions {@code sum, mean, min, max, len} ({@code np.amin}, {@code np.amax} too);
 *   <li>constants {@code np.pi, np.e, np.inf, np.nan}.
 * </ul>
 *
 * Every function may be written bare or with an {@code np.} / {@code numpy.} prefix ({@code len}
 * only bare, as in Python). Functions take exactly one positional argument.
 *
 * <h2>Types and semantics</h2>
 *
 * A value is either a single number or a per-point column; column names are columns, reductions
 * yield single values, and arithmetic broadcasts a single value over a column as numpy does. The
 * type of the whole expression is known at compile time ({@link #isScalar()}); {@code len} of a
 * single value is a compile error (Python raises). A reduction of a single value is that value
 * ({@code np.sum(3.0) == 3.0}).
 *
 * <p>Arithmetic is IEEE float64, i.e. numpy's semantics for float arrays: division by zero gives
 * ±inf or NaN, {@code sqrt}/{@code log} of negatives give NaN, NaN propagates through {@code sum},
 * {@code mean}, {@code min} and {@code max}. (Plain Python floats would raise on {@code 1.0/0.0};
 * magg's expressions operate on numpy values, so IEEE results are what it produces.) Sums are
 * compensated. On a cell with no points {@code sum} gives 0, {@code len} 0 and {@code mean}, {@code
 * min}, {@code max} NaN (numpy raises for the last two); {@link CellAggregator}s never evaluate
 * empty cells.
 *
 * <p>Constant sub-expressions are folded at compile time and single-valued sub-expressions inside
 * per-point arithmetic (e.g. the {@code np.mean(h)} in {@code h - np.mean(h)}) are computed once
 * per evaluation; per-point arithmetic itself allocates no intermediate arrays.
 */
public final class CompiledExpression implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String expression;
  private final Node root;
  private final Node[] hoisted;
  private final List<String> variableList;
  private final Set<String> variables;
  private final String canonical;

  private transient volatile ColumnSchema.Binding binding;

  private CompiledExpression(String expression, ExpressionParser.Result r) {
    this.expression = expression;
    this.root = r.root;
    this.hoisted = r.hoisted;
    this.variableList = r.variables;
    this.variables = Collections.unmodifiableSet(new LinkedHashSet<>(r.variables));
    this.canonical = r.canonical;
  }

  /**
   * Compiles {@code expression}, accepting only the column names in {@code knownVariables}.
   *
   * @throws ExpressionException on a syntax error, an unknown function or constant, an unknown
   *     variable (the message lists the known ones) or a type error
   */
  public static CompiledExpression compile(String expression, Set<String> knownVariables) {
    Objects.requireNonNull(knownVariables, "knownVariables");
    return new CompiledExpression(expression, ExpressionParser.parse(expression, knownVariables));
  }

  /**
   * Compiles {@code expression}, treating every bare identifier that is not a function as a column.
   */
  public static CompiledExpression compile(String expression) {
    return new CompiledExpression(expression, ExpressionParser.parse(expression, null));
  }

  /** The source text. */
  public String expression() {
    return expression;
  }

  /** The column names the expression reads, in order of first appearance. */
  public Set<String> variables() {
    return variables;
  }

  /**
   * True when the expression yields a single value per cell, false when it yields one per point.
   */
  public boolean isScalar() {
    return !root.column;
  }

  /**
   * The parsed form, fully parenthesised with canonical function names, e.g. {@code -x**2} gives
   * {@code (-(x ** 2))} and {@code np.sqrt(a)} gives {@code sqrt(a)}.
   */
  public String canonical() {
    return canonical;
  }

  /**
   * Evaluates a single-valued expression on the current cell of {@code cells}.
   *
   * @throws IllegalStateException if the expression yields a column ({@link #isScalar()} is false)
   * @throws IllegalArgumentException if a variable is not among the cell's columns
   */
  public double evaluateScalar(CellColumns cells) {
    if (root.column) {
      throw new IllegalStateException(
          "expression '" + expression + "' yields one value per point, not a single value");
    }
    return root.scalar(prepare(cells));
  }

  /**
   * Evaluates the expression at every point of the current cell of {@code cells} into {@code
   * out[offset, offset + cells.size())}; a single-valued expression is broadcast.
   */
  public void evaluateInto(CellColumns cells, double[] out, int offset) {
    EvalContext c = prepare(cells);
    int from = c.from;
    int to = c.to;
    if (offset < 0 || offset + (to - from) > out.length) {
      throw new IndexOutOfBoundsException(
          "cannot write " + (to - from) + " values at offset " + offset + " of " + out.length);
    }
    if (!root.column) {
      java.util.Arrays.fill(out, offset, offset + (to - from), root.scalar(c));
      return;
    }
    for (int i = from; i < to; i++) {
      out[offset + i - from] = root.at(c, i);
    }
  }

  /** Evaluates the expression at every point of the current cell into a new array. */
  public double[] evaluateColumn(CellColumns cells) {
    double[] out = new double[cells.size()];
    evaluateInto(cells, out, 0);
    return out;
  }

  /**
   * Binds the variables to {@code cells}' arrays and evaluates the hoisted single values; the
   * returned context (owned by {@code cells}) is then ready for {@link Node#at} / {@link
   * Node#scalar} calls on {@link #root()}.
   */
  EvalContext prepare(CellColumns cells) {
    int[] slots = slots(cells.schema());
    EvalContext c = cells.context();
    c.ensure(slots.length, hoisted.length);
    for (int j = 0; j < slots.length; j++) {
      c.vars[j] = cells.column(slots[j]);
    }
    c.from = cells.from();
    c.to = cells.to();
    for (int k = 0; k < hoisted.length; k++) {
      c.hoisted[k] = hoisted[k].scalar(c);
    }
    return c;
  }

  Node root() {
    return root;
  }

  private int[] slots(ColumnSchema schema) {
    ColumnSchema.Binding b = binding;
    if (b == null || !b.schema.sameLayout(schema)) {
      b =
          new ColumnSchema.Binding(
              schema, schema.resolve(variableList, "expression '" + expression + "'"));
      binding = b;
    }
    return b.slots;
  }

  @Override
  public String toString() {
    return expression;
  }
}
