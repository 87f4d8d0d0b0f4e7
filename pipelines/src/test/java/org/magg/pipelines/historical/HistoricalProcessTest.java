package org.magg.pipelines.historical;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.historical.Fixtures;
import org.magg.io.historical.Jcdf;
import org.magg.io.historical.TelemetryLog;
import org.magg.io.historical.TelemetryRow;
import org.magg.io.historical.TelemetryRow.Column;
import org.magg.transforms.historical.DayProcessor;
import org.magg.transforms.historical.DayResult;
import org.magg.transforms.historical.DayTask;
import org.magg.transforms.historical.ProcessDays;

/** Whole runs on the Direct runner: planning, the per-day pipeline, telemetry and resuming. */
class HistoricalProcessTest {
  static final double F = -1.0e31;
  static final String CDF_0904 =
      "l1c/prelim/2025/09/04/reach_all_l1c_prelim_20250904T000000_v1.0.0.cdf";
  static final String CDF_0905 =
      "l1c/prelim/2025/09/05/reach_all_l1c_prelim_20250905T070325_v1.0.0.cdf";
  static final String CDF_0906 =
      "l1c/prelim/2025/09/06/reach_all_l1c_prelim_20250906T000000_v1.0.0.cdf";

  @TempDir Path tmp;

  Path in() {
    return tmp.resolve("in");
  }

  Path out() {
    return tmp.resolve("out");
  }

  ProcessRunConfig config(String start, String end) {
    return ProcessRunConfig.of(LocalDate.parse(start), LocalDate.parse(end), in(), out());
  }

  List<TelemetryRow> rows() throws IOException {
    return new TelemetryLog(in().resolve("download_telemetry.csv")).rows();
  }

  /** The statuses written for each day, in file order. */
  Map<String, List<String>> statusesByDay() throws IOException {
    return rows().stream()
        .collect(
            Collectors.groupingBy(
                r -> r.get(Column.CHUNK_DATE_UTC),
                java.util.TreeMap::new,
                Collectors.mapping(r -> r.get(Column.STATUS), Collectors.toList())));
  }

  @Test
  void failingAndMissingDaysThenARerunThatSkipsThenARetry() throws IOException {
    Fixtures.copy(Fixtures.DAY_0904, in());
    Fixtures.copy(Fixtures.DAY_0905, in());
    Path bad = Fixtures.copy(Fixtures.DAY_0906_BAD, in());
    // nothing for 2025-09-07

    ProcessRunSummary s = HistoricalProcess.run(config("2025-09-04", "2025-09-07"));
    assertEquals(4, s.daysPlanned());
    assertEquals(3, s.daysAttempted());
    assertEquals(2, s.daysProcessed());
    assertEquals(0, s.daysUploaded());
    assertEquals(0, s.daysSkippedExisting());
    assertEquals(1, s.daysSkippedNoInput());
    assertEquals(1, s.daysFailed());
    assertEquals(1, s.exitCode());
    assertEquals(
        Map.of(
            "2025-09-04", List.of("PROCESS_PENDING", "PROCESSED"),
            "2025-09-05", List.of("PROCESS_PENDING", "PROCESSED"),
            "2025-09-06", List.of("PROCESS_PENDING", "FAILED"),
            "2025-09-07", List.of("SKIPPED_NO_INPUT")),
        statusesByDay());
    for (TelemetryRow r : rows()) {
      assertEquals(s.runId(), r.get(Column.RUN_ID));
      assertEquals("ALL", r.get(Column.SENSOR_ID));
      assertEquals("QUICKLOOK", r.get(Column.DESCRIPTOR));
      assertEquals("csv", r.get(Column.OUTPUT_FORMAT));
    }
    TelemetryRow failed = last("2025-09-06");
    assertEquals("IOException", failed.get(Column.ERROR_TYPE));
    assertThat(
        failed.get(Column.ERROR_MESSAGE),
        allOf(
            containsString(bad.getFileName().toString()),
            containsString("line 3"),
            containsString("'obTime'")));
    assertEquals(bad.toAbsolutePath().toString(), failed.get(Column.CSV_PATH));
    TelemetryRow done = last("2025-09-05");
    Path cdf = out().resolve(CDF_0905);
    assertTrue(Files.isRegularFile(cdf));
    assertTrue(Files.isRegularFile(out().resolve(CDF_0904)));
    assertEquals(cdf.toAbsolutePath().toString(), done.get(Column.CDF_PATH));
    assertEquals(
        String.format(Locale.ROOT, "%.4f", Files.size(cdf) / (1024.0 * 1024.0)),
        done.get(Column.CDF_SIZE_MB));
    assertFalse(done.get(Column.PROCESS_SECONDS).isEmpty());
    assertThat(
        done.get(Column.FINISHED_AT_UTC).compareTo(done.get(Column.STARTED_AT_UTC)) >= 0,
        org.hamcrest.Matchers.is(true));
    checkDay0905(cdf);

    // Rerun without --retry-failed: nothing to do, no rows; the failed day still fails the run.
    byte[] before = Files.readAllBytes(in().resolve("download_telemetry.csv"));
    ProcessRunSummary again = HistoricalProcess.run(config("2025-09-04", "2025-09-07"));
    assertEquals(4, again.daysPlanned());
    assertEquals(0, again.daysAttempted());
    assertEquals(2, again.daysSkippedExisting());
    assertEquals(1, again.daysSkippedNoInput());
    assertEquals(1, again.daysFailed());
    assertEquals(1, again.exitCode());
    assertArrayEquals(before, Files.readAllBytes(in().resolve("download_telemetry.csv")));

    // The input is corrected; --retry-failed processes that day only.
    Files.writeString(bad, Files.readString(bad).replace("T25:00:05", "T00:00:05"));
    ProcessRunSummary retry =
        HistoricalProcess.run(config("2025-09-04", "2025-09-07").withRetryFailed(true));
    assertEquals(1, retry.daysAttempted());
    assertEquals(1, retry.daysProcessed());
    assertEquals(0, retry.daysFailed());
    assertEquals(0, retry.exitCode());
    assertEquals(
        List.of("PROCESS_PENDING", "FAILED", "PROCESS_PENDING", "PROCESSED"),
        statusesByDay().get("2025-09-06"));
    assertEquals(7 + 2, rows().size());
    assertTrue(Files.isRegularFile(out().resolve(CDF_0906)));
  }

  /** The 2025-09-05 CDF, read by JCDF, against the fixture's rows. */
  private static void checkDay0905(Path cdf) throws IOException {
    Jcdf c = new Jcdf(cdf.toFile());
    assertEquals(
        List.of("2025-09-05T07:03:25.000000000", "2025-09-05T07:08:00.000000000"),
        c.times("Epoch"));
    assertArrayEquals(new int[] {135, 170}, (int[]) c.record("sensor_ids", 0));
    // sensors REACH-135 (X; its record had no idSensor, Iridium-126), REACH-170 (X, Z)
    assertArrayEquals(
        new double[] {F, F, F, 5.820433436476043E-7, 0.0, F, 6.5619047618411025E-6, F},
        c.reals("dose_rate"));
    assertArrayEquals(
        new double[] {F, -27.53820086337029, -72.7872047942308, -43.920579670093495},
        c.reals("lat"));
    assertArrayEquals(
        new double[] {F, 788.5214589871463, 805.8583658421899, 795.5038767456349}, c.reals("alt"));
    assertEquals(
        List.of("reach_all_l1c_prelim_20250905T070325_v1.0.0"), c.global("Logical_file_id"));
  }

  private TelemetryRow last(String day) throws IOException {
    TelemetryRow last = null;
    for (TelemetryRow r : rows()) {
      if (r.get(Column.CHUNK_DATE_UTC).equals(day)) {
        last = r;
      }
    }
    return last;
  }

  @Test
  void phaseOneColumnsAreCarriedForward() throws IOException {
    Fixtures.copy(Fixtures.DAY_0904, in());
    TelemetryLog log = new TelemetryLog(in().resolve("download_telemetry.csv"));
    log.append(
        TelemetryRow.empty()
            .with(Column.RUN_ID, "download-run")
            .with(Column.CHUNK_DATE_UTC, "2025-09-04")
            .with(Column.WINDOW_START_UTC, "2025-09-04T00:00:00Z")
            .with(Column.STATUS, "DOWNLOADED")
            .with(Column.RECORDS_DOWNLOADED, "12")
            .with(Column.EXPECTED_RECORDS, "17280")
            .with(Column.AVAILABILITY_PCT, "0.07")
            .with(Column.DOWNLOAD_SECONDS, "1.250")
            .with(Column.CSV_SIZE_MB, "0.0030")
            .with(Column.CSV_PATH, "/elsewhere/REACH-ALL_20250904T000000_20250905T000000.csv")
            .with(Column.STARTED_AT_UTC, "2025-09-05T00:00:00.000000+00:00"));
    HistoricalProcess.run(config("2025-09-04", "2025-09-04"));
    TelemetryRow r = last("2025-09-04");
    assertEquals("PROCESSED", r.get(Column.STATUS));
    assertEquals("12", r.get(Column.RECORDS_DOWNLOADED));
    assertEquals("17280", r.get(Column.EXPECTED_RECORDS));
    assertEquals("0.07", r.get(Column.AVAILABILITY_PCT));
    assertEquals("1.250", r.get(Column.DOWNLOAD_SECONDS));
    assertEquals("0.0030", r.get(Column.CSV_SIZE_MB));
    assertEquals("", r.get(Column.WINDOW_START_UTC), "only the download columns are carried");
    // the day's input as found now replaces the downloaded path
    assertThat(r.get(Column.CSV_PATH), containsString(in().toString()));
  }

  @Test
  void aFailedPipelineRecordsItsDaysAsFailed() throws IOException {
    Fixtures.copy(Fixtures.DAY_0904, in());
    Fixtures.copy(Fixtures.DAY_0905, in());
    ProcessRunSummary s =
        HistoricalProcess.run(
            config("2025-09-04", "2025-09-05"),
            t ->
                t.withEncoder(
                    file -> {
                      throw new AssertionError("the worker died");
                    }),
            java.time.Clock.systemUTC());
    assertEquals(2, s.daysAttempted());
    assertEquals(0, s.daysProcessed());
    assertEquals(2, s.daysFailed());
    assertEquals(
        Map.of(
            "2025-09-04", List.of("PROCESS_PENDING", "FAILED"),
            "2025-09-05", List.of("PROCESS_PENDING", "FAILED")),
        statusesByDay());
    assertEquals("PipelineFailure", last("2025-09-04").get(Column.ERROR_TYPE));
    assertThat(last("2025-09-05").get(Column.ERROR_MESSAGE), containsString("the worker died"));
    ProcessRunSummary retry =
        HistoricalProcess.run(config("2025-09-04", "2025-09-05").withRetryFailed(true));
    assertEquals(2, retry.daysProcessed());
  }

  @Test
  void aPendingUploadIsLeftAloneByALocalRun() throws IOException {
    Fixtures.copy(Fixtures.DAY_0904, in());
    HistoricalProcess.run(config("2025-09-04", "2025-09-04"));
    new TelemetryLog(in().resolve("download_telemetry.csv"))
        .append(
            last("2025-09-04")
                .with(Column.STATUS, "UPLOAD_PENDING")
                .with(Column.STARTED_AT_UTC, TelemetryLog.timestamp(java.time.Instant.now())));
    ProcessRunSummary s = HistoricalProcess.run(config("2025-09-04", "2025-09-04"));
    assertEquals(1, s.daysPlanned());
    assertEquals(0, s.daysAttempted() + s.daysProcessed() + s.daysUploaded() + s.daysFailed());
    assertEquals(0, s.exitCode());
    assertEquals("run_upload_only", s.days().get(0).action());
    assertEquals(
        List.of("PROCESS_PENDING", "PROCESSED", "UPLOAD_PENDING"),
        statusesByDay().get("2025-09-04"));
  }

  @Test
  void limitDaysCountsOnlyDaysThatNeedWorkAndDryRunWritesNothing() throws IOException {
    Fixtures.copy(Fixtures.DAY_0904, in());
    HistoricalProcess.run(config("2025-09-04", "2025-09-04"));
    Fixtures.copy(Fixtures.DAY_0905, in());
    Fixtures.copy(Fixtures.DAY_0906_BAD, in());

    ProcessRunSummary dry =
        HistoricalProcess.run(config("2025-09-01", "2025-09-08").withDryRun(true));
    assertTrue(dry.dryRun());
    assertEquals(8, dry.daysPlanned());
    assertEquals(0, dry.daysAttempted() + dry.daysProcessed() + dry.daysSkippedExisting());
    assertEquals(
        List.of(
            "skip_no_input",
            "skip_no_input",
            "skip_no_input",
            "skip_existing",
            "run_process",
            "run_process",
            "skip_no_input",
            "skip_no_input"),
        dry.days().stream().map(ProcessRunSummary.Day::action).toList());
    assertEquals(2, rows().size(), "a dry run writes no telemetry");

    ProcessRunSummary s =
        HistoricalProcess.run(config("2025-09-04", "2025-09-08").withLimitDays(1));
    assertEquals(2, s.daysPlanned()); // 09-04 (complete, not counted) and 09-05
    assertEquals(1, s.daysSkippedExisting());
    assertEquals(1, s.daysProcessed());
    assertEquals(0, s.daysFailed());
    assertEquals(List.of("2025-09-04", "2025-09-05"), List.copyOf(statusesByDay().keySet()));
  }

  @Test
  void jsonInputsAndSensorPrefixes() throws IOException {
    Fixtures.copy(Fixtures.DAY_0908_JSON, in());
    Fixtures.copy(Fixtures.DAY_0904, in(), "REACH-135_20250904T000000_20250905T000000.csv");
    ProcessRunSummary s =
        HistoricalProcess.run(config("2025-09-08", "2025-09-08").withOutputFormat("json"));
    assertEquals(1, s.daysProcessed());
    Jcdf c =
        new Jcdf(
            out()
                .resolve("l1c/prelim/2025/09/08/reach_all_l1c_prelim_20250908T000000_v1.0.0.cdf")
                .toFile());
    // REACH-102 comes from Iridium-113 (no idSensor in the record)
    assertArrayEquals(new int[] {102, 105}, (int[]) c.record("sensor_ids", 0));
    assertArrayEquals(new double[] {F, 1.25e-06, 3.5e-07, F}, c.reals("dose_rate"));

    ProcessRunSummary one =
        HistoricalProcess.run(
            config("2025-09-04", "2025-09-04")
                .withSensorId("REACH-135")
                .withTelemetry(tmp.resolve("t135.csv")));
    assertEquals(1, one.daysProcessed());
    assertEquals(
        "REACH-135", new TelemetryLog(tmp.resolve("t135.csv")).rows().get(0).get(Column.SENSOR_ID));
  }

  @Test
  void optionsAreCheckedBeforeAnythingIsWritten() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HistoricalProcess.run(config("2025-09-04", "2025-09-03")));
    assertThat(e.getMessage(), containsString("--end-date (2025-09-03) must be on or after"));
    ProcessRunConfig upload = config("2025-09-04", "2025-09-04");
    upload =
        new ProcessRunConfig(
            upload.startDate(),
            upload.endDate(),
            upload.inputDir(),
            upload.outputDir(),
            null,
            "ALL",
            "QUICKLOOK",
            "csv",
            false,
            null,
            false,
            true,
            null,
            null,
            List.of());
    ProcessRunConfig u = upload;
    e = assertThrows(IllegalArgumentException.class, () -> HistoricalProcess.run(u));
    assertThat(e.getMessage(), containsString("--upload-to-s3 requires --s3-bucket"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HistoricalProcess.run(config("2025-09-04", "2025-09-04").withOutputFormat("xml")));
    assertThat(e.getMessage(), containsString("--output-format: 'xml'"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HistoricalProcess.run(
                    config("2025-09-04", "2025-09-04").withPipelineArgs(List.of("--runner=Nope"))));
    assertFalse(Files.exists(in().resolve("download_telemetry.csv")));
  }

  @Test
  void rerunningADayGivesTheSameFile() throws IOException {
    Path input = Fixtures.copy(Fixtures.DAY_0904, in());
    DayProcessor p =
        ProcessDays.to(out().toString())
            .withClock(
                java.time.Clock.fixed(
                    java.time.Instant.parse("2026-01-02T00:00:00Z"), java.time.ZoneOffset.UTC))
            .processor();
    DayTask t = DayTask.process("2025-09-04", input.toString());
    DayResult a = p.run(t);
    byte[] first = Files.readAllBytes(out().resolve(CDF_0904));
    DayResult b = p.run(t);
    assertArrayEquals(first, Files.readAllBytes(out().resolve(CDF_0904)));
    assertEquals(a.cdfBytes(), b.cdfBytes());
    assertEquals(12, a.rowsRead());
    assertEquals(1, a.unresolvedDropped());
    assertEquals(2, a.duplicatesDropped());
    assertEquals(9, a.recordsKept());
    try (var files = Files.list(out().resolve(CDF_0904).getParent())) {
      assertEquals(1, files.count(), "no temporary files are left");
    }
  }

  static List<String> names(List<TelemetryRow> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.get(Column.STATUS)));
    return out;
  }
}
