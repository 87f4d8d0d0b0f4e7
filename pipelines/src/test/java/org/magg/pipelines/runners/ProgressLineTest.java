package org.magg.pipelines.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.magg.core.Json;

class ProgressLineTest {

  private static final Progress.Spec SPATIAL =
      Progress.Spec.of("spatial")
          .count("cells", 40, Progress.Counter.of("magg", "cells_written"))
          .count("granules", 10, Progress.Counter.of("magg", "granules_read"))
          .rate("points", Progress.Counter.of("magg", "points_read"))
          .errors(
              Progress.Counter.of("magg", "granules_failed"),
              Progress.Counter.of("magg", "cells_failed"));

  @Test
  void amountsHaveThreeSignificantFiguresAndASuffix() {
    assertEquals("0.00", ProgressLine.amount(0));
    assertEquals("0.25", ProgressLine.amount(0.25));
    assertEquals("7.50", ProgressLine.amount(7.5));
    assertEquals("12.3", ProgressLine.amount(12.34));
    assertEquals("123", ProgressLine.amount(123.4));
    assertEquals("999", ProgressLine.amount(999.4));
    // 999.6 rounds to 1000 in three figures: shown as 1.00k, not 1000
    assertEquals("1.00k", ProgressLine.amount(999.6));
    assertEquals("12.3k", ProgressLine.amount(12_345));
    assertEquals("1.23M", ProgressLine.amount(1_234_567));
    assertEquals("4.56G", ProgressLine.amount(4.56e9));
  }

  @Test
  void durationsAreMinutesSecondsOrHours() {
    assertEquals("0:00", ProgressLine.duration(0));
    assertEquals("0:07", ProgressLine.duration(7.4));
    assertEquals("0:08", ProgressLine.duration(7.5));
    assertEquals("1:05", ProgressLine.duration(65));
    assertEquals("59:59", ProgressLine.duration(3599));
    assertEquals("1:00:00", ProgressLine.duration(3600));
    assertEquals("2:03:04", ProgressLine.duration(2 * 3600 + 3 * 60 + 4));
  }

  @Test
  void counterValuesMakeTheLine() {
    // 10 of 40 cells, 5 of 10 granules, 2,400,000 points in 12 s, 1 + 2 errors
    ProgressLine line =
        SPATIAL.line(
            Map.of(
                "magg/cells_written", 10L,
                "magg/granules_read", 5L,
                "magg/points_read", 2_400_000L,
                "magg/granules_failed", 1L,
                "magg/cells_failed", 2L,
                "other/points_read", 99L),
            12.0,
            true);
    // rate 2.4e6 / 12 = 200,000 a second
    assertEquals(200_000.0, line.rate(), 1e-9);
    // f = (10/40 + 5/10) / 2 = 0.375; eta = 12 * 0.625 / 0.375 = 20 s
    assertEquals(20.0, line.etaSeconds(), 1e-9);
    assertEquals(
        "magg: spatial: cells 10/40, granules 5/10, 200k points/s, 3 errors, 0:12 elapsed,"
            + " about 0:20 left",
        line.plain());
    assertEquals(
        "spatial  cells 10/40  granules 5/10  200k points/s  3 errors  0:12 elapsed  ~0:20 left",
        line.terminal(200).strip());
  }

  @Test
  void namespacesEndingInASlashMatchEveryNamespaceUnderThem() {
    Progress.Spec spec =
        Progress.Spec.of("temporal")
            .count("timesteps", -1, Progress.Counter.of("gridded/", "timesteps_read"))
            .rate("timesteps", Progress.Counter.of("gridded/", "timesteps_read"));
    ProgressLine line =
        spec.line(
            Map.of(
                "gridded/merra2/timesteps_read", 30L,
                "gridded/era5/timesteps_read", 18L,
                "griddedx/timesteps_read", 1000L),
            4.0,
            true);
    assertEquals(List.of(new ProgressLine.Item("timesteps", 48, -1)), line.items());
    assertEquals(12.0, line.rate(), 1e-9);
    // no total: no remaining time
    assertTrue(Double.isNaN(line.etaSeconds()));
    assertEquals(
        "magg: temporal: timesteps 48, 12.0 timesteps/s, 0 errors, 0:04 elapsed", line.plain());
  }

  @Test
  void theTerminalLineIsCutAndPaddedToTheWidth() {
    ProgressLine line =
        SPATIAL.line(Map.of("magg/cells_written", 40L, "magg/granules_read", 10L), 3.0, true);
    String at30 = line.terminal(30);
    assertEquals(29, at30.length());
    assertEquals("spatial  cells 40/40  granule", at30);
    String wide = line.terminal(120);
    assertEquals(119, wide.length());
    assertTrue(wide.startsWith("spatial  cells 40/40  granules 10/10  0.00 points/s  0 errors"));
    // every item done: nothing left
    assertTrue(wide.contains("0:03 elapsed  ~0:00 left"), wide);
  }

  @Test
  void withoutMetricsOnlyTheElapsedTimeIsShown() {
    ProgressLine line = SPATIAL.line(Map.of(), 75.0, false);
    assertEquals("magg: spatial: running, 1:15 elapsed", line.plain());
    JsonNode j = json(line.json(false));
    assertTrue(j.get("done").isNull());
    assertTrue(j.get("errors").isNull());
    assertTrue(j.get("eta_s").isNull());
    assertEquals(75.0, j.get("elapsed_s").asDouble(), 0);
  }

  @Test
  void jsonHasTheHeadlineItemAndEveryItem() {
    ProgressLine line =
        SPATIAL.line(
            Map.of(
                "magg/cells_written",
                10L,
                "magg/granules_read",
                5L,
                "magg/points_read",
                2_400_000L),
            12.0,
            true);
    JsonNode j = json(line.json(true));
    assertEquals("progress", j.get("event").asText());
    assertEquals("spatial", j.get("label").asText());
    assertEquals(10, j.get("done").asLong());
    assertEquals(40, j.get("total").asLong());
    assertEquals("cells", j.get("unit").asText());
    assertEquals(200_000.0, j.get("rate").asDouble(), 0);
    assertEquals("points", j.get("rate_unit").asText());
    assertEquals(0, j.get("errors").asLong());
    assertEquals(12.0, j.get("elapsed_s").asDouble(), 0);
    assertEquals(20.0, j.get("eta_s").asDouble(), 1e-9);
    assertEquals(2, j.get("items").size());
    assertEquals("granules", j.get("items").get(1).get("unit").asText());
    assertEquals(5, j.get("items").get(1).get("done").asLong());
    assertTrue(j.get("final").asBoolean());
    assertFalse(json(line.json(false)).get("final").asBoolean());
  }

  private static JsonNode json(String s) {
    try {
      return Json.mapper().readTree(s);
    } catch (java.io.IOException e) {
      throw new AssertionError(s, e);
    }
  }
}
