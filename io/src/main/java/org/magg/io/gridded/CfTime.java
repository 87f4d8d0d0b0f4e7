package org.magg.io.gridded;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes CF time coordinates: {@code <unit> since <reference date>} in the standard, gregorian or
 * proleptic Gregorian calendar (they agree after 1582-10-15; a standard-calendar reference before
 * that is refused). Other calendars (julian, noleap, 360_day, ...) are refused naming the file.
 */
final class CfTime {
  private static final Pattern UNITS =
      Pattern.compile("^\\s*([A-Za-z]+)\\s+since\\s+(.+?)\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern DATE =
      Pattern.compile(
          "^(\\d{1,4})-(\\d{1,2})-(\\d{1,2})"
              + "(?:[T ]+(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?)?"
              + "\\s*(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?)?$",
          Pattern.CASE_INSENSITIVE);
  private static final LocalDateTime GREGORIAN_START = LocalDateTime.of(1582, 10, 15, 0, 0);

  private final long unitNanos;
  private final Instant reference;

  private CfTime(long unitNanos, Instant reference) {
    this.unitNanos = unitNanos;
    this.reference = reference;
  }

  /**
   * Parses a time variable's units and calendar.
   *
   * @param calendar the variable's calendar attribute (null: standard)
   * @param override a calendar that replaces the attribute (null: none)
   * @param where the file and variable, for messages
   */
  static CfTime parse(String units, String calendar, String override, String where)
      throws IOException {
    String cal = override != null ? override : calendar;
    cal = cal == null || cal.isBlank() ? "standard" : cal.trim().toLowerCase(Locale.ROOT);
    if (!SourceOptions.CALENDARS.contains(cal)) {
      throw new IOException(
          where
              + " has calendar '"
              + cal
              + "'; only standard, gregorian and proleptic_gregorian are decoded (if the file's"
              + " calendar attribute is wrong, set a calendar override: SourceOptions.withCalendar"
              + " or GriddedCollection.Builder.withCalendar)");
    }
    if (units == null) {
      throw new IOException(
          where + " has no units attribute; expected '<minutes|hours|seconds|days> since <date>'");
    }
    Matcher m = UNITS.matcher(units);
    if (!m.matches()) {
      throw new IOException(
          where
              + " has units '"
              + units
              + "'; expected '<minutes|hours|seconds|days> since <date>'");
    }
    long unit = unitNanos(m.group(1).toLowerCase(Locale.ROOT));
    if (unit <= 0) {
      throw new IOException(
          where
              + " has units '"
              + units
              + "': unknown time unit '"
              + m.group(1)
              + "' (expected days, hours, minutes, seconds or milliseconds)");
    }
    Instant ref = reference(m.group(2), units, where);
    if (!cal.equals("proleptic_gregorian")
        && LocalDateTime.ofInstant(ref, ZoneOffset.UTC).isBefore(GREGORIAN_START)) {
      throw new IOException(
          where
              + " has units '"
              + units
              + "' with a reference date before 1582-10-15 in the mixed Julian/Gregorian '"
              + cal
              + "' calendar, which is not decoded (use proleptic_gregorian if that is meant)");
    }
    return new CfTime(unit, ref);
  }

  private static long unitNanos(String u) {
    return switch (u) {
      case "days", "day", "d" -> 86_400_000_000_000L;
      case "hours", "hour", "hrs", "hr", "h" -> 3_600_000_000_000L;
      case "minutes", "minute", "mins", "min" -> 60_000_000_000L;
      case "seconds", "second", "secs", "sec", "s" -> 1_000_000_000L;
      case "milliseconds", "millisecond", "msecs", "msec", "ms" -> 1_000_000L;
      default -> -1;
    };
  }

  private static Instant reference(String text, String units, String where) throws IOException {
    Matcher d = DATE.matcher(text.trim());
    if (!d.matches()) {
      throw new IOException(
          where
              + " has units '"
              + units
              + "': cannot read the reference date '"
              + text
              + "' (expected YYYY-MM-DD[ hh:mm[:ss[.f]]][ zone])");
    }
    try {
      LocalDateTime t =
          LocalDateTime.of(
              Integer.parseInt(d.group(1)),
              Integer.parseInt(d.group(2)),
              Integer.parseInt(d.group(3)),
              d.group(4) == null ? 0 : Integer.parseInt(d.group(4)),
              d.group(5) == null ? 0 : Integer.parseInt(d.group(5)),
              d.group(6) == null ? 0 : Integer.parseInt(d.group(6)),
              d.group(7) == null ? 0 : Integer.parseInt((d.group(7) + "00000000").substring(0, 9)));
      return t.toInstant(zone(d.group(8)));
    } catch (DateTimeException | NumberFormatException e) {
      throw new IOException(
          where + " has units '" + units + "': invalid reference date (" + e.getMessage() + ")", e);
    }
  }

  private static ZoneOffset zone(String z) {
    if (z == null || z.equalsIgnoreCase("Z") || z.equalsIgnoreCase("UTC")) {
      return ZoneOffset.UTC;
    }
    if (z.equalsIgnoreCase("GMT")) {
      return ZoneOffset.UTC;
    }
    int sign = z.charAt(0) == '-' ? -1 : 1;
    String digits = z.substring(1).replace(":", "");
    int hours;
    int minutes = 0;
    if (z.contains(":")) {
      String[] parts = z.substring(1).split(":");
      hours = Integer.parseInt(parts[0]);
      minutes = Integer.parseInt(parts[1]);
    } else if (digits.length() <= 2) {
      hours = Integer.parseInt(digits);
    } else {
      hours = Integer.parseInt(digits.substring(0, digits.length() - 2));
      minutes = Integer.parseInt(digits.substring(digits.length() - 2));
    }
    return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
  }

  /** The instant of a coordinate value; fractions of the unit are kept to the nanosecond. */
  Instant decode(double value, String where, int index) throws IOException {
    if (!Double.isFinite(value)) {
      throw new IOException(where + " has the non-finite time value " + value + " at " + index);
    }
    try {
      double floor = Math.floor(value);
      long whole = (long) floor;
      long fracNanos = Math.round((value - floor) * unitNanos);
      Instant t;
      if (unitNanos % 1_000_000_000L == 0) {
        t = reference.plusSeconds(Math.multiplyExact(whole, unitNanos / 1_000_000_000L));
      } else {
        t = reference.plusNanos(Math.multiplyExact(whole, unitNanos));
      }
      return t.plusNanos(fracNanos);
    } catch (ArithmeticException | DateTimeException e) {
      throw new IOException(
          where + ": time value " + value + " at " + index + " is out of range", e);
    }
  }

  /** Decodes every value. */
  Instant[] decode(double[] values, String where) throws IOException {
    Instant[] out = new Instant[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = decode(values[i], where, i);
    }
    return out;
  }
}
