package org.magg.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoricalCommandTest {
  @TempDir Path tmp;

  /**
   * {@code magg historical process} over [start, end] from {@code in} to {@code out}, plus more.
   */
  private static CliRun process(String start, String end, String in, String out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "historical",
                "process",
                "--start-date",
                start,
                "--end-date",
                end,
                "--input-dir",
                in,
                "--output-dir",
                out));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private void copy(String name) throws IOException {
    Files.createDirectories(tmp.resolve("in"));
    try (InputStream in = getClass().getResourceAsStream("/org/magg/io/historical/" + name)) {
      Files.copy(in, tmp.resolve("in").resolve(name));
    }
  }

  @Test
  void exitCodesZeroOneAndTwo() throws IOException {
    copy("REACH-ALL_20250904T000000_20250905T000000.csv");
    copy("REACH-ALL_20250906T000000_20250907T000000.csv");
    String in = tmp.resolve("in").toString();
    String out = tmp.resolve("out").toString();
    String telemetry = tmp.resolve("t.csv").toString();

    CliRun ok = process("2025-09-04", "2025-09-05", in, out, "--telemetry", telemetry);
    assertEquals(0, ok.code(), ok.err());
    assertThat(
        ok.out(),
        containsString(
            "days planned 2, attempted 1, processed 1, uploaded 0, skipped existing 0, skipped no"
                + " input 1, failed 0"));
    assertThat(ok.out(), containsString("2025-09-04  run_process -> PROCESSED"));
    assertThat(
        ok.out(), containsString("(9 records kept: 12 read, 1 without sensor id, 2 duplicates)"));

    CliRun failed = process("2025-09-04", "2025-09-06", in, out, "--telemetry", telemetry);
    assertEquals(1, failed.code());
    assertThat(failed.out(), containsString("2025-09-06  run_process -> FAILED"));
    assertThat(failed.out(), containsString("skipped existing 1"));

    CliRun dry =
        process(
            "2025-09-04",
            "2025-09-06",
            in,
            out,
            "--telemetry",
            telemetry,
            "--dry-run",
            "--retry-failed");
    assertEquals(0, dry.code());
    assertThat(dry.out(), containsString("2025-09-06  run_process"));

    assertEquals(2, process("2025-13-01", "2025-09-06", in, out).code());
    CliRun noBucket = process("2025-09-04", "2025-09-06", in, out, "--upload-to-s3");
    assertEquals(2, noBucket.code());
    assertThat(noBucket.err(), containsString("--upload-to-s3 requires --s3-bucket"));
    assertEquals(
        2,
        CliRun.of("historical", "process", "--start-date", "2025-09-04", "--input-dir", in).code());
    assertEquals(2, CliRun.of("historical").code());
  }

  @Test
  void summaryJsonHoldsTheSameCountsAsTheText() throws IOException {
    copy("REACH-ALL_20250904T000000_20250905T000000.csv");
    copy("REACH-ALL_20250906T000000_20250907T000000.csv");
    // the summary's directory must exist (a missing one is refused, see PreflightCliTest)
    Path json = Files.createDirectories(tmp.resolve("reports")).resolve("summary.json");
    CliRun r =
        process(
            "2025-09-04",
            "2025-09-06",
            tmp.resolve("in").toString(),
            tmp.resolve("out").toString(),
            "--telemetry",
            tmp.resolve("t.csv").toString(),
            "--summary-json",
            json.toString());
    assertEquals(1, r.code(), r.err());
    // 04 processed, 05 has no input, 06 fails on its bad obTime (see exitCodesZeroOneAndTwo).
    assertThat(r.out(), containsString("days planned 3, attempted 2, processed 1"));
    com.fasterxml.jackson.databind.JsonNode root =
        org.magg.core.Json.mapper().readTree(json.toFile());
    assertEquals(3, root.get("daysPlanned").asInt());
    assertEquals(2, root.get("daysAttempted").asInt());
    assertEquals(1, root.get("daysProcessed").asInt());
    assertEquals(1, root.get("daysFailed").asInt());
    assertEquals(3, root.get("days").size());
    assertEquals("2025-09-06", root.get("days").get(2).get("date").asText());
  }

  @Test
  void telemetryMayLiveInTheOutputDirectoryTheRunCreates() throws IOException {
    copy("REACH-ALL_20250904T000000_20250905T000000.csv");
    Path out = tmp.resolve("new/out");
    CliRun r =
        process(
            "2025-09-04",
            "2025-09-04",
            tmp.resolve("in").toString(),
            out.toString(),
            "--telemetry",
            out.resolve("logs/telemetry.csv").toString());
    // --output-dir's parent does not exist: refused before any work, nothing created.
    assertEquals(2, r.code(), r.out());
    assertFalse(Files.exists(tmp.resolve("new")));
    Files.createDirectories(tmp.resolve("new"));
    CliRun ok =
        process(
            "2025-09-04",
            "2025-09-04",
            tmp.resolve("in").toString(),
            out.toString(),
            "--telemetry",
            out.resolve("logs/telemetry.csv").toString());
    assertEquals(0, ok.code(), ok.err());
    assertTrue(Files.isRegularFile(out.resolve("logs/telemetry.csv")));
  }
}
