package org.magg.io.historical;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.historical.TelemetryRow.Column;

class TelemetryLogTest {
  static final String HEADER =
      "run_id,chunk_date_utc,window_start_utc,window_end_utc,status,records_downloaded,"
          + "expected_records,availability_pct,download_seconds,csv_size_mb,csv_path,sensor_id,"
          + "descriptor,output_format,error_type,error_message,started_at_utc,finished_at_utc,"
          + "process_seconds,cdf_size_mb,cdf_path,upload_seconds,s3_bucket,s3_key";

  @TempDir Path dir;

  private static TelemetryRow row(String day, String status, String started) {
    return TelemetryRow.empty()
        .with(Column.RUN_ID, "r")
        .with(Column.CHUNK_DATE_UTC, day)
        .with(Column.STATUS, status)
        .with(Column.STARTED_AT_UTC, started);
  }

  @Test
  void headerOnceThenAppendOnlyRowsQuotedLikePython() throws IOException {
    Path f = dir.resolve("sub/telemetry.csv");
    TelemetryLog log = new TelemetryLog(f);
    log.append(row("2026-01-01", "PROCESS_PENDING", "2026-01-01T00:00:00.000000+00:00"));
    String first = Files.readString(f);
    log.append(
        row("2026-01-01", "FAILED", "2026-01-01T00:00:00.000000+00:00")
            .with(Column.ERROR_MESSAGE, "line 1, \"x\"\nline 2"));
    String all = Files.readString(f, StandardCharsets.UTF_8);
    assertThat(all, startsWith(first));
    String[] lines = all.split("\r\n", -1);
    assertEquals(HEADER, lines[0]);
    assertEquals(24, lines[0].split(",").length);
    assertEquals(
        "r,2026-01-01,,,PROCESS_PENDING,,,,,,,,,,,,2026-01-01T00:00:00.000000+00:00,,,,,,,",
        lines[1]);
    assertThat(lines[2], containsString(",\"line 1, \"\"x\"\"\nline 2\","));
    List<TelemetryRow> rows = log.rows();
    assertEquals(2, rows.size());
    assertEquals("line 1, \"x\"\nline 2", rows.get(1).get(Column.ERROR_MESSAGE));
    assertEquals(TelemetryStatus.FAILED, rows.get(1).status());
  }

  @Test
  void messagesWithCarriageReturnsCommasAndQuotesReadBackAsWritten() throws IOException {
    Path f = dir.resolve("t.csv");
    TelemetryLog log = new TelemetryLog(f);
    String message = "HTTP 500\r\nbody: a,b \"c\"\rlone CR\n";
    log.append(
        row("2026-01-01", "FAILED", "2026-01-01T00:00:00.000000+00:00")
            .with(Column.ERROR_MESSAGE, message)
            .with(Column.ERROR_TYPE, " spaced "));
    String all = Files.readString(f, StandardCharsets.UTF_8);
    // quoted with its quotes doubled; the other cells as they are
    assertThat(
        all,
        containsString(
            ", spaced ,\"HTTP 500\r\nbody: a,b \"\"c\"\"\rlone CR\n\","
                + "2026-01-01T00:00:00.000000+00:00,"));
    assertThat(all, endsWith(",,,,,,,\r\n"));
    List<TelemetryRow> rows = log.rows();
    assertEquals(1, rows.size());
    assertEquals(message, rows.get(0).get(Column.ERROR_MESSAGE));
    assertEquals(" spaced ", rows.get(0).get(Column.ERROR_TYPE));
    assertEquals("2026-01-01T00:00:00.000000+00:00", rows.get(0).get(Column.STARTED_AT_UTC));
  }

  @Test
  void stateIsTheLatestRowByStartThenByFileOrder() throws IOException {
    TelemetryLog log = new TelemetryLog(dir.resolve("t.csv"));
    log.append(row("2026-01-01", "PROCESS_PENDING", "2026-01-01T10:00:00.000000+00:00"));
    log.append(row("2026-01-01", "PROCESSED", "2026-01-01T10:00:00.000000+00:00"));
    log.append(row("2026-01-02", "UPLOADED", "2026-01-02T10:00:00.000000+00:00"));
    // a row written later but started earlier (a hand-merged file) does not win
    log.append(row("2026-01-02", "FAILED", "2026-01-02T09:00:00.000000+00:00"));
    log.append(row("not a date", "FAILED", "2027-01-01T00:00:00.000000+00:00"));
    Map<LocalDate, TelemetryRow> s = log.loadState();
    assertEquals(2, s.size());
    assertEquals(TelemetryStatus.PROCESSED, s.get(LocalDate.of(2026, 1, 1)).status());
    assertEquals(TelemetryStatus.UPLOADED, s.get(LocalDate.of(2026, 1, 2)).status());
    assertTrue(new TelemetryLog(dir.resolve("none.csv")).loadState().isEmpty());
  }

  @Test
  void readsFilesWithColumnsInAnotherOrderButRefusesToAppendToThem() throws IOException {
    Path f = dir.resolve("other.csv");
    Files.writeString(f, "status,chunk_date_utc,extra\nDOWNLOADED,2026-01-03,x\n");
    TelemetryLog log = new TelemetryLog(f);
    assertEquals(
        TelemetryStatus.DOWNLOADED, log.loadState().get(LocalDate.of(2026, 1, 3)).status());
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> log.append(row("2026-01-03", "FAILED", "")));
    assertThat(e.getMessage(), containsString("expected the 24 columns"));
  }

  @Test
  void refusesUnknownStatusesAndCarriesDownloadColumnsForward() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TelemetryLog(dir.resolve("t.csv")).append(row("2026-01-01", "DONE", "")));
    assertThat(e.getMessage(), containsString("invalid telemetry status 'DONE'"));
    TelemetryRow phase1 =
        TelemetryRow.empty()
            .with(Column.RECORDS_DOWNLOADED, "1200")
            .with(Column.EXPECTED_RECORDS, "1210")
            .with(Column.AVAILABILITY_PCT, "99.17")
            .with(Column.DOWNLOAD_SECONDS, "12.5")
            .with(Column.CSV_SIZE_MB, "0.8")
            .with(Column.CSV_PATH, "/in/a.csv")
            .with(Column.ERROR_MESSAGE, "old");
    TelemetryRow r = TelemetryRow.empty().carryForward(phase1);
    assertEquals("1200", r.get(Column.RECORDS_DOWNLOADED));
    assertEquals("1210", r.get(Column.EXPECTED_RECORDS));
    assertEquals("99.17", r.get(Column.AVAILABILITY_PCT));
    assertEquals("12.5", r.get(Column.DOWNLOAD_SECONDS));
    assertEquals("0.8", r.get(Column.CSV_SIZE_MB));
    assertEquals("/in/a.csv", r.get(Column.CSV_PATH));
    assertEquals("", r.get(Column.ERROR_MESSAGE));
    assertEquals(TelemetryRow.empty(), TelemetryRow.empty().carryForward(null));
    assertEquals(
        "2026-01-02T03:04:05.123456+00:00",
        TelemetryLog.timestamp(Instant.parse("2026-01-02T03:04:05.123456789Z")));
  }
}
