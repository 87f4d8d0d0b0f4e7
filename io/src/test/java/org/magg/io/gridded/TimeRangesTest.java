package org.magg.io.gridded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeRangesTest {
  private static Instant h(int hour) {
    return Instant.parse("2021-01-01T00:00:00Z").plusSeconds(3600L * hour);
  }

  @Test
  void unionMergesOverlappingAndTouchingIntervals() {
    TimeRanges r =
        TimeRanges.union(
            List.of(
                new Instant[] {h(12), h(38)},
                new Instant[] {h(3), h(35)},
                new Instant[] {h(45), h(71)},
                new Instant[] {h(71), h(72)}));
    assertEquals(2, r.size(), r.toString());
    assertTrue(r.contains(h(3)));
    assertTrue(r.contains(h(38)));
    assertFalse(r.contains(h(39)));
    assertFalse(r.contains(h(44)));
    assertTrue(r.contains(h(45)));
    assertTrue(r.contains(h(72)));
    assertFalse(r.contains(h(2)));
    assertFalse(r.contains(h(73)));
  }

  @Test
  void openEndsAndErrors() {
    assertTrue(TimeRanges.all().contains(h(-100000)));
    TimeRanges from = TimeRanges.of(h(5), null);
    assertFalse(from.contains(h(4)));
    assertTrue(from.contains(h(500000)));
    assertThrows(IllegalArgumentException.class, () -> TimeRanges.of(h(5), h(4)));
    assertThrows(
        IllegalArgumentException.class,
        () -> TimeRanges.union(List.<Instant[]>of(new Instant[] {h(5), h(4)})));
  }
}
