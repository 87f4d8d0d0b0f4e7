package org.magg.pipelines.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.csv.CsvReader;
import org.magg.core.csv.CsvRow;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrStores;
import org.magg.pipelines.cli.MaggCli;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.EventConfig;

/**
 * The event pipeline end to end through {@code magg run} on {@link EventFixture}'s fields, every
 * expected track worked out by hand from the blobs: A moves and ends, D merges into E, H splits
 * from E, B is too small, C too short.
 */
class EventPipelineTest {
  static final String A = "20210110T000000Z-1";
  static final String D = "20210110T060000Z-2";
  static final String E = "20210110T060000Z-3";
  static final String H = "20210110T150000Z-2";

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = MaggCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  static Map<String, Map<String, String>> rows(Path csv, String... keys) throws IOException {
    List<CsvRow> lines = CsvReader.readAll(Files.readString(csv), csv.toString());
    List<String> header = lines.get(0).fields();
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (CsvRow r : lines.subList(1, lines.size())) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        m.put(header.get(i), r.fields().get(i));
      }
      StringBuilder key = new StringBuilder();
      for (String k : keys) {
        key.append(key.length() == 0 ? "" : "@").append(m.get(k));
      }
      out.put(key.toString(), m);
    }
    return out;
  }

  private Path config(String extra) throws IOException {
    Path c = dir.resolve("ev.yaml");
    Files.writeString(c, EventFixture.CONFIG + extra);
    return c;
  }

  @Test
  void synthesizedBlobsGiveTheTracksWorkedOutByHand() throws Exception {
    Path fields = EventFixture.write(dir.resolve("fields"));
    Path out = dir.resolve("out");
    Run r =
        cli(
            "run",
            "--config",
            config("output: {masks: zarr}\n").toString(),
            "--fields",
            fields.toString(),
            "--output",
            out.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("timesteps: 7 read = 7 detected + 0 failed"), r.out());
    assertTrue(r.out().contains("objects: 13 detected"), r.out());
    assertTrue(
        r.out().contains("events: 5 = kept 4 + dropped 1 (fewer than min_steps 2 timesteps)"),
        r.out());

    Path lifecycle = out.resolve("lifecycle.csv");
    List<String> lines = Files.readAllLines(lifecycle);
    assertEquals(
        "event_id,genesis,lysis,steps,duration_hours,peak_time,peak_value,max_area_km2,"
            + "max_cells,first_landfall,end_reason,merged_into,split_from",
        lines.get(0));
    assertEquals(5, lines.size(), String.join("\n", lines));
    Map<String, Map<String, String>> life = rows(lifecycle, "event_id");
    assertEquals(List.of(A, D, E, H), List.copyOf(life.keySet()));
    check(life.get(A), "2021-01-10T00:00:00Z", "2021-01-10T06:00:00Z", 3, 6.0);
    check(life.get(D), "2021-01-10T06:00:00Z", "2021-01-10T09:00:00Z", 2, 3.0);
    check(life.get(E), "2021-01-10T06:00:00Z", "2021-01-10T18:00:00Z", 5, 12.0);
    check(life.get(H), "2021-01-10T15:00:00Z", "2021-01-10T18:00:00Z", 2, 3.0);
    assertEquals("lysis,,", tail(life.get(A)));
    assertEquals("merged," + E + ",", tail(life.get(D)));
    assertEquals("end_of_data,,", tail(life.get(E)));
    assertEquals("end_of_data,," + E, tail(life.get(H)));
    assertEquals("2021-01-10T06:00:00Z", life.get(A).get("peak_time"));
    assertEquals("280.0", life.get(A).get("peak_value"));
    assertEquals("2021-01-10T09:00:00Z", life.get(D).get("peak_time"));
    assertEquals("295.0", life.get(D).get("peak_value"));
    assertEquals("2021-01-10T15:00:00Z", life.get(E).get("peak_time"));
    assertEquals("330.0", life.get(E).get("peak_value"));
    assertEquals("2021-01-10T18:00:00Z", life.get(H).get("peak_time"));
    assertEquals("340.0", life.get(H).get("peak_value"));
    // E's largest object is F (rows 6-8, columns 1-6); it touches the region (row 8) at genesis
    assertEquals("18", life.get(E).get("max_cells"));
    assertEquals(
        sumArea(EventFixture.cells(6, 8, 1, 6)),
        Double.parseDouble(life.get(E).get("max_area_km2")),
        1e-6);
    assertEquals("2021-01-10T06:00:00Z", life.get(E).get("first_landfall"));
    assertEquals("2021-01-10T15:00:00Z", life.get(H).get("first_landfall"));
    assertEquals("", life.get(A).get("first_landfall"));
    assertEquals("", life.get(D).get("first_landfall"));

    Map<String, Map<String, String>> tracks = rows(out.resolve("tracks.csv"), "event_id", "time");
    assertEquals(3 + 2 + 5 + 2, tracks.size());
    track(tracks, A, 0, EventFixture.cells(1, 2, 1, 2), 260);
    track(tracks, A, 1, EventFixture.cells(1, 2, 2, 3), 270);
    track(tracks, A, 2, EventFixture.cells(1, 2, 3, 4), 280);
    track(tracks, D, 2, EventFixture.cells(6, 7, 1, 2), 290);
    track(tracks, D, 3, EventFixture.cells(6, 7, 1, 2), 295);
    track(tracks, E, 2, EventFixture.cells(6, 8, 5, 6), 300);
    track(tracks, E, 3, EventFixture.cells(6, 8, 5, 6), 310);
    track(tracks, E, 4, EventFixture.cells(6, 8, 1, 6), 320);
    track(tracks, E, 5, EventFixture.cells(6, 8, 1, 2), 330);
    track(tracks, E, 6, EventFixture.cells(6, 8, 1, 2), 305);
    track(tracks, H, 5, EventFixture.cells(6, 8, 5, 6), 315);
    track(tracks, H, 6, EventFixture.cells(6, 8, 5, 6), 340);

    // the catalog: each event's cells at each of its timesteps
    String catalog = Files.readString(out.resolve("catalog.json"));
    assertTrue(catalog.contains("\"id\": \"" + H + "\""), catalog);
    assertTrue(
        catalog.contains(
            "\"2021-01-10T12:00:00Z\": "
                + java.util.Arrays.toString(EventFixture.cells(6, 8, 1, 6)).replace(" ", "")),
        catalog);

    // the masks: event numbers in id order (A 1, D 2, E 3, H 4), 0 elsewhere
    var store = ZarrStores.open(out.resolve("masks.zarr").toString(), null);
    ZarrArray numbers = ZarrArray.open(store, "event_number");
    assertArrayEquals(
        new long[] {EventFixture.STEPS, EventFixture.NLAT, EventFixture.NLON},
        numbers.metadata().shape());
    for (int t = 0; t < EventFixture.STEPS; t++) {
      int[] plane = numbers.readChunk(t, 0, 0).toIntArray();
      int[] expected = new int[EventFixture.NLAT * EventFixture.NLON];
      fill(expected, t);
      assertArrayEquals(expected, plane, "timestep " + t);
    }
  }

  /** The event numbers at timestep t, from the blobs of the fixture. */
  private static void fill(int[] plane, int t) {
    switch (t) {
      case 0 -> set(plane, EventFixture.cells(1, 2, 1, 2), 1);
      case 1 -> set(plane, EventFixture.cells(1, 2, 2, 3), 1);
      case 2 -> {
        set(plane, EventFixture.cells(1, 2, 3, 4), 1);
        set(plane, EventFixture.cells(6, 7, 1, 2), 2);
        set(plane, EventFixture.cells(6, 8, 5, 6), 3);
      }
      case 3 -> {
        set(plane, EventFixture.cells(6, 7, 1, 2), 2);
        set(plane, EventFixture.cells(6, 8, 5, 6), 3);
      }
      case 4 -> set(plane, EventFixture.cells(6, 8, 1, 6), 3); // C is dropped
      default -> {
        set(plane, EventFixture.cells(6, 8, 1, 2), 3);
        set(plane, EventFixture.cells(6, 8, 5, 6), 4);
      }
    }
  }

  private static void set(int[] plane, int[] cells, int n) {
    for (int c : cells) {
      plane[c] = n;
    }
  }

  private static void check(
      Map<String, String> row, String genesis, String lysis, int steps, double hours) {
    assertEquals(genesis, row.get("genesis"));
    assertEquals(lysis, row.get("lysis"));
    assertEquals(String.valueOf(steps), row.get("steps"));
    assertEquals(String.valueOf(hours), row.get("duration_hours"));
  }

  private static String tail(Map<String, String> row) {
    return row.get("end_reason") + "," + row.get("merged_into") + "," + row.get("split_from");
  }

  private static double sumArea(int[] cells) {
    double a = 0;
    for (int c : cells) {
      a += EventFixture.area(c);
    }
    return a;
  }

  private static void track(
      Map<String, Map<String, String>> tracks, String id, int step, int[] cells, double max) {
    Map<String, String> row = tracks.get(id + "@" + EventFixture.t(step));
    assertTrue(row != null, id + " at step " + step + ": no track row in " + tracks.keySet());
    assertEquals(String.valueOf(cells.length), row.get("cells"));
    assertEquals(sumArea(cells), Double.parseDouble(row.get("area_km2")), 1e-6);
    double[] c = EventFixture.centroid(cells);
    assertEquals(c[0], Double.parseDouble(row.get("centroid_lat")), 1e-9);
    assertEquals(c[1], Double.parseDouble(row.get("centroid_lon")), 1e-9);
    assertEquals(String.valueOf(max), row.get("max_value"));
  }

  @Test
  void theCatalogFeedsATemporalRunAndTheAggregationMatchesIt() throws Exception {
    Path fields = EventFixture.write(dir.resolve("fields"));
    Path out = dir.resolve("out");
    String aggregation =
        String.join(
            "\n",
            "aggregation:",
            "  variables:",
            "    max_V: {variable: V, collection: V, spatial_func: max, temporal_reducer: max,"
                + " mask: full}",
            "output: {format: csv}",
            "");
    Run r =
        cli(
            "run",
            "--config",
            config(aggregation).toString(),
            "--fields",
            fields.toString(),
            "--output",
            out.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("metrics: 4 events = ok 4 + incomplete 0 + failed 0"), r.out());
    Map<String, Map<String, String>> metrics = rows(out.resolve("metrics/events.csv"), "event_id");
    assertEquals(List.of(A, D, E, H), List.copyOf(metrics.keySet()));
    // the maximum of V under each event's masks is its peak value
    Map<String, Map<String, String>> life = rows(out.resolve("lifecycle.csv"), "event_id");
    for (String id : metrics.keySet()) {
      assertEquals(
          Double.parseDouble(life.get(id).get("peak_value")),
          Double.parseDouble(metrics.get(id).get("max_V")),
          0,
          id);
      assertEquals("ok", metrics.get(id).get("status"));
    }
    assertEquals("5", metrics.get(E).get("timesteps"));

    // a later temporal run reads the catalog and computes the same table
    Path temporal = dir.resolve("temporal.yaml");
    Files.writeString(
        temporal,
        String.join(
            "\n",
            "pipeline: {type: temporal}",
            "data_source:",
            "  collections:",
            "    V: {files: 'V/*.nc', time_step: PT3H, variables: [V]}",
            aggregation));
    Path out2 = dir.resolve("out2");
    Run t =
        cli(
            "run",
            "--config",
            temporal.toString(),
            "--events",
            out.resolve("catalog.json").toString(),
            "--fields",
            fields.toString(),
            "--output",
            out2.toString());
    assertEquals(0, t.code(), t.out() + t.err());
    assertTrue(t.out().contains("events: 4 = ok 4 + incomplete 0 + failed 0"), t.out());
    Map<String, Map<String, String>> again = rows(out2.resolve("events.csv"), "event_id");
    assertEquals(metrics.keySet(), again.keySet());
    for (String id : metrics.keySet()) {
      for (String col : List.of("status", "start", "end", "max_V", "timesteps", "reason")) {
        assertEquals(metrics.get(id).get(col), again.get(id).get(col), id + " " + col);
      }
    }
  }

  @Test
  void thresholdFieldsOfTheTimestepsMonthGiveTheSameEventsAsTheConstant() throws Exception {
    Path fields = EventFixture.write(dir.resolve("fields"));
    // January 250 everywhere, every other month 1000 (nothing would be detected)
    double[] months = new double[12 * EventFixture.NLAT * EventFixture.NLON];
    java.util.Arrays.fill(months, 1000);
    java.util.Arrays.fill(months, 0, EventFixture.NLAT * EventFixture.NLON, 250);
    var w = EventFixture.coordinates().dimension("month", 12);
    w.doubleVariable("P85", List.of("month", "lat", "lon"), months);
    EventFixture.write(w, fields.resolve("static/p85.nc"));
    var f = EventFixture.coordinates();
    double[] floor = new double[EventFixture.NLAT * EventFixture.NLON];
    java.util.Arrays.fill(floor, 250);
    f.doubleVariable("F", List.of("lat", "lon"), floor);
    EventFixture.write(f, fields.resolve("static/floor.nc"));
    Path constant = dir.resolve("constant");
    assertEquals(0, runWith("'V > 250'", fields, constant).code());
    for (String expr :
        List.of("\"V > monthly('static/p85.nc#P85')\"", "\"V > static('static/floor.nc#F')\"")) {
      Path out = dir.resolve("out-" + expr.length());
      Run r = runWith(expr, fields, out);
      assertEquals(0, r.code(), r.out() + r.err());
      for (String file : List.of("lifecycle.csv", "tracks.csv")) {
        assertEquals(
            Files.readString(constant.resolve(file)), Files.readString(out.resolve(file)), expr);
      }
    }
    Run missing = runWith("\"V > monthly('static/none.nc#P85')\"", fields, dir.resolve("none"));
    assertEquals(2, missing.code(), missing.out() + missing.err());
    assertTrue(
        missing.err().contains("detection.expression: monthly('static/none.nc#P85'): "),
        missing.err());
    assertTrue(missing.err().contains("none.nc"), missing.err());
  }

  private Run runWith(String expression, Path fields, Path out) throws IOException {
    Path c = dir.resolve("threshold.yaml");
    Files.writeString(c, EventFixture.CONFIG.replace("'V > 250'", expression));
    return cli(
        "run", "--config", c.toString(), "--fields", fields.toString(), "--output", out.toString());
  }

  @Test
  void anOutputHoldingFilesIsRefusedWithoutOverwrite() throws Exception {
    Path fields = EventFixture.write(dir.resolve("fields"));
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("notes.txt"), "mine");
    Files.writeString(out.resolve("lifecycle.csv"), "old");
    Run refused = runWith("'V > 250'", fields, out);
    assertEquals(2, refused.code(), refused.out() + refused.err());
    assertTrue(refused.err().contains("already holds 2 file(s); pass --overwrite"), refused.err());
    assertEquals("old", Files.readString(out.resolve("lifecycle.csv")));
    Path c = dir.resolve("threshold.yaml");
    Run r =
        cli(
            "run",
            "--config",
            c.toString(),
            "--fields",
            fields.toString(),
            "--output",
            out.toString(),
            "--overwrite");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("mine", Files.readString(out.resolve("notes.txt")));
    assertTrue(Files.readString(out.resolve("lifecycle.csv")).startsWith("event_id,"));
  }

  @Test
  void aWatchedDirectoryGivesTheBatchOutputsByteForByte() throws Exception {
    Path fields = EventFixture.write(dir.resolve("fields"));
    Path batch = dir.resolve("batch");
    Run b =
        cli(
            "run",
            "--config",
            config("").toString(),
            "--fields",
            fields.toString(),
            "--output",
            batch.toString());
    assertEquals(0, b.code(), b.out() + b.err());

    Path watched = dir.resolve("watched");
    EventFixture.writeStatic(watched);
    EventFixture.writePart(watched.resolve("V/part1.nc"), 0, 4);
    EventConfig config =
        ConfigLoader.loadEvent(config("").toString(), org.magg.io.s3.S3Settings.defaults());
    Path stream = dir.resolve("stream");
    EventRunOptions options =
        EventRunOptions.batch(watched.toString(), stream.toString())
            .withWatch(Duration.ofMillis(500), Duration.ofSeconds(4));
    CompletableFuture<EventSummary> run =
        CompletableFuture.supplyAsync(() -> EventPipeline.run(config, options));
    Thread.sleep(3000);
    // the second file appears while the pipeline runs
    EventFixture.writePart(watched.resolve("V/part2.nc"), 4, 3);
    EventSummary summary = run.get(120, TimeUnit.SECONDS);
    assertTrue(summary.streaming());
    assertEquals(0, summary.exitCode(), summary.toText());
    assertEquals(7, summary.timestepsDetected(), summary.toText());
    for (String f : List.of("catalog.json", "lifecycle.csv", "tracks.csv")) {
      assertArrayEquals(
          Files.readAllBytes(batch.resolve(f)), Files.readAllBytes(stream.resolve(f)), f);
    }
  }

  /**
   * An aggregation in a streaming run: a V maximum, and a precipitation sum over a second, hourly
   * collection P (a steady rate of 1/3600 kg m-2 s-1, so 1 per hour wherever the block's mask has a
   * cell) with a 6-hour tail after each event. The files arrive in three parts while the pipeline
   * runs, so A and D are measured before the input ends; the metrics files are byte for byte those
   * of the batch run.
   */
  @Test
  void aWatchedDirectoryGivesTheBatchMetricsByteForByte() throws Exception {
    String aggregation =
        String.join(
            "\n",
            "aggregation:",
            "  precip_extension: PT6H",
            "  precip_block: PT3H",
            "  variables:",
            "    max_V: {variable: V, collection: V, spatial_func: max, temporal_reducer: max,"
                + " mask: full}",
            "    rain: {variable: P, collection: P, spatial_func: max, temporal_reducer: sum,"
                + " mask: full, precip: true}",
            "output: {format: netcdf}",
            "");
    Path c = dir.resolve("agg.yaml");
    Files.writeString(
        c,
        EventFixture.CONFIG.replace(
                "    V: {files: 'V/*.nc', time_step: PT3H, variables: [V]}",
                "    V: {files: 'V/*.nc', time_step: PT3H, variables: [V]}\n"
                    + "    P: {files: 'P/*.nc', time_step: PT1H, variables: [P]}")
            + aggregation);
    Path fields = EventFixture.write(dir.resolve("fields"));
    writeRain(fields.resolve("P/part1.nc"), 0, 21);
    Path batch = dir.resolve("batch");
    Run b =
        cli("run", "--config", c.toString(), "--fields", fields.toString(), "--output", "" + batch);
    assertEquals(1, b.code(), b.out() + b.err());
    assertTrue(b.out().contains("timesteps: 7 read = 7 detected + 0 failed"), b.out());
    assertTrue(b.out().contains("metrics: 4 events = ok 2 + incomplete 2 + failed 0"), b.out());
    // P's 21 hours and V's 7 timesteps, each read once
    assertTrue(b.out().contains("metric fields: 28 timesteps, "), b.out());
    Map<String, Map<String, String>> metrics =
        rows(batch.resolve("metrics/events.csv"), "event_id");
    assertEquals(List.of(A, D, E, H), List.copyOf(metrics.keySet()));
    // A (00-06 h): blocks 00, 03, 06, 09 reach a mask in [b - 3 h, b], block 12 none: 12 hours
    assertEquals(12, Double.parseDouble(metrics.get(A).get("rain")), 1e-9);
    // D (06-09 h): blocks 06, 09, 12: 9 hours
    assertEquals(9, Double.parseDouble(metrics.get(D).get("rain")), 1e-9);
    assertEquals("ok", metrics.get(A).get("status"));
    assertEquals("ok", metrics.get(D).get("status"));
    // E (06-18 h) needs hours 06-26 and P ends at 20 h: blocks 06-18 give 15 hours
    assertEquals("incomplete", metrics.get(E).get("status"));
    assertEquals(15, Double.parseDouble(metrics.get(E).get("rain")), 1e-9);
    assertEquals(
        "P: 6 of 21 timesteps missing (2021-01-10T21:00:00Z, 2021-01-10T22:00:00Z,"
            + " 2021-01-10T23:00:00Z, ...)",
        metrics.get(E).get("reason"));
    assertEquals("330.0", metrics.get(E).get("max_V"));

    Path watched = dir.resolve("watched");
    EventFixture.writeStatic(watched);
    EventFixture.writePart(watched.resolve("V/part1.nc"), 0, 4);
    writeRain(watched.resolve("P/part1.nc"), 0, 12);
    EventConfig config = ConfigLoader.loadEvent(c.toString(), org.magg.io.s3.S3Settings.defaults());
    Path stream = dir.resolve("stream");
    EventRunOptions options =
        EventRunOptions.batch(watched.toString(), stream.toString())
            .withWatch(Duration.ofMillis(500), Duration.ofSeconds(4));
    CompletableFuture<EventSummary> run =
        CompletableFuture.supplyAsync(() -> EventPipeline.run(config, options));
    Thread.sleep(3000);
    EventFixture.writePart(watched.resolve("V/part2.nc"), 4, 2);
    writeRain(watched.resolve("P/part2.nc"), 12, 6);
    Thread.sleep(2000);
    // the watermark reaches 18 h: A's window (to 14:59) and D's (to 17:59) have closed
    EventFixture.writePart(watched.resolve("V/part3.nc"), 6, 1);
    writeRain(watched.resolve("P/part3.nc"), 18, 3);
    EventSummary summary = run.get(180, TimeUnit.SECONDS);
    String text = summary.toText();
    assertTrue(summary.streaming());
    assertEquals(1, summary.exitCode(), text);
    assertTrue(text.contains("timesteps: 7 read = 7 detected + 0 failed"), text);
    assertTrue(text.contains("metrics: 4 events = ok 2 + incomplete 2 + failed 0"), text);
    // per event, the timesteps of its window (V to its end, P to its tail's end) and those before
    // them in their file (one split each), in the watched files V 0-9 h, 12-15 h, 18 h and P 0-11
    // h,
    // 12-17 h, 18-20 h: A V 0-6 h (3) + P 0-14 h (15); D V 0-9 h (4) + P 0-17 h (18); E V all (7)
    // + P all (21); H V 12-18 h (3) + P 12-20 h (9): 80
    assertTrue(text.contains("metric fields: 80 timesteps, "), text);
    assertEquals(80, summary.metricTimestepsRead(), text);
    for (String f : List.of("catalog.json", "lifecycle.csv", "tracks.csv")) {
      assertArrayEquals(
          Files.readAllBytes(batch.resolve(f)), Files.readAllBytes(stream.resolve(f)), f);
    }
    try (var files = Files.list(batch.resolve("metrics"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(List.of("events.csv", "events.nc"), names);
      for (String f : names) {
        assertArrayEquals(
            Files.readAllBytes(batch.resolve("metrics").resolve(f)),
            Files.readAllBytes(stream.resolve("metrics").resolve(f)),
            f);
      }
    }
  }

  /** An hourly P file of {@code n} hours from hour {@code first}: 1/3600 everywhere. */
  private static void writeRain(Path file, int first, int n) throws IOException {
    int cells = EventFixture.NLAT * EventFixture.NLON;
    double[] time = new double[n];
    double[] p = new double[n * cells];
    for (int k = 0; k < n; k++) {
      time[k] = first + k;
    }
    java.util.Arrays.fill(p, 1.0 / 3600);
    var w = EventFixture.coordinates().dimension("time", n);
    w.doubleVariable("time", List.of("time"), time)
        .attribute("units", "hours since 2021-01-10 00:00:00");
    w.doubleVariable("P", List.of("time", "lat", "lon"), p).attribute("units", "kg m-2 s-1");
    EventFixture.write(w, file);
  }
}
