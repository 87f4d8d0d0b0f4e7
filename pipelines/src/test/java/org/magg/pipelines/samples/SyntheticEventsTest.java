package org.magg.pipelines.samples;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.temporal.Event;
import org.magg.io.temporal.EventCatalog;
import org.magg.io.temporal.EventMask;
import org.magg.io.temporal.FieldGrid;

class SyntheticEventsTest {
  private static final FieldGrid MERRA2 = FieldGrid.regular(-90, 0.5, 361, -180, 0.625, 576);

  @Test
  void ellipseCellsByHand() {
    // a unit circle on a 1-degree grid centred on (0, 0): the centre and its four neighbours
    double[] axis = {-2, -1, 0, 1, 2};
    int[] cells = SyntheticEvents.ellipse(axis, axis, 0, 0, 1, 1, 0);
    assertArrayEquals(new int[] {1 * 5 + 2, 2 * 5 + 1, 2 * 5 + 2, 2 * 5 + 3, 3 * 5 + 2}, cells);
    // semi-axes 2 (lon) and 1 (lat): the centre row has five cells, the rows above and below one
    cells = SyntheticEvents.ellipse(axis, axis, 0, 0, 2, 1, 0);
    assertArrayEquals(new int[] {7, 10, 11, 12, 13, 14, 17}, cells);
    // rotated by 90 degrees the long axis is along latitude
    cells = SyntheticEvents.ellipse(axis, axis, 0, 0, 2, 1, Math.PI / 2);
    assertArrayEquals(new int[] {2, 7, 11, 12, 13, 17, 22}, cells);
    // longitudes wrap: centred at 179 on a grid with -180 and 178, both are 1 degree away
    double[] lon = {-180, 178, 179};
    cells = SyntheticEvents.ellipse(new double[] {0}, lon, 0, 179, 1, 1, 0);
    assertArrayEquals(new int[] {0, 1, 2}, cells);
  }

  @Test
  void sameSeedSameEventsOtherSeedOthers() {
    SyntheticEvents gen = SyntheticEvents.builder(MERRA2).withEvents(20).withSeed(7);
    List<Event> a = gen.generate();
    assertThat(gen.generate(), is(a));
    assertThat(gen.withSeed(8).generate(), not(a));
    assertThat(a.size(), is(20));
    assertThat(a.get(0).id(), is("syn-0000"));
  }

  @Test
  void masksFollowTheCadenceAndCrossTheRegion() {
    boolean[] cap = SyntheticEvents.latitudeBand(MERRA2, -90, -65);
    Instant start = Instant.parse("2021-01-01T00:00:00Z");
    List<Event> events =
        SyntheticEvents.builder(MERRA2)
            .withEvents(40)
            .withSeed(3)
            .withCadence(Duration.ofHours(3))
            .withStart(start, Duration.ofDays(10))
            .withRegion(cap, 0.5)
            .generate();
    int crossing = 0;
    for (Event e : events) {
      EventMask m = e.mask();
      assertThat(m.size(), greaterThan(3));
      assertThat(m.size(), lessThanOrEqualTo(16));
      assertThat(m.time(0), is(e.start()));
      assertThat(Duration.between(start, e.start()).toHours() % 3, is(0L));
      assertThat(e.start().isBefore(start.plus(Duration.ofDays(10))), is(true));
      for (int i = 1; i < m.size(); i++) {
        assertThat(Duration.between(m.time(i - 1), m.time(i)), is(Duration.ofHours(3)));
      }
      // the last 3-hour block is inside the event: end = last mask time + 2 h
      assertThat(e.end(), is(m.time(m.size() - 1).plus(Duration.ofHours(2))));
      for (int i = 0; i < m.size(); i++) {
        assertThat(m.cellCount(i), greaterThan(0));
      }
      boolean crosses = false;
      for (int c : m.cells(m.size() - 1)) {
        crosses |= cap[c];
      }
      crossing += crosses ? 1 : 0;
    }
    // half are aimed at the cap (seeded: 40 draws), a few others may reach it by chance
    assertThat(crossing, greaterThan(12));
  }

  @Test
  void writesAJsonCatalogThatLoadsBack(@TempDir Path dir) throws Exception {
    SyntheticEvents gen = SyntheticEvents.builder(MERRA2).withEvents(5).withSeed(11);
    Path file = dir.resolve("synthetic.json");
    gen.writeJson(file);
    EventCatalog back = EventCatalog.load(file.toString(), null);
    assertThat(back.failures().size(), is(0));
    assertThat(back.grid(), is(MERRA2));
    assertThat(back.events(), is(gen.generate()));
  }
}
