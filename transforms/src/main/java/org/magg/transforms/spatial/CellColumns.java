package org.magg.transforms.spatial;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The named {@code double[]} columns of one cell, as a view of the index range {@code [from, to)}
 * of larger backing arrays: a caller that has sorted a batch of points by cell id can walk the
 * cells by moving the range, without copying.
 *
 * <pre>{@code
 * CellColumns cells = CellColumns.over(List.of("h_li", "s_li"), h, s);
 * for (each cell c) {
 *   cells.range(start[c], end[c]);
 *   for (int v = 0; v < aggs.length; v++) out[v][c] = aggs[v].apply(cells);
 * }
 * }</pre>
 *
 * <p>An instance is a mutable cursor and also carries the scratch space the aggregators use (sort
 * buffers, expression state), so evaluation allocates nothing once buffers have grown to the
 * largest cell. It is therefore <b>not thread-safe</b>: use one per thread (e.g. per DoFn
 * instance). The compiled {@link CellAggregator}s and {@link CompiledExpression}s themselves are
 * immutable and may be shared.
 *
 * <p>The order statistics of a column (for medians and quantiles, see {@link Ranks}) are kept for
 * the current range and shared by all aggregators evaluated on it; they are dropped by every call
 * to {@link #range(int, int)} or {@link #data(double[]...)}. If you overwrite the backing arrays in
 * place, call {@code range} again before evaluating.
 */
public final class CellColumns {
  private final ColumnSchema schema;
  private double[][] columns;
  private int minLength;
  private int from;
  private int to;

  // Scratch, reused across cells.
  private final EvalContext context = new EvalContext();
  private final Ranks[] ranks;
  private final long[] rankStamps;
  private long stamp = 1;

  private CellColumns(ColumnSchema schema, double[][] columns) {
    this.schema = schema;
    this.ranks = new Ranks[schema.size()];
    this.rankStamps = new long[schema.size()];
    data(columns);
  }

  /**
   * Columns over whole arrays, in the map's iteration order; all arrays must have the same length,
   * which is the cell's size.
   */
  public static CellColumns of(Map<String, double[]> columns) {
    Objects.requireNonNull(columns, "columns");
    String[] names = columns.keySet().toArray(new String[0]);
    double[][] arrays = columns.values().toArray(new double[0][]);
    for (int i = 0; i < arrays.length; i++) {
      if (arrays[i] == null) {
        throw new NullPointerException("column '" + names[i] + "' is null");
      }
      if (arrays[i].length != arrays[0].length) {
        throw new IllegalArgumentException(
            "columns differ in length: '"
                + names[0]
                + "' has "
                + arrays[0].length
                + ", '"
                + names[i]
                + "' has "
                + arrays[i].length);
      }
    }
    return new CellColumns(new ColumnSchema(names), arrays);
  }

  /**
   * Columns named {@code names} over the backing arrays {@code columns} (same order), initially
   * covering {@code [0, shortest length)}; select a cell with {@link #range(int, int)}.
   */
  public static CellColumns over(List<String> names, double[]... columns) {
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(columns, "columns");
    if (names.size() != columns.length) {
      throw new IllegalArgumentException(
          names.size() + " names " + names + " but " + columns.length + " columns");
    }
    return new CellColumns(new ColumnSchema(names.toArray(new String[0])), columns.clone());
  }

  /**
   * Selects the cell's points {@code [from, to)} of the backing arrays and drops the order
   * statistics found so far. Returns {@code this}.
   */
  public CellColumns range(int from, int to) {
    if (from < 0 || to < from || to > minLength) {
      throw new IndexOutOfBoundsException(
          "range [" + from + ", " + to + ") outside [0, " + minLength + ")");
    }
    this.from = from;
    this.to = to;
    stamp++;
    return this;
  }

  /**
   * Replaces the backing arrays (same names and order as before) and selects their whole common
   * length. Returns {@code this}.
   */
  public CellColumns data(double[]... columns) {
    Objects.requireNonNull(columns, "columns");
    if (columns.length != schema.size()) {
      throw new IllegalArgumentException(
          "expected " + schema.size() + " columns " + schema.names() + ", got " + columns.length);
    }
    int min = Integer.MAX_VALUE;
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] == null) {
        throw new NullPointerException("column '" + schema.names().get(i) + "' is null");
      }
      min = Math.min(min, columns[i].length);
    }
    this.columns = columns.clone();
    this.minLength = columns.length == 0 ? 0 : min;
    return range(0, minLength);
  }

  /** Start (inclusive) of the current cell in the backing arrays. */
  public int from() {
    return from;
  }

  /** End (exclusive) of the current cell in the backing arrays. */
  public int to() {
    return to;
  }

  /** Number of points in the current cell. */
  public int size() {
    return to - from;
  }

  /** The column names, in order. */
  public List<String> names() {
    return schema.names();
  }

  /** Whether a column of this name exists. */
  public boolean has(String name) {
    return schema.indexOf(name) >= 0;
  }

  /**
   * The backing array of column {@code name} (not a copy); the cell's points are at indices {@code
   * [from(), to())}.
   */
  public double[] array(String name) {
    return columns[slot(name)];
  }

  /** The {@code i}-th point (0-based within the cell) of column {@code name}. */
  public double get(String name, int i) {
    if (i < 0 || i >= size()) {
      throw new IndexOutOfBoundsException("point " + i + " outside cell of " + size());
    }
    return columns[slot(name)][from + i];
  }

  /** A copy of the current cell's values of column {@code name}. */
  public double[] copyOf(String name) {
    return Arrays.copyOfRange(columns[slot(name)], from, to);
  }

  @Override
  public String toString() {
    Map<String, double[]> shown = new LinkedHashMap<>();
    for (String n : schema.names()) {
      shown.put(n, copyOf(n));
    }
    StringBuilder sb = new StringBuilder("CellColumns[");
    sb.append(from).append(", ").append(to).append(")");
    shown.forEach((k, v) -> sb.append(' ').append(k).append('=').append(Arrays.toString(v)));
    return sb.toString();
  }

  private int slot(String name) {
    int s = schema.indexOf(name);
    if (s < 0) {
      throw new IllegalArgumentException("no column '" + name + "' (have " + schema.names() + ")");
    }
    return s;
  }

  // ---- package-private access for the evaluators ----

  ColumnSchema schema() {
    return schema;
  }

  double[] column(int slot) {
    return columns[slot];
  }

  EvalContext context() {
    return context;
  }

  /**
   * The order statistics of the current cell's values of column {@code slot}, owned by this object
   * and valid until the range changes.
   */
  Ranks ranks(int slot) {
    Ranks r = ranks[slot];
    if (r == null) {
      r = new Ranks();
      ranks[slot] = r;
    }
    if (rankStamps[slot] != stamp) {
      r.load(columns[slot], from, to);
      rankStamps[slot] = stamp;
    }
    return r;
  }
}
