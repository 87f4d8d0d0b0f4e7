package org.magg.pipelines.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.gridded.FieldSlice;
import org.magg.io.gridded.GridSlice;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.TemporalConfig;

/**
 * The temporal pipeline on unbounded input: a result per event when the watermark passes its end, a
 * late pane for a timestep within the allowed lateness, nothing for one after it (TestStream); and
 * a watched directory receiving files while the pipeline runs. Values as in {@link
 * TemporalPipelineTest}: {@code T = 100 + h + c}.
 */
class TemporalStreamingTest {
  /** The fixture's config without its precipitation metric, so windows close at the events' end. */
  private static final String CONFIG =
      TemporalPipelineFixture.CONFIG
          .lines()
          .filter(l -> !l.contains("rain:"))
          .collect(java.util.stream.Collectors.joining("\n", "", "\n"));

  private static final String EVENTS =
      String.join(
          "\n",
          "{\"grid\": {\"lat\": {\"start\": -80, \"step\": 5, \"count\": 3},",
          "          \"lon\": {\"start\": 0, \"step\": 90, \"count\": 4}},",
          " \"events\": [",
          "  {\"id\": \"E1\", \"start\": \"2021-01-01T03:00:00Z\", \"end\": \"2021-01-01T09:00:00Z\",",
          "   \"masks\": {\"2021-01-01T03:00:00Z\": [0, 4], \"2021-01-01T06:00:00Z\": [4, 5],",
          "             \"2021-01-01T09:00:00Z\": [5]}},",
          "  {\"id\": \"E2\", \"start\": \"2021-01-01T12:00:00Z\", \"end\": \"2021-01-01T12:00:00Z\",",
          "   \"masks\": {\"2021-01-01T12:00:00Z\": [11]}},",
          "  {\"id\": \"E3\", \"start\": \"2021-01-02T03:00:00Z\", \"end\": \"2021-01-02T03:00:00Z\",",
          "   \"masks\": {\"2021-01-02T03:00:00Z\": [0]}}",
          " ]}",
          "");

  private static final long HOUR = 3_600_000L;
  private static final long T0 = Instant.parse("2021-01-01T00:00:00Z").toEpochMilli();

  @TempDir Path dir;

  private TemporalPlan plan(Path root, Path out, Duration lateness) throws Exception {
    Path events = dir.resolve("events.json");
    Files.writeString(events, EVENTS);
    TemporalPipelineFixture.writeStatic(root);
    TemporalConfig config = (TemporalConfig) ConfigLoader.parseAny(CONFIG, "test");
    return TemporalPlan.load(
        config,
        TemporalRunOptions.batch(events.toString(), root.toString(), out.toString())
            .withAllowedLateness(lateness));
  }

  private static TimestampedValue<FieldSlice> slice(int hour) {
    double[] t = new double[12];
    double[] p = new double[12];
    for (int c = 0; c < 12; c++) {
      t[c] = 100 + hour + c;
    }
    Map<String, GridSlice> vars =
        Map.of(
            "T", GridSlice.of(TemporalPipelineFixture.LAT, TemporalPipelineFixture.LON, t),
            "P", GridSlice.of(TemporalPipelineFixture.LAT, TemporalPipelineFixture.LON, p));
    Instant time = Instant.ofEpochMilli(T0 + hour * HOUR);
    return TimestampedValue.of(
        new FieldSlice("A", time, vars, "stream#" + hour, 100),
        new org.joda.time.Instant(time.toEpochMilli()));
  }

  private static org.joda.time.Instant at(int hour) {
    return new org.joda.time.Instant(T0 + hour * HOUR);
  }

  @Test
  void onTimeAndLatePanes() throws Exception {
    TemporalPlan plan = plan(dir.resolve("fields"), dir.resolve("out"), Duration.ofHours(2));
    StreamingOptions options = PipelineOptionsFactory.as(StreamingOptions.class);
    options.setStreaming(true);
    Pipeline p = Pipeline.create(options);
    TestStream<FieldSlice> stream =
        TestStream.create(FieldSlice.coder())
            .addElements(slice(3), slice(6))
            // past E1's end (09h): E1 fires on time without its 09h timestep
            .advanceWatermarkTo(at(10))
            // 09h arrives late, within the 2 h of lateness (E1 closed at 09h, expires at 11h)
            .addElements(slice(9))
            // past E2's end (12h) and its lateness: E2 fires with nothing
            .advanceWatermarkTo(at(20))
            .addElements(slice(12)) // too late for E2: dropped
            .advanceWatermarkToInfinity();
    TemporalGraph.Outputs outputs = TemporalGraph.reduce(p, plan, p.apply(stream), List.of());
    PCollection<String> rows =
        outputs
            .rows()
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        r ->
                            r.eventId()
                                + " "
                                + r.pane()
                                + " "
                                + r.status()
                                + " max_T_ais="
                                + r.metrics()[0]
                                + " landfall_T="
                                + r.metrics()[1]
                                + " timesteps="
                                + r.timesteps()));
    PAssert.that(rows)
        .containsInAnyOrder(
            // 03h: ais {0} -> 103; landfall at 03h, max over {0,4} = 107; 09h is missing
            "E1 ON_TIME incomplete max_T_ais=103.0 landfall_T=107.0 timesteps=2",
            // the late pane holds all three timesteps (panes accumulate)
            "E1 LATE ok max_T_ais=103.0 landfall_T=107.0 timesteps=3",
            "E2 ON_TIME failed max_T_ais=NaN landfall_T=NaN timesteps=0",
            "E3 ON_TIME failed max_T_ais=NaN landfall_T=NaN timesteps=0");
    p.run().waitUntilFinish();
  }

  @Test
  void watchedDirectoryReceivesFilesDuringTheRun() throws Exception {
    Path root = dir.resolve("fields");
    Path out = dir.resolve("out");
    TemporalPlan plan = plan(root, out, Duration.ZERO);
    TemporalPipelineFixture.writeDay(root.resolve("A/day1.nc"), 0);
    TemporalRunOptions options =
        plan.options().withWatch(Duration.ofMillis(500), Duration.ofSeconds(4));
    CompletableFuture<TemporalSummary> run =
        CompletableFuture.supplyAsync(() -> TemporalPipeline.run(plan.config(), options));
    Thread.sleep(3000);
    // a file that appears while the pipeline runs
    TemporalPipelineFixture.writeDay(root.resolve("A/day2.nc"), 1);
    TemporalSummary summary = run.get(120, TimeUnit.SECONDS);
    assertTrue(summary.streaming());
    assertEquals(2, summary.filesMatched(), summary.toText());
    // only the events' timesteps are read: E1 03h..09h, E2 12h and E3 27h (in the file that came
    // later)
    assertEquals(9, summary.timestepsRead(), summary.toText());
    assertEquals(3, summary.count("ok"), summary.toText());
    Map<String, Map<String, String>> e1 =
        TemporalPipelineFixture.readCsv(out.resolve("panes/E1.pane-0.csv"));
    assertEquals("103.0", e1.get("E1").get("max_T_ais"));
    assertEquals("107.0", e1.get("E1").get("landfall_T"));
    assertEquals("ON_TIME", e1.get("E1").get("pane"));
    Map<String, Map<String, String>> e2 =
        TemporalPipelineFixture.readCsv(out.resolve("panes/E2.pane-0.csv"));
    assertEquals("1", e2.get("E2").get("timesteps"));
    // E3 at 27h, cell 0 (in ais): 100 + 27 + 0
    Map<String, Map<String, String>> e3 =
        TemporalPipelineFixture.readCsv(out.resolve("panes/E3.pane-0.csv"));
    assertEquals("127.0", e3.get("E3").get("max_T_ais"));
  }
}
