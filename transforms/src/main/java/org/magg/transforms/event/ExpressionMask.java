package org.magg.transforms.event;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.magg.io.gridded.FieldSlice;
import org.magg.io.gridded.GridSlice;

/**
 * The {@link SliceMask} of a {@link DetectionExpression}: the cells where the predicate holds, and
 * the field of the {@code value} variable whose maximum each object reports. Every variable read
 * must be a 2-D (lat x lon) field of the slice.
 */
public final class ExpressionMask implements SliceMask {
  private static final long serialVersionUID = 1L;

  private final DetectionExpression expression;
  private final String value;
  private final DetectionExpression.FieldSource fields;
  private final Map<String, String> names;

  /**
   * @param expression the predicate
   * @param value the variable whose maximum objects report (as the slice names it)
   * @param fields the threshold fields the predicate reads (may be null when it reads none)
   * @param names the slice's variable of each name the expression uses, when they differ (say
   *     {@code precipitationCal} -> {@code Grid/precipitationCal}); others are the same
   */
  public ExpressionMask(
      DetectionExpression expression,
      String value,
      DetectionExpression.FieldSource fields,
      Map<String, String> names) {
    this.expression = Objects.requireNonNull(expression, "Detection expression cannot be null.");
    this.value = Objects.requireNonNull(value, "Value variable cannot be null.");
    this.fields = fields;
    this.names = Map.copyOf(names);
    if (fields == null && !expression.fields().isEmpty()) {
      throw new IllegalArgumentException(
          "expression '" + expression + "' reads threshold fields but no source was given");
    }
  }

  @Override
  public MaskedField evaluate(FieldSlice slice) {
    Map<String, double[]> values = new LinkedHashMap<>();
    double[] valueField = null;
    for (String v : expression.variables()) {
      String variable = names.getOrDefault(v, v);
      double[] plane = plane(slice, variable);
      values.put(v, plane);
      if (variable.equals(value)) {
        valueField = plane;
      }
    }
    if (valueField == null) {
      valueField = plane(slice, value);
    }
    int month = slice.time().atZone(ZoneOffset.UTC).getMonthValue();
    boolean[] mask = expression.evaluate(values, month, fields);
    return new MaskedField(mask, valueField);
  }

  private static double[] plane(FieldSlice slice, String variable) {
    GridSlice g = slice.variable(variable);
    if (g.levels() != 1) {
      throw new IllegalArgumentException(
          "variable '"
              + variable
              + "' has "
              + g.levels()
              + " levels (detection needs a 2-D lat x lon field)");
    }
    return g.values();
  }

  @Override
  public String toString() {
    return "ExpressionMask[" + expression + ", value " + value + "]";
  }
}
