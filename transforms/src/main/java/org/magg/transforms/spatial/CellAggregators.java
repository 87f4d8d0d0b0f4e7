package org.magg.transforms.spatial;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles aggregation variable specifications (one entry of {@code aggregation.variables}) into
 * {@link CellAggregator}s, validating everything up front.
 *
 * <h2>Semantics (following magg's per-cell statistics)</h2>
 *
 * <ul>
 *   <li>A variable has exactly one of {@code function} (a numpy reducer applied to the {@code
 *       source} column, with keyword {@code params}) or {@code expression} (evaluated over the
 *       cell's columns; must reduce to a single value).
 *   <li>Functions: {@code len}/{@code count} (number of points); {@code min}/{@code amin}, {@code
 *       max}/{@code amax}, {@code sum}, {@code mean}, {@code median}; {@code average} with optional
 *       {@code weights} (an expression over the cell's columns giving one weight per point, e.g.
 *       {@code "1.0 / s_li**2"}; result {@code sum(w*x)/sum(w)}); {@code var} and {@code std}
 *       (population, {@code ddof} 0 unless given); {@code quantile} ({@code q} in [0, 1], numpy's
 *       default 'linear' method) and {@code percentile} ({@code q} in [0, 100]); and the
 *       NaN-ignoring {@code nanmin, nanmax, nansum, nanmean, nanvar, nanstd, nanmedian,
 *       nanquantile, nanpercentile}. Names may carry an {@code np.} or {@code numpy.} prefix.
 *   <li>NaN: like numpy, {@code min, max, sum, mean, average, var, std, median, quantile} return
 *       NaN when any point is NaN; the {@code nan*} functions ignore NaN points (all-NaN gives NaN,
 *       except {@code nansum} which gives 0). {@code len} counts NaN points.
 *   <li>An empty cell gives 0 for {@code len}/{@code count} and NaN for every other variable,
 *       without evaluating it.
 *   <li>Computation is in float64 whatever the stored dtype.
 * </ul>
 */
public final class CellAggregators {
  private CellAggregators() {}

  /** Prefix of the configuration path used in error messages. */
  static final String PATH_PREFIX = "aggregation.variables.";

  /** Every accepted function name (without {@code np.} prefix), sorted. */
  public static Set<String> functionNames() {
    return AggregationFunction.BY_NAME.keySet();
  }

  /**
   * Compiles one aggregation variable.
   *
   * @param outputName the variable's name (key under {@code aggregation.variables})
   * @param function the reducer name, or null for an expression variable
   * @param source the data_source variable the function reduces; required for every function except
   *     {@code len}/{@code count}; accepted (validated, unused) with an expression
   * @param params keyword parameters of the function ({@code weights}, {@code q}, {@code ddof}), or
   *     null
   * @param expression the expression, or null for a function variable
   * @param knownVariables the data_source variable names
   * @throws AggregationConfigException naming the offending field when anything is invalid
   */
  public static CellAggregator compile(
      String outputName,
      String function,
      String source,
      Map<String, Object> params,
      String expression,
      Set<String> knownVariables) {
    if (outputName == null || outputName.isBlank()) {
      throw new IllegalArgumentException("aggregation variable name must be non-empty");
    }
    if (knownVariables == null) {
      throw new IllegalArgumentException("knownVariables must not be null");
    }
    String path = PATH_PREFIX + outputName;
    Map<String, Object> ps = params == null ? Map.of() : params;

    if (function != null && expression != null) {
      throw new AggregationConfigException(
          path,
          "'function' and 'expression' are mutually exclusive (got function '"
              + function
              + "' and expression '"
              + expression
              + "')");
    }
    if (function == null && expression == null) {
      throw new AggregationConfigException(path, "must specify 'function' or 'expression'");
    }
    if (source != null && !knownVariables.contains(source)) {
      throw new AggregationConfigException(
          path + ".source",
          "'" + source + "' is not a data_source variable (known: " + known(knownVariables) + ")");
    }

    if (expression != null) {
      if (!ps.isEmpty()) {
        throw new AggregationConfigException(
            path + ".params",
            "params apply to a 'function'; an expression takes none (got " + ps.keySet() + ")");
      }
      CompiledExpression e = compileExpression(path + ".expression", expression, knownVariables);
      if (!e.isScalar()) {
        throw new AggregationConfigException(
            path + ".expression",
            "expression '"
                + expression
                + "' yields one value per point, but a variable needs a"
                + " single value per cell; reduce it, e.g. np.sum(...), np.mean(...), np.max(...)");
      }
      return new ExpressionAggregator(outputName, e);
    }

    AggregationFunction f = AggregationFunction.lookup(function);
    if (f == null) {
      throw new AggregationConfigException(
          path + ".function",
          "unknown function '"
              + function
              + "' (allowed: "
              + String.join(", ", functionNames())
              + "; optionally prefixed np. or numpy.; or use 'expression')");
    }
    if (f.needsSource && source == null) {
      throw new AggregationConfigException(
          path + ".source", "required for function '" + function + "'");
    }
    for (String key : ps.keySet()) {
      if (!f.params.contains(key)) {
        throw new AggregationConfigException(
            path + ".params." + key,
            "not a parameter of function '"
                + f.canonical
                + "' (allowed: "
                + (f.params.isEmpty() ? "none" : String.join(", ", f.params))
                + ")");
      }
    }

    Set<String> required = new LinkedHashSet<>();
    if (source != null) {
      required.add(source);
    }

    CompiledExpression weights = null;
    if (ps.containsKey("weights")) {
      weights = weights(path + ".params.weights", ps.get("weights"), knownVariables);
      required.addAll(weights.variables());
    }
    double q = Double.NaN;
    if (f.params.contains("q")) {
      boolean percent =
          f == AggregationFunction.PERCENTILE || f == AggregationFunction.NANPERCENTILE;
      q = fraction(path + ".params.q", ps.get("q"), percent, f.canonical);
    }
    int ddof = 0;
    if (ps.containsKey("ddof")) {
      ddof = ddof(path + ".params.ddof", ps.get("ddof"));
    }
    return new FunctionAggregator(
        outputName, f, source, weights, q, ddof, Collections.unmodifiableSet(required));
  }

  private static String known(Set<String> knownVariables) {
    return String.join(", ", new TreeSet<>(knownVariables));
  }

  private static CompiledExpression compileExpression(
      String path, String expression, Set<String> knownVariables) {
    if (expression.isBlank()) {
      throw new AggregationConfigException(path, "empty expression");
    }
    try {
      return CompiledExpression.compile(expression, knownVariables);
    } catch (ExpressionException e) {
      throw new AggregationConfigException(path, e.getMessage(), e);
    }
  }

  private static CompiledExpression weights(String path, Object value, Set<String> knownVariables) {
    if (!(value instanceof String)) {
      throw new AggregationConfigException(
          path,
          "expected an expression over data_source variables giving one weight per point (e.g."
              + " \"1.0 / s_li**2\"), got "
              + describe(value));
    }
    CompiledExpression w = compileExpression(path, (String) value, knownVariables);
    if (w.isScalar()) {
      throw new AggregationConfigException(
          path,
          "expression '"
              + value
              + "' yields a single value, but weights need one value per point"
              + " (reference a column, e.g. \"1.0 / s_li**2\")");
    }
    return w;
  }

  private static double fraction(String path, Object value, boolean percent, String function) {
    String range = percent ? "[0, 100]" : "[0, 1]";
    if (value == null) {
      throw new AggregationConfigException(
          path, "required for function '" + function + "' (a number in " + range + ")");
    }
    if (value instanceof List) {
      throw new AggregationConfigException(
          path,
          "expected one number in "
              + range
              + ", got the list "
              + value
              + " (declare one variable per quantile)");
    }
    if (!(value instanceof Number) || value instanceof Boolean) {
      throw new AggregationConfigException(
          path, "expected a number in " + range + ", got " + describe(value));
    }
    double q = ((Number) value).doubleValue();
    double max = percent ? 100.0 : 1.0;
    if (!(q >= 0.0 && q <= max)) {
      throw new AggregationConfigException(path, q + " is outside " + range);
    }
    return percent ? q / 100.0 : q;
  }

  private static int ddof(String path, Object value) {
    if (value instanceof Number && !(value instanceof Boolean)) {
      double d = ((Number) value).doubleValue();
      if (d >= 0 && d == Math.rint(d) && d <= Integer.MAX_VALUE) {
        return (int) d;
      }
    }
    throw new AggregationConfigException(
        path, "expected a non-negative integer, got " + describe(value));
  }

  private static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof String) {
      return "the string '" + value + "'";
    }
    return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + value;
  }
}
