package org.magg.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.temporal.EventCatalog;

/**
 * {@code magg bench --events --days 1} end to end on the Direct runner: the figures it prints, the
 * agreement of the pipeline and the hand-written loop, and its last line. No timing is checked.
 */
class BenchEventsCommandTest {
  @TempDir Path dir;

  @Test
  void oneDayPrintsItsFiguresAndEndsWithCellsPerSecond() throws Exception {
    CliRun r = CliRun.of("bench", "--events", "--days", "1", "--dir", dir.toString());
    assertEquals(0, r.code(), r.text());
    List<String> lines = r.out().lines().toList();
    String last = lines.get(lines.size() - 1);
    assertTrue(last.matches("cells_per_second=[0-9]+"), last);
    // 1 day = 8 steps x 361 x 576 cells, divided by the pipeline's wall time
    long cells = 8L * 361 * 576;
    Matcher wall =
        Pattern.compile("pipeline 1 \\(DirectRunner\\)\\R  wall time   ([0-9.]+) s")
            .matcher(r.out());
    assertTrue(wall.find(), r.out());
    double seconds = Double.parseDouble(wall.group(1));
    double rate = Double.parseDouble(last.substring("cells_per_second=".length()));
    // the wall time is printed to 0.01 s
    assertEquals(cells / seconds, rate, cells / seconds * (0.006 / seconds) + 1);
    // one Direct worker thread per processor unless asked otherwise
    assertTrue(
        r.out().contains("--targetParallelism=" + Runtime.getRuntime().availableProcessors()),
        r.out());

    // both paths count the 8 steps and the same objects and events, and find some
    Matcher counted =
        Pattern.compile(
                "counted     ([0-9,]+) steps, ([0-9,]+) objects, ([0-9,]+) events \\(([0-9,]+)"
                    + " lifecycle rows, ([0-9,]+) track rows\\), 0 failures")
            .matcher(r.out());
    assertTrue(counted.find(), r.out());
    String pipeline = counted.group();
    long events = Long.parseLong(counted.group(3).replace(",", ""));
    assertEquals("8", counted.group(1));
    assertTrue(events > 0, r.out());
    assertEquals(counted.group(3), counted.group(4));
    assertTrue(counted.find(), r.out());
    assertEquals(pipeline, counted.group(), "the loop counts as the pipeline does");
    assertTrue(r.out().contains("check:       every run read every step"), r.out());

    // the pipeline timed is the event pipeline: its products are written under the bench dir,
    // as many lifecycle and track rows as it counted, and the catalog holds every event
    Path output = dir.resolve("events").resolve("output");
    List<String> lifecycle = Files.readAllLines(output.resolve("lifecycle.csv"));
    assertEquals(events + 1, lifecycle.size());
    assertTrue(lifecycle.get(0).startsWith("event_id,genesis,lysis,"), lifecycle.get(0));
    long trackRows = Long.parseLong(counted.group(5).replace(",", ""));
    assertEquals(trackRows + 1, Files.readAllLines(output.resolve("tracks.csv")).size());
    assertEquals(
        events, EventCatalog.load(output.resolve("catalog.json").toString(), null).events().size());
  }

  @Test
  void eventsTakesCountsOnlyWithTemporal() {
    CliRun r = CliRun.of("bench", "--events", "50,300", "--dir", dir.toString());
    assertEquals(2, r.code(), r.text());
    assertTrue(r.err().contains("--events takes event counts only with --temporal"), r.text());
  }
}
