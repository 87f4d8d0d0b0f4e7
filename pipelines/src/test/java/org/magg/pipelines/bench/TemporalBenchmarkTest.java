package org.magg.pipelines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.temporal.Event;
import org.magg.io.temporal.EventCatalog;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.samples.SampleFields;
import org.magg.transforms.temporal.SliceEvaluator;

/**
 * The temporal benchmark's arithmetic on a tiny run (3 days on a 19 x 24 grid, 3 and 7 events,
 * Direct runner): every count below is worked out from the catalogs and the fields' layout, not
 * taken from the pipeline. No timing is checked.
 */
class TemporalBenchmarkTest {
  private static final SampleFields.Spec SPEC =
      new SampleFields.Spec(LocalDate.of(2021, 1, 1), 3, 19, 24, 2, 0);

  @TempDir Path dir;

  @Test
  void figuresAddUpOnATinyRun() throws Exception {
    TemporalBenchmark.Figures f =
        TemporalBenchmark.run(
            dir,
            SPEC,
            List.of(3, 7),
            List.of("--enforceImmutability=false", "--enforceEncodability=false"),
            1);
    assertEquals(2, f.runs().size());
    SliceEvaluator evaluator = (ConfigLoader.loadTemporal("merra2_storm", null)).sliceEvaluator();
    for (TemporalBenchmark.Run r : f.runs()) {
      assertTrue(r.allOk(), r.summary().toText());
      EventCatalog catalog =
          EventCatalog.load(dir.resolve("events-" + r.events() + ".json").toString(), null);
      assertEquals(r.events(), catalog.events().size());

      // the times read: per collection, the steps that some event reaches (start .. end, or
      // .. the end of its last precipitation block for the precipitation collection); hourly
      // steps from 2021-01-01 00:00 to 2021-01-03 23:00 (the half-hour collections after their
      // -30 min shift), OMEGA every 3 hours
      long hourly = reached(catalog, evaluator, "T2M_TQV_SLP", 3600_000L, 72);
      long precip = reached(catalog, evaluator, "VFLXQV_PRECIP", 3600_000L, 72);
      long threeHourly = reached(catalog, evaluator, "OMEGA", 3 * 3600_000L, 24);
      Map<String, Long> steps = r.timestepsByCollection();
      assertEquals(hourly, steps.get("T2M_TQV_SLP"));
      assertEquals(precip, steps.get("VFLXQV_PRECIP"));
      assertEquals(hourly, steps.get("V850"));
      assertEquals(threeHourly, steps.get("OMEGA"));
      assertEquals(2 * hourly + precip + threeHourly, r.summary().timestepsRead());
      // cells: 19 x 24 per step, 2 levels for OMEGA
      assertEquals((2 * hourly + precip + 2 * threeHourly) * 19 * 24, r.cells());
      assertEquals(r.cells() / r.seconds(), r.cellsPerSecond(), 1e-6 * r.cellsPerSecond());
      assertEquals((double) r.summary().bytesRead() / r.events(), r.bytesPerEvent(), 1e-9);

      // the mean of the table's bytes_read column, read here
      List<String> lines = Files.readAllLines(dir.resolve("out-" + r.events() + "/events.csv"));
      int col = List.of(lines.get(0).split(",")).indexOf("bytes_read");
      double sum = 0;
      for (String line : lines.subList(1, lines.size())) {
        sum += Long.parseLong(line.split(",")[col]);
      }
      assertEquals(sum / r.events(), r.meanEventBytes(), 1e-6);
      // an event reads part of the period, never more than all of it
      assertTrue(r.meanEventBytes() > 0 && r.meanEventBytes() <= r.summary().bytesRead());
    }
    TemporalBenchmark.Run small = f.runs().get(0);
    TemporalBenchmark.Run large = f.runs().get(1);
    // the same period, so the same timesteps and bytes, whatever the number of events
    assertEquals(small.timestepsByCollection(), large.timestepsByCollection());
    assertTrue(small.summary().bytesRead() > 0);
    assertEquals(small.summary().bytesRead(), large.summary().bytesRead());
    assertTrue(f.sameBytes());
    assertEquals(0, f.exitCode());
    // the 3 events are among the 7, so the 7 make more (timestep, event) steps
    assertTrue(large.eventSteps() > small.eventSteps());
    assertTrue(f.toText().contains("identical"), f.toText());
  }

  /**
   * Steps at multiples of {@code step} since the first day, {@code n} of them, that an event
   * reaches.
   */
  private static long reached(
      EventCatalog catalog, SliceEvaluator evaluator, String collection, long step, int n) {
    long t0 = Instant.parse("2021-01-01T00:00:00Z").toEpochMilli();
    long c = 0;
    for (int i = 0; i < n; i++) {
      long t = t0 + i * step;
      boolean any = false;
      for (Event e : catalog.events()) {
        any |=
            t >= e.start().toEpochMilli()
                && t <= evaluator.reachEnd(collection, e.end().toEpochMilli());
      }
      c += any ? 1 : 0;
    }
    return c;
  }

  @Test
  void subsetsCoverTheSameTimesAsTheWholeCatalog() {
    SliceEvaluator evaluator = (ConfigLoader.loadTemporal("merra2_storm", null)).sliceEvaluator();
    SampleFields.Spec four = new SampleFields.Spec(LocalDate.of(2021, 1, 1), 4, 19, 24, 1, 0);
    List<Event> all = SampleFields.events(four, 40, 3).generate();
    Instant first = all.stream().map(Event::start).min(Instant::compareTo).orElseThrow();
    long last =
        all.stream().mapToLong(e -> evaluator.windowEnd(e.end().toEpochMilli())).max().getAsLong();
    for (int n : new int[] {2, 5, 17}) {
      List<Event> sub = TemporalBenchmark.subset(all, n, evaluator);
      assertEquals(n, sub.size());
      assertTrue(all.containsAll(sub));
      assertEquals(first, sub.stream().map(Event::start).min(Instant::compareTo).orElseThrow());
      assertEquals(
          last,
          sub.stream()
              .mapToLong(e -> evaluator.windowEnd(e.end().toEpochMilli()))
              .max()
              .getAsLong());
      // the same hours reached, with and without the precipitation tail
      for (long h = 0; h < 24 * 4; h++) {
        long t = first.toEpochMilli() + h * 3600_000L;
        assertEquals(reaches(all, t, false, evaluator), reaches(sub, t, false, evaluator), "h" + h);
        assertEquals(reaches(all, t, true, evaluator), reaches(sub, t, true, evaluator), "h" + h);
      }
      // in the catalog's order
      for (int i = 1; i < sub.size(); i++) {
        assertTrue(all.indexOf(sub.get(i - 1)) < all.indexOf(sub.get(i)));
      }
    }
    assertEquals(all, TemporalBenchmark.subset(all, 40, evaluator));
  }

  private static boolean reaches(
      List<Event> events, long t, boolean withTail, SliceEvaluator evaluator) {
    for (Event e : events) {
      long end = withTail ? evaluator.windowEnd(e.end().toEpochMilli()) : e.end().toEpochMilli();
      if (t >= e.start().toEpochMilli() && t <= end) {
        return true;
      }
    }
    return false;
  }
}
