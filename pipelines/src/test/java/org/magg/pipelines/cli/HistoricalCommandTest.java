package org.magg.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoricalCommandTest {
  @TempDir Path tmp;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = MaggCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
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

    Result ok =
        run(
            "historical",
            "process",
            "--start-date",
            "2025-09-04",
            "--end-date",
            "2025-09-05",
            "--input-dir",
            in,
            "--output-dir",
            out,
            "--telemetry",
            telemetry);
    assertEquals(0, ok.code(), ok.err());
    assertThat(
        ok.out(),
        containsString(
            "days planned 2, attempted 1, processed 1, uploaded 0, skipped existing 0, skipped no"
                + " input 1, failed 0"));
    assertThat(ok.out(), containsString("2025-09-04  run_process -> PROCESSED"));
    assertThat(
        ok.out(), containsString("(9 records kept: 12 read, 1 without sensor id, 2 duplicates)"));

    Result failed =
        run(
            "historical",
            "process",
            "--start-date",
            "2025-09-04",
            "--end-date",
            "2025-09-06",
            "--input-dir",
            in,
            "--output-dir",
            out,
            "--telemetry",
            telemetry);
    assertEquals(1, failed.code());
    assertThat(failed.out(), containsString("2025-09-06  run_process -> FAILED"));
    assertThat(failed.out(), containsString("skipped existing 1"));

    Result dry =
        run(
            "historical",
            "process",
            "--start-date",
            "2025-09-04",
            "--end-date",
            "2025-09-06",
            "--input-dir",
            in,
            "--output-dir",
            out,
            "--telemetry",
            telemetry,
            "--dry-run",
            "--retry-failed");
    assertEquals(0, dry.code());
    assertThat(dry.out(), containsString("2025-09-06  run_process"));

    assertEquals(
        2,
        run(
                "historical",
                "process",
                "--start-date",
                "2025-13-01",
                "--end-date",
                "2025-09-06",
                "--input-dir",
                in,
                "--output-dir",
                out)
            .code());
    Result noBucket =
        run(
            "historical",
            "process",
            "--start-date",
            "2025-09-04",
            "--end-date",
            "2025-09-06",
            "--input-dir",
            in,
            "--output-dir",
            out,
            "--upload-to-s3");
    assertEquals(2, noBucket.code());
    assertThat(noBucket.err(), containsString("--upload-to-s3 requires --s3-bucket"));
    assertEquals(
        2, run("historical", "process", "--start-date", "2025-09-04", "--input-dir", in).code());
    assertEquals(2, run("historical").code());
  }

  @Test
  void summaryJsonHoldsTheSameCountsAsTheText() throws IOException {
    copy("REACH-ALL_20250904T000000_20250905T000000.csv");
    copy("REACH-ALL_20250906T000000_20250907T000000.csv");
    // the summary's directory must exist (a missing one is refused, see PreflightCliTest)
    Path json = Files.createDirectories(tmp.resolve("reports")).resolve("summary.json");
    Result r =
        run(
            "historical",
            "process",
            "--start-date",
            "2025-09-04",
            "--end-date",
            "2025-09-06",
            "--input-dir",
            tmp.resolve("in").toString(),
            "--output-dir",
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
    Result r =
        run(
            "historical",
            "process",
            "--start-date",
            "2025-09-04",
            "--end-date",
            "2025-09-04",
            "--input-dir",
            tmp.resolve("in").toString(),
            "--output-dir",
            out.toString(),
            "--telemetry",
            out.resolve("logs/telemetry.csv").toString());
    // --output-dir's parent does not exist: refused before any work, nothing created.
    assertEquals(2, r.code(), r.out());
    assertFalse(Files.exists(tmp.resolve("new")));
    Files.createDirectories(tmp.resolve("new"));
    Result ok =
        run(
            "historical",
            "process",
            "--start-date",
            "2025-09-04",
            "--end-date",
            "2025-09-04",
            "--input-dir",
            tmp.resolve("in").toString(),
            "--output-dir",
            out.toString(),
            "--telemetry",
            out.resolve("logs/telemetry.csv").toString());
    assertEquals(0, ok.code(), ok.err());
    assertTrue(Files.isRegularFile(out.resolve("logs/telemetry.csv")));
  }
}
