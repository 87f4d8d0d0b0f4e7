package org.magg.io.historical;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What goes into a CDF file, independent of the file format: typed global attribute entries and
 * zVariables with their dimensions, record variance, values and attributes. {@link ReachProduct}
 * builds it; {@link ReachCdfFile} hands it to the CDF writer; tests inspect it directly.
 */
public final class CdfModel {
  private CdfModel() {}

  /** ISTP fill value of TT2000 variables (9999-12-31T23:59:59.999999999). */
  public static final long TT2000_FILL = Long.MIN_VALUE;

  /** ISTP fill value of REAL8 variables. */
  public static final double REAL8_FILL = -1.0e31;

  /** ISTP fill value of INT4 variables. */
  public static final int INT4_FILL = Integer.MIN_VALUE;

  /** ISTP fill value of CHAR variables. */
  public static final String CHAR_FILL = " ";

  /** The CDF data types the product uses. */
  public enum Type {
    /**
     * CDF_TIME_TT2000; values are {@link Instant}s (converted by the writer) or, for values no
     * instant names such as the fill value, raw TT2000 nanoseconds as {@link Long}.
     */
    TT2000,
    /** CDF_INT4; values are {@code int[]}. */
    INT4,
    /** CDF_REAL8 (double); values are {@code double[]}. */
    REAL8,
    /** CDF_CHAR; values are {@code String[]}, each padded to {@code numElems}. */
    CHAR
  }

  /**
   * One attribute entry: a text, or one or more numbers or times of a type.
   *
   * @param type the entry's type
   * @param value {@code String} (CHAR), {@code int[]}, {@code double[]} or, for TT2000, an {@code
   *     Object[]} of {@link Instant}s and raw {@link Long}s
   */
  public record Attr(Type type, Object value) {
    public static Attr text(String s) {
      return new Attr(Type.CHAR, s);
    }

    public static Attr int4(int... v) {
      return new Attr(Type.INT4, v);
    }

    public static Attr real8(double... v) {
      return new Attr(Type.REAL8, v);
    }

    public static Attr tt2000(Instant... v) {
      return new Attr(Type.TT2000, v.clone());
    }

    /** A raw TT2000 value (nanoseconds since J2000 on TT), such as {@link #TT2000_FILL}. */
    public static Attr tt2000Raw(long v) {
      return new Attr(Type.TT2000, new Object[] {v});
    }

    public String text() {
      return (String) value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Attr a && a.type == type && Arrays.deepEquals(box(value), box(a.value));
    }

    @Override
    public int hashCode() {
      return type.hashCode() * 31 + Arrays.deepHashCode(box(value));
    }

    @Override
    public String toString() {
      return type + ":" + Arrays.deepToString(box(value));
    }

    private static Object[] box(Object v) {
      if (v instanceof int[] a) {
        return Arrays.stream(a).boxed().toArray();
      }
      if (v instanceof double[] a) {
        return Arrays.stream(a).boxed().toArray();
      }
      if (v instanceof Object[] a) {
        return a;
      }
      return new Object[] {v};
    }
  }

  /**
   * A zVariable.
   *
   * @param name variable name
   * @param type data type
   * @param dims dimension sizes of one record (empty for a scalar per record)
   * @param recordVariance true when each record holds a new value (time-varying)
   * @param numElems characters per string for CHAR, else 1
   * @param records number of records (1 for a non-record-varying variable)
   * @param values flat row-major values over records then dims: {@code Instant[]}, {@code int[]},
   *     {@code double[]} or {@code String[]}; NaN marks a missing REAL8 value
   * @param attributes ISTP variable attributes, in writing order
   */
  public record Variable(
      String name,
      Type type,
      int[] dims,
      boolean recordVariance,
      int numElems,
      int records,
      Object values,
      Map<String, Attr> attributes) {

    public Variable {
      attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public Attr attr(String name) {
      return attributes.get(name);
    }
  }

  /**
   * A whole file.
   *
   * @param globals global attributes: name to entries, in writing order
   * @param variables zVariables, in writing order
   */
  public record File(Map<String, List<Attr>> globals, List<Variable> variables) {
    public File {
      globals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(globals));
      variables = List.copyOf(variables);
    }

    public Variable variable(String name) {
      for (Variable v : variables) {
        if (v.name().equals(name)) {
          return v;
        }
      }
      throw new IllegalArgumentException("no variable " + name);
    }
  }
}
