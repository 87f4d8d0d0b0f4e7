package org.magg.pipelines.temporal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.netcdf.NetcdfClassicFile;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.TemporalConfig;
import org.magg.pipelines.runners.Counters;

/**
 * The temporal pipeline end to end on a 3 x 4 grid: one half-hour collection (files per day, NetCDF
 * classic), a region (the southernmost row), unit cell areas and four events. Every expected value
 * is worked out by hand in the comments from the rules of the README (regular metrics at the
 * event's mask times, first landfall, precipitation summed per hour under the rolling 24 h union of
 * masks).
 *
 * <p>Fields: {@code T = 100 + h + c} at hour {@code h} since 2021-01-01T00:00Z and cell {@code c}
 * (row-major, 4 per row); {@code P = 1/3600} kg m-2 s-1 everywhere (1 mm per hour).
 */
class TemporalPipelineTest {
  @TempDir Path dir;

  private Path fields() throws IOException {
    // day 3 is missing: E4 is incomplete
    return TemporalPipelineFixture.writeFields(dir.resolve("fields"));
  }

  @Test
  void eventTableMatchesHandComputedValues() throws Exception {
    Path root = fields();
    Path events = dir.resolve("events.json");
    Files.writeString(events, TemporalPipelineFixture.EVENTS);
    TemporalConfig config =
        (TemporalConfig) ConfigLoader.parseAny(TemporalPipelineFixture.CONFIG, "test");
    Path out = dir.resolve("out");
    TemporalPlan plan =
        TemporalPlan.load(
            config, TemporalRunOptions.batch(events.toString(), root.toString(), out.toString()));
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    TemporalGraph.Outputs outputs = TemporalGraph.build(p, plan);
    outputs
        .rows()
        .apply(
            org.magg.io.temporal.EventTableIO.write(
                out.toString(),
                plan.metricNames(),
                List.of("E1", "E2", "E3", "E4"),
                "netcdf",
                plan.s3()));
    // a missing day is no failure of any file: E4 reports it
    org.apache.beam.sdk.testing.PAssert.that(outputs.failures()).empty();
    org.apache.beam.sdk.PipelineResult result = p.run();
    result.waitUntilFinish();
    // each field timestep is read once although E1 and E2 overlap from 12h to 35h, and only the
    // events' reach is read: E1 03h..35h, E2 12h..38h, E4 45h..71h, of which 03h..38h and 45h..47h
    // exist (the gap 39h..44h is not read): 39 timesteps, while the events took 33 + 27 + 3 = 63
    // steps from them
    Map<String, Long> counters = Counters.under(result, "");
    assertEquals(39L, counters.get("gridded/A/timesteps_read"), counters.toString());
    assertEquals(63L, counters.get("temporal/event_steps"), counters.toString());

    Map<String, Map<String, String>> rows =
        TemporalPipelineFixture.readCsv(out.resolve("events.csv"));
    assertEquals(List.of("E1", "E2", "E3", "E4"), List.copyOf(rows.keySet()));

    Map<String, String> e1 = rows.get("E1");
    assertEquals("ok", e1.get("status"), e1.toString());
    // max over ais at the mask times: 03h {0} -> 100 + 3 + 0; 06h and 09h have no ais cell
    assertEquals(103.0, Double.parseDouble(e1.get("max_T_ais")));
    // first landfall at 03h: max over the full mask {0, 4} = 100 + 3 + 4
    assertEquals(107.0, Double.parseDouble(e1.get("landfall_T")));
    // blocks b (3 hours of 1 mm on each cell of the union of masks in [b - 21 h, b]):
    // b03 {0,4}: 6; b06 {0,4,5}: 9; b09..b24 (6 blocks) {0,4,5}: 54; b27 {4,5}: 6; b30 {5}: 3;
    // b33: 0 -> 78
    assertEquals(78.0, Double.parseDouble(e1.get("rain")), 1e-9);
    // hourly steps from 03h to 35h (the last block, b33, ends at 35h)
    assertEquals("33", e1.get("timesteps"));

    Map<String, String> e2 = rows.get("E2");
    assertEquals("ok", e2.get("status"), e2.toString());
    assertEquals("", e2.get("max_T_ais")); // never over ais: NaN, written empty
    assertEquals("", e2.get("landfall_T"));
    // blocks b12..b33 (8) hold the 12h mask {11}: 8 * 3 = 24; b36 holds nothing
    assertEquals(24.0, Double.parseDouble(e2.get("rain")), 1e-9);
    assertEquals("27", e2.get("timesteps")); // 12h .. 38h

    Map<String, String> e3 = rows.get("E3");
    assertEquals("failed", e3.get("status"));
    assertTrue(e3.get("reason").contains("99"), e3.get("reason"));

    Map<String, String> e4 = rows.get("E4");
    assertEquals("incomplete", e4.get("status"), e4.toString());
    assertTrue(e4.get("reason").contains("A: "), e4.get("reason"));
    assertTrue(e4.get("reason").contains("2021-01-03T00:00:00Z"), e4.get("reason"));
    // only 21h of day 2 is a mask time with data: cell 1 at hour 45 -> 100 + 45 + 1
    assertEquals(146.0, Double.parseDouble(e4.get("max_T_ais")));

    try (NetcdfClassicFile nc = NetcdfClassicFile.open(out.resolve("events.nc"))) {
      assertEquals(List.of("E1", "E2", "E3", "E4"), nc.readStrings("event_id"));
      assertEquals(78.0, nc.readDoubles("rain")[0], 1e-9);
      assertEquals(33.0, nc.readDoubles("timesteps")[0]);
    }
  }

  /** The fixture's E1 and E2, both ok. */
  private static final String OK_EVENTS =
      String.join(
          "\n",
          "{\"grid\": {\"lat\": {\"start\": -80, \"step\": 5, \"count\": 3},",
          "          \"lon\": {\"start\": 0, \"step\": 90, \"count\": 4}},",
          " \"events\": [",
          "  {\"id\": \"E1\", \"start\": \"2021-01-01T03:00:00Z\", \"end\": \"2021-01-01T09:00:00Z\",",
          "   \"masks\": {\"2021-01-01T03:00:00Z\": [0, 4], \"2021-01-01T06:00:00Z\": [4, 5],",
          "             \"2021-01-01T09:00:00Z\": [5]}},",
          "  {\"id\": \"E2\", \"start\": \"2021-01-01T12:00:00Z\", \"end\": \"2021-01-01T12:00:00Z\",",
          "   \"masks\": {\"2021-01-01T12:00:00Z\": [11]}}",
          " ]}",
          "");

  /** A failures.csv an earlier run left in the output directory: two failures not of this run. */
  private static final String OLD_FAILURES =
      "stage,subject,reason\n"
          + "field,/old/run/A/day9.nc,not a NetCDF file\n"
          + "timestep,A@2021-01-09T00:30:00Z,no variable T\n";

  private TemporalSummary runIntoOutputWithOldFailures(Path root, Path out) throws IOException {
    return runIntoOutputWithOldFailures(root, out, true);
  }

  private TemporalSummary runIntoOutputWithOldFailures(Path root, Path out, boolean overwrite)
      throws IOException {
    Path events = dir.resolve("ok-events.json");
    Files.writeString(events, OK_EVENTS);
    Files.createDirectories(out);
    Files.writeString(out.resolve("failures.csv"), OLD_FAILURES);
    TemporalConfig config =
        (TemporalConfig) ConfigLoader.parseAny(TemporalPipelineFixture.CONFIG, "test");
    return TemporalPipeline.run(
        config,
        TemporalRunOptions.batch(events.toString(), root.toString(), out.toString())
            .withOverwrite(overwrite));
  }

  @Test
  void anOutputHoldingFilesIsRefusedWithoutOverwrite() throws Exception {
    Path out = dir.resolve("out");
    Path fields = fields();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> runIntoOutputWithOldFailures(fields, out, false));
    assertThat(e.getMessage(), containsString("output " + out + " already holds 1 file(s)"));
    assertThat(e.getMessage(), containsString("pass --overwrite"));
    // nothing was touched or written
    assertEquals(OLD_FAILURES, Files.readString(out.resolve("failures.csv")));
    try (var files = Files.list(out)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void overwriteClearsWhatARunWritesOnly() throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("panes"));
    Files.createDirectories(out.resolve("events.zarr"));
    Files.writeString(out.resolve("panes/old.pane-0.csv"), "old pane");
    Files.writeString(out.resolve("events.zarr/.zgroup"), "{}");
    Files.writeString(out.resolve("notes.txt"), "kept");
    runIntoOutputWithOldFailures(fields(), out, true);
    assertFalse(Files.exists(out.resolve("panes")));
    assertFalse(Files.exists(out.resolve("events.zarr")));
    assertFalse(Files.exists(out.resolve("failures.csv")));
    assertEquals("kept", Files.readString(out.resolve("notes.txt")));
    assertTrue(Files.exists(out.resolve("events.csv")));
  }

  @Test
  void anEarlierRunsFailuresAreNotReported() throws Exception {
    Path out = dir.resolve("out");
    TemporalSummary summary = runIntoOutputWithOldFailures(fields(), out);
    // this run: E1 and E2 ok, nothing failed, so exit 0 whatever the directory held before
    assertEquals(2, summary.events(), summary.toText());
    assertEquals(2, summary.count("ok"), summary.toText());
    assertEquals(0, summary.failureCount(), summary.toText());
    assertEquals(List.of(), summary.failures());
    assertEquals(0, summary.exitCode(), summary.toText());
    assertEquals(
        List.of(out.resolve("events.csv").toString(), out.resolve("events.nc").toString()),
        summary.outputs());
    // the run cleared the old failures.csv and, having no failure, wrote none
    assertFalse(Files.exists(out.resolve("failures.csv")));
  }

  @Test
  void onlyThisRunsFailuresAreReported() throws Exception {
    Path root = fields();
    // a file of the collection that is not NetCDF: this run's one failure
    Files.writeString(root.resolve("A/day0.nc"), "not a netcdf file");
    Path out = dir.resolve("out");
    TemporalSummary summary = runIntoOutputWithOldFailures(root, out);
    assertEquals(2, summary.count("ok"), summary.toText());
    assertEquals(1, summary.failureCount(), summary.toText());
    assertEquals(1, summary.failures().size(), summary.toText());
    assertTrue(summary.failures().get(0).subject().endsWith("day0.nc"), summary.toText());
    assertEquals(1, summary.exitCode(), summary.toText());
    assertEquals(
        List.of(
            out.resolve("events.csv").toString(),
            out.resolve("events.nc").toString(),
            out.resolve("failures.csv").toString()),
        summary.outputs());
    // failures.csv now holds this run's failure only
    String csv = Files.readString(out.resolve("failures.csv"));
    assertEquals(2, csv.lines().count(), csv);
    assertTrue(csv.contains("day0.nc"), csv);
  }

  static Instant at(String iso) {
    return Instant.parse(iso);
  }
}
