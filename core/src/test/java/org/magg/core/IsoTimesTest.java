package org.magg.core;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IsoTimesTest {
  /** 2021-01-10T03:00:00Z: 18,637 days after 1970-01-01, plus 3 hours. */
  private static final Instant T = Instant.ofEpochSecond(18_637L * 86_400 + 3 * 3_600);

  @Test
  void acceptsInstantsOffsetsLocalTimesAndDates() {
    assertThat(IsoTimes.parse("2021-01-10T03:00:00Z"), is(T));
    assertThat(IsoTimes.parse(" 2021-01-10T04:30:00+01:30 "), is(T));
    assertThat(IsoTimes.parse("2021-01-10T03:00Z"), is(T));
    assertThat(IsoTimes.parse("2021-01-10T03:00:00"), is(T));
    assertThat(IsoTimes.parse("2021-01-10T03:00"), is(T));
    assertThat(IsoTimes.parse("2021-01-10t03:00:00z"), is(T));
    assertThat(IsoTimes.parse("2021-01-10T03:00:00.250Z"), is(T.plusMillis(250)));
    assertThat(IsoTimes.parse("2021-01-10"), is(T.minusSeconds(3 * 3_600)));
  }

  @Test
  void acceptsALeapSecondAndTheEndOfADay() {
    // 23:59:60 reads as 23:59:59 of the same day, 24:00:00 as the next day's start
    assertThat(IsoTimes.parse("2021-01-09T23:59:60Z"), is(T.minusSeconds(3 * 3_600 + 1)));
    assertThat(IsoTimes.parse("2021-01-09T24:00:00Z"), is(T.minusSeconds(3 * 3_600)));
  }

  @Test
  void refusesOtherTextWithTheStandardMessage() {
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> IsoTimes.parse("10/01/2021"))
            .getMessage(),
        is("'10/01/2021' is not an ISO-8601 time (expected e.g. 2021-01-10T03:00:00Z)"));
    for (String bad :
        new String[] {
          "", "2021-01-32", "2021-1-10", "2021-01-10T25:00:00Z", "2021-01-10 03:00", "10:00:00Z"
        }) {
      assertThat(bad, IsoTimes.tryParse(bad), is(Optional.empty()));
    }
    assertThat(IsoTimes.tryParse(null), is(Optional.empty()));
    assertThat(IsoTimes.tryParse("2021-01-10T03:00:00Z"), is(Optional.of(T)));
  }
}
