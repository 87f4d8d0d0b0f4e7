package org.magg.io.cdf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.ac.bristol.star.cdf.EpochFormatter;

/**
 * TT2000 conversions: values derived by hand from the definition (J2000 = 2000-01-01T12:00:00 TT =
 * 11:58:55.816 UTC; TT = TAI + 32.184 s; TAI - UTC from IERS Bulletin C), leap seconds, and a
 * cross-check against JCDF's own TT2000 formatter (its own leap-second table) for many instants.
 */
class Tt2000Test {

  private static final long S = 1_000_000_000L;

  /** JCDF's formatter, told that the data know leap seconds up to 2017-01-01. */
  private static final EpochFormatter JCDF = new EpochFormatter(20170101);

  @Test
  void j2000IsZeroAtElevenFiftyEightUtc() {
    // TAI - UTC was 32 s in 2000, so 12:00:00 TT = 11:59:27.816 TAI = 11:58:55.816 UTC.
    assertEquals(0L, Tt2000.fromUtc(2000, 1, 1, 11, 58, 55, 816_000_000L));
    // 12:00:00 UTC is 64.184 s later.
    assertEquals(64_184_000_000L, Tt2000.fromUtc(2000, 1, 1, 12, 0, 0, 0));
    assertEquals(64_184_000_000L, Tt2000.fromInstant(Instant.parse("2000-01-01T12:00:00Z")));
    assertEquals("2000-01-01T11:58:55.816000000", Tt2000.format(0L));
    assertEquals(Instant.parse("2000-01-01T11:58:55.816Z"), Tt2000.toInstant(0L));
  }

  @Test
  void aDayWithoutLeapSecondIs86400Seconds() {
    long a = Tt2000.fromUtc(2010, 3, 1, 0, 0, 0, 0);
    long b = Tt2000.fromUtc(2010, 3, 2, 0, 0, 0, 0);
    assertEquals(86_400L * S, b - a);
  }

  @Test
  void leapSecondAtTheEndOf2016() {
    long s59 = Tt2000.fromUtc(2016, 12, 31, 23, 59, 59, 0);
    long s60 = Tt2000.fromUtc(2016, 12, 31, 23, 59, 60, 0);
    long s00 = Tt2000.fromUtc(2017, 1, 1, 0, 0, 0, 0);
    assertEquals(S, s60 - s59);
    assertEquals(S, s00 - s60);
    // By hand: 2017-01-01T00:00:00 UTC is 536_500_800 s (6209.5 days) after 2000-01-01T12:00 UTC,
    // plus TAI - UTC = 37 s, plus 32.184 s.
    assertEquals(536_500_800L * S + 37 * S + 32_184_000_000L, s00);
    // The leap day holds 86401 seconds.
    assertEquals(86_401L * S, s00 - Tt2000.fromUtc(2016, 12, 31, 0, 0, 0, 0));
    assertEquals("2016-12-31T23:59:60.000000000", Tt2000.format(s60));
    assertEquals("2016-12-31T23:59:60.999999999", Tt2000.format(s60 + S - 1));
    assertEquals("2017-01-01T00:00:00.000000000", Tt2000.format(s00));
    assertTrue(Tt2000.isLeapSecond(s60 + 500_000_000L));
    assertFalse(Tt2000.isLeapSecond(s59));
    assertFalse(Tt2000.isLeapSecond(s00));
    // An Instant has no 60th second: the leap second maps to the last nanosecond before it ends.
    assertEquals(Instant.parse("2016-12-31T23:59:59.999999999Z"), Tt2000.toInstant(s60));
    assertEquals(Instant.parse("2016-12-31T23:59:59Z"), Tt2000.toInstant(s59));
    assertEquals(Instant.parse("2017-01-01T00:00:00Z"), Tt2000.toInstant(s00));
    assertEquals(new Tt2000.Utc(2016, 12, 31, 23, 59, 60, 250_000_000), Tt2000.toUtc(s60 + S / 4));
    assertEquals(s60 + S / 4, Tt2000.fromUtc(Tt2000.toUtc(s60 + S / 4)));
  }

  @Test
  void leapSecondsAtTheEndOfJune() {
    long s59 = Tt2000.fromUtc(2015, 6, 30, 23, 59, 59, 0);
    long s00 = Tt2000.fromUtc(2015, 7, 1, 0, 0, 0, 0);
    assertEquals(2 * S, s00 - s59);
    assertEquals(
        2 * S, Tt2000.fromUtc(1972, 7, 1, 0, 0, 0, 0) - Tt2000.fromUtc(1972, 6, 30, 23, 59, 59, 0));
  }

  @Test
  void secondSixtyOnlyWhereThereWasALeapSecond() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Tt2000.fromUtc(2016, 12, 30, 23, 59, 60, 0));
    assertThat(e.getMessage(), containsString("not a leap second"));
    assertThrows(IllegalArgumentException.class, () -> Tt2000.fromUtc(2016, 12, 31, 23, 58, 60, 0));
    assertThrows(IllegalArgumentException.class, () -> Tt2000.fromUtc(2018, 12, 31, 23, 59, 60, 0));
    assertThrows(IllegalArgumentException.class, () -> Tt2000.fromUtc(2017, 2, 30, 0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Tt2000.fromUtc(2017, 1, 1, 24, 0, 0, 0));
    assertThrows(
        IllegalArgumentException.class, () -> Tt2000.fromUtc(2017, 1, 1, 0, 0, 0, 1_000_000_000L));
  }

  @Test
  void from1972OnAndNotBefore() {
    // 1972-01-01T00:00:00 UTC: 10227.5 days before J2000 noon UTC, TAI - UTC = 10 s.
    long t = Tt2000.fromUtc(1972, 1, 1, 0, 0, 0, 0);
    assertEquals(-883_656_000L * S + 10 * S + 32_184_000_000L, t);
    assertEquals("1972-01-01T00:00:00.000000000", Tt2000.format(t));
    assertEquals(Instant.parse("1972-01-01T00:00:00Z"), Tt2000.toInstant(t));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Tt2000.fromUtc(1971, 12, 31, 23, 59, 59, 0));
    assertThat(e.getMessage(), containsString("before 1972"));
    assertThrows(IllegalArgumentException.class, () -> Tt2000.toInstant(t - 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Tt2000.fromInstant(Instant.parse("1969-07-20T20:17:40Z")));
  }

  @Test
  void fillAndPadValuesFormatLikeJcdfAndHaveNoInstant() {
    assertEquals(JCDF.formatTimeTt2000(Tt2000.FILL), Tt2000.format(Tt2000.FILL));
    assertEquals(JCDF.formatTimeTt2000(Tt2000.PAD), Tt2000.format(Tt2000.PAD));
    assertThrows(IllegalArgumentException.class, () -> Tt2000.toInstant(Tt2000.FILL));
    assertThrows(IllegalArgumentException.class, () -> Tt2000.toInstant(Tt2000.PAD));
  }

  @Test
  void rangeEndsAreRejectedNotWrapped() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Tt2000.fromInstant(Instant.parse("2300-01-01T00:00:00Z")));
    // The largest TT2000 value is in 2292 and converts without overflow.
    Instant max = Tt2000.toInstant(Long.MAX_VALUE);
    assertEquals(2292, LocalDate.ofInstant(max, java.time.ZoneOffset.UTC).getYear());
    assertEquals(Long.MAX_VALUE, Tt2000.fromInstant(max));
  }

  @Test
  void leapSecondLastUpdatedIsTheLastTableRow() {
    assertEquals(20170101, Tt2000.leapSecondLastUpdated());
    assertEquals(37, Tt2000.taiMinusUtc(Instant.parse("2020-01-04T00:00:00Z")));
    assertEquals(10, Tt2000.taiMinusUtc(Instant.parse("1972-06-30T23:59:59Z")));
  }

  /** Every leap second of the table and the seconds around it, formatted like JCDF does. */
  @Test
  void everyLeapSecondMatchesJcdf() {
    int[][] ends = {
      {1972, 6, 30}, {1972, 12, 31}, {1973, 12, 31}, {1974, 12, 31}, {1975, 12, 31},
      {1976, 12, 31}, {1977, 12, 31}, {1978, 12, 31}, {1979, 12, 31}, {1981, 6, 30},
      {1982, 6, 30}, {1983, 6, 30}, {1985, 6, 30}, {1987, 12, 31}, {1989, 12, 31},
      {1990, 12, 31}, {1992, 6, 30}, {1993, 6, 30}, {1994, 6, 30}, {1995, 12, 31},
      {1997, 6, 30}, {1998, 12, 31}, {2005, 12, 31}, {2008, 12, 31}, {2012, 6, 30},
      {2015, 6, 30}, {2016, 12, 31}
    };
    for (int[] d : ends) {
      long s60 = Tt2000.fromUtc(d[0], d[1], d[2], 23, 59, 60, 0);
      for (long t : new long[] {s60 - S, s60 - 1, s60, s60 + 123_456_789L, s60 + S - 1, s60 + S}) {
        assertEquals(JCDF.formatTimeTt2000(t), Tt2000.format(t), "TT2000 " + t);
      }
      assertThat(Tt2000.format(s60), containsString("T23:59:60.000000000"));
    }
  }

  /** Random instants 1972..2035, and random TT2000 values in that range, against JCDF. */
  @Test
  void manyInstantsMatchJcdfAndRoundTrip() {
    Random random = new Random(20170101L);
    long from = Instant.parse("1972-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("2035-01-01T00:00:00Z").getEpochSecond();
    List<Long> values = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      Instant t =
          Instant.ofEpochSecond(
              from + (long) (random.nextDouble() * (to - from)), random.nextInt(1_000_000_000));
      long tt = Tt2000.fromInstant(t);
      values.add(tt);
      assertEquals(t, Tt2000.toInstant(tt), "round trip of " + t);
      assertEquals(t.toString().replace("Z", ""), trimmed(Tt2000.format(tt)), "format of " + t);
    }
    long ttFrom = Tt2000.fromUtc(1972, 1, 1, 0, 0, 0, 0);
    long ttTo = Tt2000.fromUtc(2035, 1, 1, 0, 0, 0, 0);
    for (int i = 0; i < 20_000; i++) {
      values.add(ttFrom + (long) (random.nextDouble() * (ttTo - ttFrom)));
    }
    for (long tt : values) {
      assertEquals(JCDF.formatTimeTt2000(tt), Tt2000.format(tt), "TT2000 " + tt);
      assertEquals(tt, Tt2000.fromUtc(Tt2000.toUtc(tt)), "fields round trip of " + tt);
    }
  }

  /** Instant.toString drops trailing zero groups of the fraction; do the same to our text. */
  private static String trimmed(String text) {
    String s = text;
    while (s.endsWith("000")) {
      s = s.substring(0, s.length() - 3);
    }
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
