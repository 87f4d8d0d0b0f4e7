package org.magg.transforms.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Event ids: {@code <genesis>-<n>}, the genesis time in compact ISO-8601 UTC ({@code
 * 20210110T030000Z}, with {@code .SSS} milliseconds only when they are not zero) and the number of
 * the event's first object at its genesis timestep (1, 2, ... in the row-major order of the
 * objects' first cells). Events are ordered by genesis time, then by that number: "the lower id".
 */
final class EventIds {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private EventIds() {}

  static String id(Instant genesis, int number) {
    DateTimeFormatter f = genesis.getNano() == 0 ? SECONDS : MILLIS;
    return f.format(genesis) + "-" + number;
  }

  /**
   * Compares two id texts as their events are ordered (genesis time, then number); text that is not
   * an id sorts after every id, by itself.
   */
  static int compareText(String a, String b) {
    Object[] pa = parse(a);
    Object[] pb = parse(b);
    if (pa == null || pb == null) {
      return pa != null ? -1 : pb != null ? 1 : a.compareTo(b);
    }
    return compare((Instant) pa[0], (Integer) pa[1], (Instant) pb[0], (Integer) pb[1]);
  }

  /** {@code {genesis, number}} of an id text, or null. */
  private static Object[] parse(String id) {
    int dash = id.lastIndexOf('-');
    if (dash <= 0) {
      return null;
    }
    String time = id.substring(0, dash);
    try {
      Instant t = (time.contains(".") ? MILLIS : SECONDS).parse(time, java.time.Instant::from);
      return new Object[] {t, Integer.parseInt(id.substring(dash + 1))};
    } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }

  /** Negative when the event of {@code (t1, n1)} has the lower id. */
  static int compare(Instant t1, int n1, Instant t2, int n2) {
    int c = t1.compareTo(t2);
    return c != 0 ? c : Integer.compare(n1, n2);
  }
}
