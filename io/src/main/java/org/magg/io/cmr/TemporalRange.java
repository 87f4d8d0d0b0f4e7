package org.magg.io.cmr;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A closed time range {@code [start, end]} in UTC, whole seconds, as CMR's {@code temporal}
 * parameter takes it.
 *
 * @param start first instant included
 * @param end last instant included
 */
public record TemporalRange(Instant start, Instant end) {

  /** First day of ICESat-2 cycle 1. */
  public static final LocalDate ICESAT2_CYCLE1_START = LocalDate.of(2018, 10, 13);

  /** Length of an ICESat-2 repeat cycle, in days. */
  public static final int ICESAT2_CYCLE_DAYS = 91;

  private static final DateTimeFormatter CMR = DateTimeFormatter.ISO_INSTANT;

  public TemporalRange {
    if (start == null || end == null) {
      throw new IllegalArgumentException("temporal range needs a start and an end");
    }
    start = start.truncatedTo(ChronoUnit.SECONDS);
    end = end.truncatedTo(ChronoUnit.SECONDS);
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          "end date " + CMR.format(end) + " is before start date " + CMR.format(start));
    }
  }

  /**
   * The range of ICESat-2 repeat cycle {@code n}: 91 days from {@code 2018-10-13 + (n - 1) * 91}
   * days, from 00:00:00Z of the first day to 23:59:59Z of the 91st.
   *
   * @param cycle cycle number, at least 1
   */
  public static TemporalRange icesat2Cycle(int cycle) {
    if (cycle < 1 || cycle > 1000) {
      throw new IllegalArgumentException("ICESat-2 cycle must be in [1, 1000], got " + cycle);
    }
    LocalDate first = ICESAT2_CYCLE1_START.plusDays((long) (cycle - 1) * ICESAT2_CYCLE_DAYS);
    Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
    return new TemporalRange(
        start, start.plus(Duration.ofDays(ICESAT2_CYCLE_DAYS)).minusSeconds(1));
  }

  /**
   * Parses command-line dates: {@code YYYY-MM-DD} (a start date means 00:00:00Z, an end date
   * 23:59:59Z of that day, so the end day is included) or ISO-8601 instants ({@code
   * 2019-01-01T12:00:00Z}).
   */
  public static TemporalRange parse(String startText, String endText) {
    return new TemporalRange(
        parseDate(startText, "--start-date", false), parseDate(endText, "--end-date", true));
  }

  private static Instant parseDate(String text, String option, boolean endOfDay) {
    String t = text == null ? "" : text.trim();
    try {
      if (t.length() == 10) {
        LocalDate d = LocalDate.parse(t);
        Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
        return endOfDay ? start.plus(Duration.ofDays(1)).minusSeconds(1) : start;
      }
      return org.magg.core.IsoTimes.tryParse(t).orElseThrow(() -> new DateTimeException(t));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          option
              + " '"
              + text
              + "' is not a date: expected YYYY-MM-DD or an instant like 2019-01-01T00:00:00Z");
    }
  }

  /** CMR's {@code temporal} value: {@code start,end} as ISO-8601 instants. */
  public String cmrValue() {
    return CMR.format(start) + "," + CMR.format(end);
  }
}
