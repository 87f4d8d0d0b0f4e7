package org.magg.pipelines.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One output variable of the aggregation: either a named {@code function} applied to a {@code
 * source} variable with optional {@code params}, or an {@code expression}.
 *
 * @param name output variable name
 * @param function aggregation function name, or null when {@code expression} is given
 * @param source input variable the function applies to (null for expressions)
 * @param params function parameters (for example {@code q} or {@code weights}); never null
 * @param expression an expression in the aggregation expression language, or null
 * @param dtype the stored data type (for example {@code float32})
 * @param fillValue the stored value of an empty cell
 * @param attributes what the stored array says of itself beyond the aggregation ({@code long_name},
 *     {@code units}, {@code description}, as the config gives them); never null
 */
public record VariableSpec(
    String name,
    String function,
    String source,
    Map<String, Object> params,
    String expression,
    String dtype,
    double fillValue,
    Map<String, String> attributes)
    implements Serializable {

  public VariableSpec {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
    attributes =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(attributes == null ? Map.of() : attributes));
  }

  /** A variable without descriptive attributes. */
  public VariableSpec(
      String name,
      String function,
      String source,
      Map<String, Object> params,
      String expression,
      String dtype,
      double fillValue) {
    this(name, function, source, params, expression, dtype, fillValue, Map.of());
  }
}
