package org.magg.io.temporal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;

class EventMaskTest {
  private static Instant t(String hhmm) {
    return Instant.parse("2021-01-10T" + hhmm + ":00Z");
  }

  /** Masks at 00, 03 and 06; the event ends at 08:00. */
  private static EventMask threeHourly() {
    return EventMask.builder()
        .add(t("03:00"), new int[] {7, 5, 5, 6}) // any order, duplicates merged
        .add(t("00:00"), new int[] {1, 2})
        .add(t("06:00"), new int[] {9})
        .build(t("08:00"));
  }

  @Test
  void maskInForceAtBetweenAndAfterMaskTimes() {
    EventMask m = threeHourly();
    assertArrayEquals(new Instant[] {t("00:00"), t("03:00"), t("06:00")}, m.times());
    // before the first mask time: none
    assertThat(m.cellsAt(t("00:00").minusSeconds(1)), nullValue());
    // at a mask time: that mask
    assertArrayEquals(new int[] {1, 2}, m.cellsAt(t("00:00")));
    assertArrayEquals(new int[] {5, 6, 7}, m.cellsAt(t("03:00")));
    // between mask times: the latest one before (hourly field steps of a 3-hour block)
    assertArrayEquals(new int[] {1, 2}, m.cellsAt(t("01:00")));
    assertArrayEquals(new int[] {1, 2}, m.cellsAt(t("02:59")));
    assertArrayEquals(new int[] {5, 6, 7}, m.cellsAt(t("05:00")));
    // after the last mask time, up to the end inclusive
    assertArrayEquals(new int[] {9}, m.cellsAt(t("07:00")));
    assertArrayEquals(new int[] {9}, m.cellsAt(t("08:00")));
    // after the end: none
    assertThat(m.cellsAt(t("08:00").plusSeconds(1)), nullValue());
    assertThat(m.cellsAt(t("09:00")), nullValue());
    assertThat(m.weightsAt(t("01:00")), nullValue());
    assertThat(m.totalCells(), is(6));
    assertArrayEquals(new int[] {1, 2, 5, 6, 7, 9}, m.unionCells());
    assertThat(m.maxCell(), is(9));
  }

  @Test
  void returnedArraysAreCopies() {
    EventMask m = threeHourly();
    m.cellsAt(t("00:00"))[0] = 99;
    assertArrayEquals(new int[] {1, 2}, m.cellsAt(t("00:00")));
  }

  @Test
  void weightsFollowTheirCells() {
    EventMask m =
        EventMask.builder()
            .add(t("00:00"), new int[] {4, 2}, new float[] {0.25f, 0.5f})
            .add(t("03:00"), new int[] {3}) // binary among weighted: weight 1
            .build(t("05:00"));
    assertThat(m.weighted(), is(true));
    assertArrayEquals(new int[] {2, 4}, m.cellsAt(t("02:00")));
    assertArrayEquals(new double[] {0.5, 0.25}, m.weightsAt(t("02:00")));
    assertArrayEquals(new double[] {1.0}, m.weightsAt(t("04:00")));
  }

  @Test
  void builderRefusesBadMasks() {
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> EventMask.builder().add(t("00:00"), new int[] {1, -3}))
            .getMessage(),
        is("mask at 2021-01-10T00:00:00Z: cell [1] = -3 is negative"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    EventMask.builder()
                        .add(t("00:00"), new int[] {1})
                        .add(t("00:00"), new int[] {2})
                        .build(t("01:00")))
            .getMessage(),
        is("mask time 2021-01-10T00:00:00Z is given twice"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> EventMask.builder().add(t("02:00"), new int[] {1}).build(t("01:00")))
            .getMessage(),
        is("mask time 2021-01-10T02:00:00Z is after the event's end 2021-01-10T01:00:00Z"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> EventMask.builder().add(t("00:00"), new int[] {1, 1}, new float[] {1, 2}))
            .getMessage(),
        containsString("cell 1 is given twice"));
  }

  @Test
  void eventChecksItsTimes() {
    EventMask m = threeHourly();
    Event e = Event.of("ar-1", t("00:00"), t("08:00"), m);
    assertThat(e.id(), is("ar-1"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class, () -> Event.of("ar-1", t("01:00"), t("08:00"), m))
            .getMessage(),
        is(
            "event 'ar-1': mask time 2021-01-10T00:00:00Z is before the start"
                + " 2021-01-10T01:00:00Z"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> Event.of("x", t("05:00"), t("04:00"), EventMask.builder().build(t("04:00"))))
            .getMessage(),
        is("event 'x': end 2021-01-10T04:00:00Z is before start 2021-01-10T05:00:00Z"));
  }

  @Test
  void codersRoundTrip() throws Exception {
    EventMask binary = threeHourly();
    EventMask weighted =
        EventMask.builder()
            .add(t("00:00"), new int[] {207935, 0, 100_000}, new float[] {0.1f, 1f, 0.75f})
            .build(t("00:00"));
    EventMask empty = EventMask.builder().build(Instant.parse("1999-12-31T23:59:59.123456789Z"));
    for (EventMask m : new EventMask[] {binary, weighted, empty}) {
      CoderProperties.coderDecodeEncodeEqual(EventMask.coder(), m);
      CoderProperties.coderDeterministic(EventMask.coder(), m, m);
      assertThat(SerializableUtils.clone(m), is(m));
    }
    Event e = Event.of("storm \u00e9 1", t("00:00"), t("08:00"), binary);
    CoderProperties.coderDecodeEncodeEqual(Event.coder(), e);
    CoderProperties.coderDecodeEncodeEqual(
        Event.coder(), Event.of("w", t("00:00"), t("00:00"), weighted));
    CoderProperties.coderDeterministic(Event.coder(), e, e);
    assertThat(SerializableUtils.clone(e), is(e));
  }
}
