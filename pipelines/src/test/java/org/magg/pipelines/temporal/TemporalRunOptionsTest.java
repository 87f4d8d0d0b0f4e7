package org.magg.pipelines.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each {@code withX} changes its field only; the others keep their values. */
class TemporalRunOptionsTest {
  @Test
  void withersChangeOneFieldEach() {
    TemporalRunOptions batch = TemporalRunOptions.batch("e.json", "fields", "out");
    assertFalse(batch.streaming());
    TemporalRunOptions o =
        batch
            .withCollectionFiles(Map.of("A", "x/*.nc"))
            .withWatch(Duration.ofSeconds(30), Duration.ofMinutes(10))
            .withAllowedLateness(Duration.ofHours(6))
            .withTimestepsPerSplit(6)
            .withPipelineArgs(List.of("--runner=FlinkRunner"));
    assertEquals(
        new TemporalRunOptions(
            "e.json",
            "fields",
            "out",
            Map.of("A", "x/*.nc"),
            Duration.ofSeconds(30),
            Duration.ofMinutes(10),
            Duration.ofHours(6),
            6,
            List.of("--runner=FlinkRunner"),
            null),
        o);
    assertTrue(o.streaming());
    // the builder's defaults are the record's: no split size given -> 24, no lateness -> zero
    TemporalRunOptions bare =
        TemporalRunOptions.batch("e.json", null, null).toBuilder()
            .timestepsPerSplit(0)
            .allowedLateness(null)
            .build();
    assertEquals(24, bare.timestepsPerSplit());
    assertEquals(Duration.ZERO, bare.allowedLateness());
    assertEquals("e.json", bare.events());
  }
}
