package org.magg.io.cdf;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * CDF_TIME_TT2000 values: signed nanoseconds of Terrestrial Time since J2000 (2000-01-01T12:00:00
 * TT, which is 2000-01-01T11:58:55.816 UTC), counting leap seconds. Conversion both ways between
 * UTC (fields, including a 60th second, or an {@link Instant}) and TT2000.
 *
 * <p>TT2000 = (UTC seconds since 2000-01-01T12:00:00 without leap seconds) + (TAI - UTC) + 32.184
 * s, where TAI - UTC is the leap-second count of the table below in force at that UTC time, and a
 * leap second 23:59:60.x is one second after 23:59:59.x of the same day.
 *
 * <p><b>The leap-second table</b> ({@link #LEAP_SECONDS}, the one place it is kept): TAI - UTC from
 * 1972-01-01 (10 s) through 2017-01-01 (37 s), from IERS Bulletin C as published in the USNO {@code
 * tai-utc.dat} and NASA's {@code CDFLeapSeconds.txt}. A new leap second announced by the IERS needs
 * a new row in that table (and then {@link #leapSecondLastUpdated()}, written to the GDR, follows);
 * without it, times after the new leap second convert one second off.
 *
 * <p><b>Before 1972</b> UTC was steered with fractional offsets and rate changes (1961-1971) that
 * the CDF library models with a drift formula; this class supports only UTC from 1972-01-01 on, and
 * rejects earlier times (and TT2000 values before 1972-01-01T00:00:00 UTC) with an {@link
 * IllegalArgumentException}. The CDF fill value {@link #FILL} and the default pad value {@link
 * #PAD} are formatted as the CDF library shows them but have no instant.
 *
 * <p>Stateless and thread-safe.
 */
public final class Tt2000 {

  /** ISTP fill value for TT2000 (shown as 9999-12-31T23:59:59.999999999). */
  public static final long FILL = Long.MIN_VALUE;

  /** The CDF library's default pad value for TT2000 (shown as 0000-01-01T00:00:00.000000000). */
  public static final long PAD = Long.MIN_VALUE + 1;

  /**
   * TAI - UTC in seconds from each date (0h UTC) on: {year, month, day, TAI-UTC}. Source: IERS
   * Bulletin C (USNO tai-utc.dat; NASA CDFLeapSeconds.txt), 1972-01-01 through 2017-01-01. Each row
   * after the first follows a leap second 23:59:60 at the end of the previous day.
   */
  private static final int[][] LEAP_SECONDS = {
    {1972, 1, 1, 10},
    {1972, 7, 1, 11},
    {1973, 1, 1, 12},
    {1974, 1, 1, 13},
    {1975, 1, 1, 14},
    {1976, 1, 1, 15},
    {1977, 1, 1, 16},
    {1978, 1, 1, 17},
    {1979, 1, 1, 18},
    {1980, 1, 1, 19},
    {1981, 7, 1, 20},
    {1982, 7, 1, 21},
    {1983, 7, 1, 22},
    {1985, 7, 1, 23},
    {1988, 1, 1, 24},
    {1990, 1, 1, 25},
    {1991, 1, 1, 26},
    {1992, 7, 1, 27},
    {1993, 7, 1, 28},
    {1994, 7, 1, 29},
    {1996, 1, 1, 30},
    {1997, 7, 1, 31},
    {1999, 1, 1, 32},
    {2006, 1, 1, 33},
    {2009, 1, 1, 34},
    {2012, 7, 1, 35},
    {2015, 7, 1, 36},
    {2017, 1, 1, 37},
  };

  private static final long NANOS = 1_000_000_000L;

  /** TT - TAI: 32.184 s. */
  private static final long TT_MINUS_TAI_NANOS = 32_184_000_000L;

  /** 2000-01-01T12:00:00 as Unix seconds (no leap seconds). */
  private static final long J2000_UNIX_SECONDS = 946_728_000L;

  /** Unix seconds (0h UTC) at which each row of {@link #LEAP_SECONDS} starts. */
  private static final long[] CHANGE_UNIX_SECONDS = new long[LEAP_SECONDS.length];

  /** TT2000 at which each row starts. */
  private static final long[] CHANGE_TT2000 = new long[LEAP_SECONDS.length];

  static {
    for (int i = 0; i < LEAP_SECONDS.length; i++) {
      int[] row = LEAP_SECONDS[i];
      long unix = LocalDate.of(row[0], row[1], row[2]).toEpochDay() * 86_400L;
      CHANGE_UNIX_SECONDS[i] = unix;
      CHANGE_TT2000[i] = (unix - J2000_UNIX_SECONDS) * NANOS + row[3] * NANOS + TT_MINUS_TAI_NANOS;
      if (i > 0 && row[3] != LEAP_SECONDS[i - 1][3] + 1) {
        throw new ExceptionInInitializerError("leap-second table: steps must be 1 s at row " + i);
      }
    }
  }

  private Tt2000() {}

  /** UTC date and time fields; {@code second} is 60 during a leap second. */
  public record Utc(int year, int month, int day, int hour, int minute, int second, int nanos) {
    @Override
    public String toString() {
      return String.format(
          "%04d-%02d-%02dT%02d:%02d:%02d.%09d", year, month, day, hour, minute, second, nanos);
    }
  }

  /**
   * TT2000 of a UTC time given by fields. {@code second} may be 60 only at 23:59 of a day that ends
   * with a leap second (e.g. 2016-12-31).
   *
   * @throws IllegalArgumentException for invalid fields, a 60th second that was not a leap second,
   *     a time before 1972-01-01 or outside the TT2000 range (about 1707 to 2292)
   */
  public static long fromUtc(int y, int mo, int d, int h, int mi, int s, long nanos) {
    // Only formatted for an error message.
    Supplier<String> text =
        () -> String.format("%04d-%02d-%02dT%02d:%02d:%02d+%dns", y, mo, d, h, mi, s, nanos);
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60 || nanos < 0 || nanos >= NANOS) {
      throw new IllegalArgumentException("Invalid UTC time " + text.get());
    }
    LocalDate date;
    try {
      date = LocalDate.of(y, mo, d);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "Invalid UTC date " + text.get() + ": " + e.getMessage(), e);
    }
    long daySeconds = date.toEpochDay() * 86_400L;
    if (s == 60) {
      int next = changeIndexAt(daySeconds + 86_400L);
      if (h != 23 || mi != 59 || next < 1 || CHANGE_UNIX_SECONDS[next] != daySeconds + 86_400L) {
        throw new IllegalArgumentException(
            "UTC "
                + text.get()
                + " is not a leap second (the table has leap seconds only at 23:59:60 of "
                + "the days before its entries; last entry "
                + leapSecondLastUpdated()
                + ")");
      }
      // One second after 23:59:59 of the same day.
      return fromUnix(daySeconds + 86_399L, nanos, text) + NANOS;
    }
    return fromUnix(daySeconds + h * 3600L + mi * 60L + s, nanos, text);
  }

  /** TT2000 of UTC fields. */
  public static long fromUtc(Utc t) {
    return fromUtc(t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second(), t.nanos());
  }

  /**
   * TT2000 of an instant (which has no leap seconds: it never falls in one).
   *
   * @throws IllegalArgumentException before 1972-01-01 or outside the TT2000 range
   */
  public static long fromInstant(Instant t) {
    return fromUnix(t.getEpochSecond(), t.getNano(), t::toString);
  }

  /** UTC fields of a TT2000 value, with second 60 during a leap second. */
  public static Utc toUtc(long tt2000) {
    int i = regime(tt2000);
    long[] unix = unix(tt2000, i);
    long unixSeconds = unix[0];
    boolean leap = i + 1 < CHANGE_UNIX_SECONDS.length && unixSeconds >= CHANGE_UNIX_SECONDS[i + 1];
    if (leap) {
      unixSeconds -= 1; // 23:59:60.x: the fields of 23:59:59.x with second 60
    }
    long epochDay = Math.floorDiv(unixSeconds, 86_400L);
    int secondOfDay = (int) Math.floorMod(unixSeconds, 86_400L);
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    return new Utc(
        date.getYear(),
        date.getMonthValue(),
        date.getDayOfMonth(),
        secondOfDay / 3600,
        secondOfDay / 60 % 60,
        secondOfDay % 60 + (leap ? 1 : 0),
        (int) unix[1]);
  }

  /**
   * The instant of a TT2000 value. An {@link Instant} has no leap seconds, so a time during a leap
   * second (23:59:60.x) maps to 23:59:59.999999999 of that day: instants never decrease as TT2000
   * grows, and every other TT2000 value round-trips through {@link #fromInstant}.
   *
   * @throws IllegalArgumentException for {@link #FILL}, {@link #PAD} and times before 1972-01-01
   */
  public static Instant toInstant(long tt2000) {
    int i = regime(tt2000);
    long[] unix = unix(tt2000, i);
    if (i + 1 < CHANGE_UNIX_SECONDS.length && unix[0] >= CHANGE_UNIX_SECONDS[i + 1]) {
      return Instant.ofEpochSecond(CHANGE_UNIX_SECONDS[i + 1] - 1, NANOS - 1);
    }
    return Instant.ofEpochSecond(unix[0], unix[1]);
  }

  /** True when the TT2000 value falls in a leap second (23:59:60.x UTC). */
  public static boolean isLeapSecond(long tt2000) {
    return toUtc(tt2000).second() == 60;
  }

  /**
   * ISO-8601-like text {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnn} (UTC, nine fraction digits, second 60
   * in a leap second), as the CDF tools show TT2000; {@link #FILL} is {@code
   * 9999-12-31T23:59:59.999999999} and {@link #PAD} is {@code 0000-01-01T00:00:00.000000000}.
   */
  public static String format(long tt2000) {
    if (tt2000 == FILL) {
      return "9999-12-31T23:59:59.999999999";
    }
    if (tt2000 == PAD) {
      return "0000-01-01T00:00:00.000000000";
    }
    return toUtc(tt2000).toString();
  }

  /**
   * The date of the last row of the leap-second table as YYYYMMDD (20170101), written to the
   * LeapSecondLastUpdated field of the GDR.
   */
  public static int leapSecondLastUpdated() {
    int[] last = LEAP_SECONDS[LEAP_SECONDS.length - 1];
    return last[0] * 10000 + last[1] * 100 + last[2];
  }

  /** TAI - UTC in seconds at a UTC instant (from 1972-01-01 on). */
  public static int taiMinusUtc(Instant t) {
    int i = changeIndexAt(t.getEpochSecond());
    if (i < 0) {
      throw new IllegalArgumentException(
          "UTC " + t + " is before 1972-01-01, where TT2000 is not supported here");
    }
    return LEAP_SECONDS[i][3];
  }

  private static long fromUnix(long unixSeconds, long nanos, Supplier<String> text) {
    int i = changeIndexAt(unixSeconds);
    if (i < 0) {
      throw new IllegalArgumentException(
          "UTC "
              + text.get()
              + " is before 1972-01-01: TT2000 conversion is supported from 1972 on (earlier UTC had"
              + " fractional offsets from TAI)");
    }
    try {
      long seconds = Math.addExact(unixSeconds - J2000_UNIX_SECONDS, (long) LEAP_SECONDS[i][3]);
      return Math.addExact(
          Math.addExact(Math.multiplyExact(seconds, NANOS), nanos), TT_MINUS_TAI_NANOS);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("UTC " + text.get() + " is outside the TT2000 range", e);
    }
  }

  /**
   * Index of the table row in force at a TT2000 value: the last row starting at or before it. A
   * leap second (the last TT second before a row starts) still belongs to the previous row.
   */
  private static int regime(long tt2000) {
    if (tt2000 == FILL || tt2000 == PAD) {
      throw new IllegalArgumentException(
          "TT2000 "
              + tt2000
              + " is the "
              + (tt2000 == FILL ? "fill" : "pad")
              + " value, not a time");
    }
    int i = CHANGE_TT2000.length - 1;
    while (i >= 0 && tt2000 < CHANGE_TT2000[i]) {
      i--;
    }
    if (i < 0) {
      throw new IllegalArgumentException(
          "TT2000 "
              + tt2000
              + " is before 1972-01-01T00:00:00 UTC, where it is not supported here");
    }
    return i;
  }

  /** Unix {seconds, nanoseconds} (no leap seconds) of a TT2000 value under table row {@code i}. */
  private static long[] unix(long tt2000, int i) {
    long seconds = Math.floorDiv(tt2000, NANOS);
    long nanos = Math.floorMod(tt2000, NANOS) - TT_MINUS_TAI_NANOS % NANOS;
    seconds += J2000_UNIX_SECONDS - LEAP_SECONDS[i][3] - TT_MINUS_TAI_NANOS / NANOS;
    if (nanos < 0) {
      nanos += NANOS;
      seconds--;
    }
    return new long[] {seconds, nanos};
  }

  /** Index of the last table row starting at or before a Unix second, -1 before 1972. */
  private static int changeIndexAt(long unixSeconds) {
    int i = CHANGE_UNIX_SECONDS.length - 1;
    while (i >= 0 && CHANGE_UNIX_SECONDS[i] > unixSeconds) {
      i--;
    }
    return i;
  }
}
