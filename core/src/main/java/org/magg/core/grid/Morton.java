package org.magg.core.grid;

/**
 * Decimal Morton indices of HEALPix NESTED cells, compatible with the {@code mortie} Python library
 * before version 0.7 ({@code geo2mort}, {@code fastNorm2Mort}, {@code mort2norm}).
 *
 * <p>A cell at order {@code k} (0..{@link #MAX_ORDER}) with nested index {@code n} has base cell
 * {@code b = n >> 2k} and, inside the base cell, the {@code k} base-4 digits of {@code n & (4^k -
 * 1)}, most significant first. Each digit is written as a decimal digit {@code 1..4} (base-4 digit
 * plus one), giving {@code D}, a {@code k}-digit decimal number. The Morton index is
 *
 * <ul>
 *   <li>{@code (b + 1) * 10^k + D} for base cells 0..5 (positive, leading digit 1..6), and
 *   <li>{@code -((b - 5) * 10^k + D)} for base cells 6..11 (negative, leading digit 1..6).
 * </ul>
 *
 * <p>So the order is the number of decimal digits of {@code |m|} minus one, the parent at order
 * {@code j} is {@code m / 10^(k - j)} (Java's truncating division keeps the sign), and the children
 * append one digit {@code 1..4} per order. For example the point (lat 45, lon -122) lies in cell
 * {@code 3234123} at order 6.
 *
 * <p>Note that in mortie's scheme base cells 6 and 7 (equatorial) give negative indices, so the
 * sign is not a hemisphere flag. Because the digits of negative indices are subtracted, ascending
 * nested order is ascending numeric order for positive indices and descending numeric order for
 * negative ones.
 *
 * <p>All methods are static and thread-safe. Methods taking a Morton index validate it and throw
 * {@link IllegalArgumentException} for invalid input.
 */
public final class Morton {

  /** Largest order whose Morton index fits a signed 64-bit integer (19 decimal digits). */
  public static final int MAX_ORDER = 18;

  private static final long[] POW10 = new long[MAX_ORDER + 1];

  /** {@code DIGITS8[t]}: the 8 base-4 digits of {@code t} as decimal digits 1..4, MSD first. */
  private static final long[] DIGITS8 = new long[1 << 16];

  static {
    long p = 1;
    for (int k = 0; k <= MAX_ORDER; k++) {
      POW10[k] = p;
      p *= 10;
    }
    for (int t = 0; t < DIGITS8.length; t++) {
      long d = 0;
      for (int s = 7; s >= 0; s--) {
        d = d * 10 + ((t >>> (2 * s)) & 3) + 1;
      }
      DIGITS8[t] = d;
    }
  }

  private Morton() {}

  // ---------------------------------------------------------------------------------------------
  // Conversions
  // ---------------------------------------------------------------------------------------------

  /**
   * Converts a nested index to its Morton index (mortie's {@code fastNorm2Mort} with the base cell
   * and in-base index split out of {@code nested}).
   *
   * @param nested nested index at {@code order}, in {@code [0, 12 * 4^order)}
   * @param order order, 0..18
   * @return the Morton index
   * @throws IllegalArgumentException if the order or index is out of range
   */
  public static long fromNested(long nested, int order) {
    checkOrder(order);
    Healpix.checkNested(order, nested);
    final long base = nested >>> (2 * order);
    final long digits = digitsOf(nested & ((1L << (2 * order)) - 1L), order);
    return base < 6 ? (base + 1) * POW10[order] + digits : -((base - 5) * POW10[order] + digits);
  }

  /**
   * Converts a Morton index back to the nested index of its cell (at {@link #order(long)}).
   *
   * @param morton a valid Morton index
   * @return the nested index, in {@code [0, 12 * 4^order)}
   * @throws IllegalArgumentException if {@code morton} is not a valid Morton index
   */
  public static long toNested(long morton) {
    final int order = order(morton);
    final long abs = Math.abs(morton);
    final long lead = abs / POW10[order];
    final long base = morton > 0 ? lead - 1 : lead + 5;
    long rest = abs - lead * POW10[order];
    long inBase = 0;
    for (int s = 0; s < order; s++) {
      inBase |= ((rest % 10) - 1) << (2 * s);
      rest /= 10;
    }
    return (base << (2 * order)) | inBase;
  }

  /**
   * Returns the Morton index at {@code order} of the cell containing a point (mortie's {@code
   * geo2mort}). Note the argument order: latitude first.
   *
   * @param latDeg latitude in degrees, in [-90, 90]
   * @param lonDeg longitude in degrees, any finite value
   * @param order order, 0..18
   * @return the Morton index
   * @throws IllegalArgumentException if the order is out of range or the coordinate is invalid
   */
  public static long encode(double latDeg, double lonDeg, int order) {
    checkOrder(order);
    return fromNested(Healpix.nestedHash(order, lonDeg, latDeg), order);
  }

  // ---------------------------------------------------------------------------------------------
  // Hierarchy
  // ---------------------------------------------------------------------------------------------

  /**
   * Returns the order of a Morton index: its number of decimal digits, sign excluded, minus one.
   *
   * @param morton a valid Morton index
   * @return the order, 0..18
   * @throws IllegalArgumentException if {@code morton} is not a valid Morton index
   */
  public static int order(long morton) {
    final int order = orderOrMinusOne(morton);
    if (order < 0) {
      throw new IllegalArgumentException(invalidMessage(Long.toString(morton)));
    }
    return order;
  }

  /**
   * Returns the ancestor of a cell at a coarser (or equal) order: the index with its trailing
   * {@code order(morton) - parentOrder} digits dropped.
   *
   * @param morton a valid Morton index
   * @param parentOrder order of the ancestor, 0..order(morton)
   * @return the Morton index of the ancestor
   * @throws IllegalArgumentException if {@code morton} is invalid or {@code parentOrder} is out of
   *     range
   */
  public static long parent(long morton, int parentOrder) {
    final int order = order(morton);
    if (parentOrder < 0 || parentOrder > order) {
      throw new IllegalArgumentException(
          "parent order must be in [0, "
              + order
              + "] for Morton index "
              + morton
              + " (order "
              + order
              + "), got: "
              + parentOrder);
    }
    return morton / POW10[order - parentOrder];
  }

  /**
   * Returns the descendants of a cell at a finer (or equal) order, in ascending nested-index order
   * (appended digits 1...1, 1...2, ..., 4...4). For positive indices this is ascending numeric
   * order; for negative indices it is descending numeric order.
   *
   * @param morton a valid Morton index
   * @param childOrder order of the descendants, order(morton)..min(18, order(morton) + 15)
   * @return {@code 4^(childOrder - order(morton))} Morton indices
   * @throws IllegalArgumentException if {@code morton} is invalid or {@code childOrder} is out of
   *     range (the result must fit in a Java array)
   */
  public static long[] children(long morton, int childOrder) {
    final int order = order(morton);
    if (childOrder < order || childOrder > MAX_ORDER || childOrder - order > 15) {
      throw new IllegalArgumentException(
          "child order must be in ["
              + order
              + ", "
              + Math.min(MAX_ORDER, order + 15)
              + "] for Morton index "
              + morton
              + " (order "
              + order
              + "), got: "
              + childOrder);
    }
    final int depth = childOrder - order;
    final int count = 1 << (2 * depth);
    final long scaled = morton * POW10[depth];
    final long[] out = new long[count];
    for (int t = 0; t < count; t++) {
      final long digits = digitsOf(t, depth);
      out[t] = morton > 0 ? scaled + digits : scaled - digits;
    }
    return out;
  }

  /**
   * Returns the position of a cell among the descendants, at its own order, of its ancestor at
   * {@code parentOrder}, in the order used by {@link #children(long, int)}: {@code
   * children(parent(child, parentOrder), order(child))[childIndex(child, parentOrder)] == child}.
   * It equals {@code toNested(child) & (4^(order(child) - parentOrder) - 1)}, i.e. the value of the
   * trailing {@code order(child) - parentOrder} digits read as base-4 digits ({@code 1..4} meaning
   * {@code 0..3}).
   *
   * @param childMorton a valid Morton index
   * @param parentOrder order of the ancestor, from {@code max(0, order(childMorton) - 15)} to
   *     {@code order(childMorton)} (the position must fit an {@code int}, like the array index of
   *     {@link #children(long, int)})
   * @return the position, in {@code [0, 4^(order(childMorton) - parentOrder))}
   * @throws IllegalArgumentException if the index is invalid or {@code parentOrder} is out of range
   */
  public static int childIndex(long childMorton, int parentOrder) {
    final int order = order(childMorton);
    if (parentOrder < Math.max(0, order - 15) || parentOrder > order) {
      throw new IllegalArgumentException(
          "parent order must be in ["
              + Math.max(0, order - 15)
              + ", "
              + order
              + "] for Morton index "
              + childMorton
              + " (order "
              + order
              + "), got: "
              + parentOrder);
    }
    long rest = Math.abs(childMorton);
    int index = 0;
    for (int s = 0; s < order - parentOrder; s++) {
      index |= (int) ((rest % 10) - 1) << (2 * s);
      rest /= 10;
    }
    return index;
  }

  // ---------------------------------------------------------------------------------------------
  // Text form and validation
  // ---------------------------------------------------------------------------------------------

  /**
   * Parses the decimal form of a Morton index: an optional {@code '-'}, a leading digit {@code
   * 1..6}, then 0 to 18 digits {@code 1..4} (one per order). No sign {@code '+'}, spaces or leading
   * zeros are accepted.
   *
   * @param text the decimal string
   * @return the Morton index
   * @throws IllegalArgumentException if {@code text} is null or not a valid Morton index
   */
  public static long parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("Morton index string is null");
    }
    final int start = text.startsWith("-") ? 1 : 0;
    final int digits = text.length() - start;
    if (digits < 1 || digits > MAX_ORDER + 1) {
      throw new IllegalArgumentException(invalidMessage('"' + text + '"'));
    }
    final char lead = text.charAt(start);
    if (lead < '1' || lead > '6') {
      throw new IllegalArgumentException(invalidMessage('"' + text + '"'));
    }
    long value = lead - '0';
    for (int p = start + 1; p < text.length(); p++) {
      final char c = text.charAt(p);
      if (c < '1' || c > '4') {
        throw new IllegalArgumentException(invalidMessage('"' + text + '"'));
      }
      value = value * 10 + (c - '0');
    }
    return start == 1 ? -value : value;
  }

  /**
   * Returns the decimal form of a Morton index (the inverse of {@link #parse(String)}).
   *
   * @param morton a valid Morton index
   * @return its decimal string
   * @throws IllegalArgumentException if {@code morton} is not a valid Morton index
   */
  public static String format(long morton) {
    order(morton);
    return Long.toString(morton);
  }

  /**
   * Returns whether a value is a valid Morton index: nonzero, at most 19 decimal digits, leading
   * digit (of the absolute value) 1..6 and all other digits 1..4.
   *
   * @param morton candidate value
   * @return {@code true} if valid
   */
  public static boolean isValid(long morton) {
    return orderOrMinusOne(morton) >= 0;
  }

  /** Returns the order of a valid Morton index, or -1 if the value is not one. */
  private static int orderOrMinusOne(long morton) {
    if (morton == 0 || morton == Long.MIN_VALUE) {
      return -1;
    }
    long rest = Math.abs(morton);
    int order = 0;
    while (rest >= 10) {
      final long digit = rest % 10;
      if (digit < 1 || digit > 4) {
        return -1;
      }
      rest /= 10;
      order++;
    }
    return rest <= 6 && order <= MAX_ORDER ? order : -1;
  }

  private static String invalidMessage(String shown) {
    return "invalid Morton index "
        + shown
        + ": expected an optional '-', a leading digit 1-6 (base cell), then at most "
        + MAX_ORDER
        + " digits 1-4 (one per order)";
  }

  private static void checkOrder(int order) {
    if (order < 0 || order > MAX_ORDER) {
      throw new IllegalArgumentException(
          "Morton order must be in [0, " + MAX_ORDER + "], got: " + order);
    }
  }

  /** Decimal digits (1..4 each, most significant first) of the {@code count} base-4 digits of v. */
  private static long digitsOf(long v, int count) {
    long d = 0;
    int remaining = count;
    while (remaining > 8) {
      remaining -= 8;
      d = d * 100_000_000L + DIGITS8[(int) ((v >>> (2 * remaining)) & 0xFFFF)];
    }
    if (remaining > 0) {
      // The low 'remaining' base-4 digits, as the last 'remaining' of 8 digits (the leading
      // 8 - remaining digits are zeros in base 4, i.e. "1"s, and are dropped by the modulo).
      final long low = DIGITS8[(int) (v & ((1L << (2 * remaining)) - 1))];
      d = d * POW10[remaining] + low % POW10[remaining];
    }
    return d;
  }
}
