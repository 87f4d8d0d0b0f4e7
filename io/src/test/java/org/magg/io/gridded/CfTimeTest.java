package org.magg.io.gridded;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CF time units decoded against dates worked out by hand. */
class CfTimeTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "minutes since 2021-01-10 00:30:00|60|2021-01-10T01:30:00Z",
        "hours since 1980-01-01|24.5|1980-01-02T00:30:00Z",
        "days since 2000-01-01 00:00:00|366|2001-01-01T00:00:00Z",
        "days since 1970-1-1|-1|1969-12-31T00:00:00Z",
        "seconds since 1970-01-01 00:00:00 UTC|1577880000|2020-01-01T12:00:00Z",
        "seconds since 1970-01-01T00:00:00Z|1.5|1970-01-01T00:00:01.500Z",
        "hours since 2000-01-01 00:00:00 -6:00|0|2000-01-01T06:00:00Z",
        "hours since 2000-01-01 12:00:00+0130|1|2000-01-01T11:30:00Z",
        "Minutes Since 2021-01-10 00:30:00.5|0|2021-01-10T00:30:00.500Z",
        "milliseconds since 2000-01-01|1500|2000-01-01T00:00:01.500Z",
      })
  void decodes(String units, double value, String expected) throws IOException {
    CfTime t = CfTime.parse(units, null, null, "f.nc time");
    assertEquals(Instant.parse(expected), t.decode(value, "f.nc time", 0));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "fortnights since 2000-01-01|standard|unknown time unit 'fortnights'",
        "hours after 2000-01-01|standard|expected '<minutes|hours|seconds|days> since <date>'",
        "hours since yesterday|standard|cannot read the reference date 'yesterday'",
        "hours since 2000-13-01|standard|invalid reference date",
        "hours since 2000-01-01|360_day|calendar '360_day'",
        "hours since 2000-01-01|julian|calendar 'julian'",
        "days since 1500-01-01|standard|before 1582-10-15",
      })
  void refuses(String units, String calendar, String message) {
    IOException e =
        assertThrows(IOException.class, () -> CfTime.parse(units, calendar, null, "f.nc time"));
    assertThat(e.getMessage(), containsString("f.nc time"));
    assertThat(e.getMessage(), containsString(message));
  }

  @ParameterizedTest
  @CsvSource({"proleptic_gregorian", "gregorian", "standard", "STANDARD"})
  void acceptsGregorianCalendars(String calendar) throws IOException {
    CfTime t = CfTime.parse("days since 2000-01-01", calendar, null, "w");
    assertEquals(Instant.parse("2000-03-01T00:00:00Z"), t.decode(60, "w", 0));
  }

  @ParameterizedTest
  @CsvSource({"julian", "noleap"})
  void overrideReplacesTheFilesCalendar(String calendar) throws IOException {
    CfTime t = CfTime.parse("days since 2000-01-01", calendar, "standard", "w");
    assertEquals(Instant.parse("2000-03-01T00:00:00Z"), t.decode(60, "w", 0));
    assertThrows(IOException.class, () -> t.decode(Double.NaN, "w", 3));
  }
}
