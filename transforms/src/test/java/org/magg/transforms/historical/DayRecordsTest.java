package org.magg.transforms.historical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.historical.Fixtures;
import org.magg.io.historical.ReachInputReader;
import org.magg.io.historical.ReachRecord;

class DayRecordsTest {
  @TempDir Path dir;

  @Test
  void resolvesDropsAndDeduplicatesWithCounts() throws IOException {
    DayRecords d = DayRecords.clean(ReachInputReader.read(Fixtures.copy(Fixtures.DAY_0904, dir)));
    // 12 rows: Iridium-999 is not in the table; two observations arrive twice
    assertEquals(12, d.rowsRead());
    assertEquals(1, d.unresolvedDropped());
    assertEquals(2, d.duplicatesDropped());
    assertEquals(9, d.kept());
    assertEquals(d.rowsRead(), d.unresolvedDropped() + d.duplicatesDropped() + d.kept());
    // the copy created later wins (4.1e-05, created 2025-09-05T02:00), the older one loses
    ReachRecord x0 = find(d, "REACH-135", "DOSE1 (Flavor X) in rad/second", "2025-09-04T00:00:00Z");
    assertEquals(4.1e-05, x0.obValue());
    ReachRecord z0 = find(d, "REACH-171", "DOSE2 (Flavor Z) in rad/second", "2025-09-04T00:00:00Z");
    assertEquals(2.1699e-07, z0.obValue());
    // the record without idSensor on Iridium-158 is REACH-171's
    ReachRecord z1 = find(d, "REACH-171", "DOSE2 (Flavor Z) in rad/second", "2025-09-04T00:00:05Z");
    assertEquals(2.2e-07, z1.obValue());
  }

  @Test
  void equalCreationTimesKeepTheLaterRecordAndMissingIsOldest() {
    ReachRecord a = rec("REACH-101", "2025-01-01T00:00:00Z", 1.0);
    ReachRecord b = rec("REACH-101", "2025-01-01T00:00:00Z", 2.0);
    ReachRecord none = rec("REACH-101", null, 3.0);
    assertEquals(2.0, DayRecords.clean(java.util.List.of(a, b)).records().get(0).obValue());
    assertEquals(1.0, DayRecords.clean(java.util.List.of(a, none)).records().get(0).obValue());
    assertEquals(1.0, DayRecords.clean(java.util.List.of(none, a)).records().get(0).obValue());
  }

  @Test
  void theLookupTableHas32Pods() {
    assertEquals(32, Observatories.size());
    assertEquals("REACH-135", Observatories.sensorId("Iridium-126").orElseThrow());
    assertEquals("REACH-181", Observatories.sensorId("Iridium-160").orElseThrow());
    assertEquals(3, Observatories.pod("Iridium-106").orElseThrow().podModel());
    assertEquals(
        32, Observatories.table().values().stream().map(p -> p.sensorId()).distinct().count());
    assertEquals(java.util.Optional.empty(), Observatories.sensorId("Iridium-999"));
  }

  private static ReachRecord rec(String sensor, String created, double v) {
    return new ReachRecord(
        sensor,
        "Iridium-102",
        Instant.parse("2025-01-01T00:00:00Z"),
        created == null ? null : Instant.parse(created),
        0,
        0,
        0,
        "QUICKLOOK",
        "F",
        v,
        0,
        0,
        0,
        0,
        1);
  }

  private static ReachRecord find(DayRecords d, String sensor, String flavour, String time) {
    return d.records().stream()
        .filter(
            r ->
                r.sensorId().equals(sensor)
                    && r.obDescription().equals(flavour)
                    && r.obTime().equals(Instant.parse(time)))
        .reduce(
            (x, y) -> {
              throw new AssertionError("two records for " + sensor + " " + flavour + " " + time);
            })
        .orElseThrow();
  }
}
