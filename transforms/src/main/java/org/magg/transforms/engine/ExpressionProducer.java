package org.magg.transforms.engine;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.magg.core.engine.DataAdapter;
import org.magg.core.engine.Field;
import org.magg.core.engine.ProducerCapabilities;
import org.magg.core.engine.Region;
import org.magg.core.engine.RetryPolicy;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;
import org.magg.transforms.spatial.CellColumns;
import org.magg.transforms.spatial.CompiledExpression;
import org.magg.transforms.spatial.ExpressionException;

/**
 * A producer whose one output is an expression of its needs, cell by cell, in the project's
 * expression language ({@link CompiledExpression}: numbers, the needs by name, {@code + - * / **},
 * {@code sqrt, log, exp, abs}, {@code np.pi} ...). A static need has the same value at every
 * timestep. Reductions ({@code sum, mean, min, max, len}) are refused: a cell's value must not
 * depend on which cells one call covers, so that a tile-parallel run equals a whole-grid one.
 *
 * @param name the producer's name
 * @param needs what it reads
 * @param output the variable it makes
 * @param expression the compiled expression
 * @param capabilities how it may run
 * @param maxAttempts attempts per call (at least 1)
 * @param backoff the pause before the second attempt, doubling
 */
public record ExpressionProducer(
    String name,
    DataAdapter needs,
    VarSpec output,
    CompiledExpression expression,
    ProducerCapabilities capabilities,
    int maxAttempts,
    Duration backoff)
    implements Producer, Serializable {

  private static final Pattern REDUCTION = Pattern.compile("\\b(sum|mean|min|max|len)\\(");

  /** Checks the fields. */
  public ExpressionProducer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(needs, "needs");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(expression, "expression");
    capabilities = capabilities == null ? ProducerCapabilities.defaults() : capabilities;
    backoff = backoff == null ? Duration.ZERO : backoff;
    RetryPolicy.of(maxAttempts, backoff);
  }

  /**
   * Compiles {@code text} over {@code needs}.
   *
   * @throws IllegalArgumentException naming the problem: a syntax error, a variable that is not a
   *     need (listing the needs), a reduction, or a static output of a time need
   */
  public static ExpressionProducer of(
      String name,
      String text,
      DataAdapter needs,
      VarSpec output,
      ProducerCapabilities capabilities,
      int maxAttempts,
      Duration backoff) {
    Set<String> known = new TreeSet<>(needs.names());
    CompiledExpression e;
    try {
      e = CompiledExpression.compile(text, known);
    } catch (ExpressionException ex) {
      throw new IllegalArgumentException(
          "cannot parse '"
              + text
              + "' (its variables must be needs: "
              + known
              + "): "
              + ex.getMessage(),
          ex);
    }
    if (REDUCTION.matcher(e.canonical()).find()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' reduces over cells (sum, mean, min, max, len); an expression producer works"
              + " cell by cell");
    }
    if (output.kind() == VarKind.STATIC) {
      for (String v : e.variables()) {
        if (needs.need(v).orElseThrow().kind() == VarKind.TIME) {
          throw new IllegalArgumentException(
              "'"
                  + output.name()
                  + "' is static but '"
                  + text
                  + "' reads time variable '"
                  + v
                  + "'");
        }
      }
    }
    return new ExpressionProducer(name, needs, output, e, capabilities, maxAttempts, backoff);
  }

  @Override
  public List<VarSpec> produces() {
    return List.of(output);
  }

  @Override
  public RetryPolicy retryPolicy() {
    return RetryPolicy.of(maxAttempts, backoff);
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", "expression");
    c.put("expression", expression.canonical());
    return c;
  }

  @Override
  public Map<String, Field> compute(Map<String, Field> inputs, ProducerRequest request) {
    Region r = request.region();
    int cells = r.cellsPerStep();
    int steps = output.kind() == VarKind.TIME ? r.nt() : 1;
    Map<String, Field> cut = new LinkedHashMap<>();
    for (String v : expression.variables()) {
      Field f = inputs.get(v);
      if (f == null) {
        throw new IllegalStateException("producer '" + name + "' has no input '" + v + "'");
      }
      cut.put(v, f.sub(r));
    }
    double[] out = new double[steps * cells];
    for (int t = 0; t < steps; t++) {
      Map<String, double[]> columns = new LinkedHashMap<>();
      for (Map.Entry<String, Field> e : cut.entrySet()) {
        double[] all = e.getValue().values();
        double[] step = new double[cells];
        int from = e.getValue().kind() == VarKind.TIME ? t * cells : 0;
        System.arraycopy(all, from, step, 0, cells);
        columns.put(e.getKey(), step);
      }
      if (columns.isEmpty()) {
        columns.put("_cells", new double[cells]); // a constant, broadcast over the cells
      }
      expression.evaluateInto(CellColumns.of(columns), out, t * cells);
    }
    return Map.of(output.name(), new Field(output.name(), output.kind(), r, out, Double.NaN));
  }
}
