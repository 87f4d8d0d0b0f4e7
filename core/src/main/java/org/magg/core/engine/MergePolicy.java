package org.magg.core.engine;

import java.util.Locale;

/**
 * How a write into the cube combines with what the cube already holds, cell by cell. NaN means "no
 * value" to every policy but {@link #LAST_WRITER}, which takes the new values as they are (a NaN
 * clears a cell).
 *
 * <ul>
 *   <li>{@link #LAST_WRITER}: the new value.
 *   <li>{@link #MONOTONE_MIN} / {@link #MONOTONE_MAX}: the smaller / larger of the two; where one
 *       is NaN the other; NaN where both are.
 *   <li>{@link #ACCUMULATE}: the sum; where one is NaN the other; NaN where both are.
 *   <li>{@link #UNION}: the cells as a set (a mask): 1 where either value is non-zero (and not
 *       NaN), 0 where both are zero or one is zero and the other NaN, NaN where both are NaN.
 * </ul>
 */
public enum MergePolicy {
  LAST_WRITER,
  MONOTONE_MIN,
  MONOTONE_MAX,
  ACCUMULATE,
  UNION;

  /** The name used in configs and the catalog, such as {@code monotone_max}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a policy by its {@link #id} (any case, {@code -} for {@code _} allowed).
   *
   * @throws IllegalArgumentException naming the value and the policies allowed
   */
  public static MergePolicy parse(String text) {
    if (text != null) {
      String t = text.trim().replace('-', '_');
      for (MergePolicy p : values()) {
        if (p.id().equalsIgnoreCase(t)) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException(
        "merge policy must be one of last_writer, monotone_min, monotone_max, accumulate, union;"
            + " got "
            + (text == null ? "nothing" : "'" + text + "'"));
  }

  /** One cell: what the cube holds afterwards, given what it held and what is written. */
  public double merge(double existing, double incoming) {
    switch (this) {
      case LAST_WRITER:
        return incoming;
      case MONOTONE_MIN:
        return Double.isNaN(existing)
            ? incoming
            : Double.isNaN(incoming) ? existing : Math.min(existing, incoming);
      case MONOTONE_MAX:
        return Double.isNaN(existing)
            ? incoming
            : Double.isNaN(incoming) ? existing : Math.max(existing, incoming);
      case ACCUMULATE:
        return Double.isNaN(existing)
            ? incoming
            : Double.isNaN(incoming) ? existing : existing + incoming;
      case UNION:
        if (Double.isNaN(existing) && Double.isNaN(incoming)) {
          return Double.NaN;
        }
        return set(existing) || set(incoming) ? 1.0 : 0.0;
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * Every cell of {@code existing} merged with the cell of {@code incoming} at the same index, into
   * a new array.
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public double[] merge(double[] existing, double[] incoming) {
    if (existing.length != incoming.length) {
      throw new IllegalArgumentException(
          "cannot merge "
              + incoming.length
              + " values into "
              + existing.length
              + " cells ("
              + id()
              + ")");
    }
    double[] out = new double[existing.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = merge(existing[i], incoming[i]);
    }
    return out;
  }

  private static boolean set(double v) {
    return !Double.isNaN(v) && v != 0.0;
  }
}
