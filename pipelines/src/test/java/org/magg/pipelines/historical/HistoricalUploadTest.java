package org.magg.pipelines.historical;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.historical.Fixtures;
import org.magg.io.historical.TelemetryLog;
import org.magg.io.historical.TelemetryRow;
import org.magg.io.historical.TelemetryRow.Column;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.io.s3.S3Settings;
import org.magg.testing.S3TestServer;

/** Uploads to a real S3-compatible server (S3Mock) on 127.0.0.1, and resuming around them. */
class HistoricalUploadTest {
  static final String KEY_0904 =
      "l1c/prelim/2025/09/04/reach_all_l1c_prelim_20250904T000000_v1.0.0.cdf";
  static final String KEY_0905 =
      "l1c/prelim/2025/09/05/reach_all_l1c_prelim_20250905T070325_v1.0.0.cdf";

  private static S3TestServer server;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    server = S3TestServer.get();
  }

  Path in() {
    return tmp.resolve("in");
  }

  Path out() {
    return tmp.resolve("out");
  }

  Path telemetry() {
    return in().resolve("download_telemetry.csv");
  }

  ProcessRunConfig local(String start, String end) {
    return ProcessRunConfig.of(LocalDate.parse(start), LocalDate.parse(end), in(), out());
  }

  Map<String, List<String>> statuses() throws IOException {
    return new TelemetryLog(telemetry())
        .rows().stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.get(Column.CHUNK_DATE_UTC),
                    TreeMap::new,
                    Collectors.mapping(r -> r.get(Column.STATUS), Collectors.toList())));
  }

  TelemetryRow last() throws IOException {
    List<TelemetryRow> rows = new TelemetryLog(telemetry()).rows();
    return rows.get(rows.size() - 1);
  }

  @Test
  void processAndUploadThenUploadOnlyAfterALocalRunThenComplete() throws IOException {
    // a bucket of its own, so objects left by other runs cannot make this test pass
    String bucket = "reach-" + UUID.randomUUID().toString().substring(0, 8);
    S3Objects s3 = S3Objects.of(server.settings());
    createBucket(bucket);
    Fixtures.copy(Fixtures.DAY_0904, in());
    Fixtures.copy(Fixtures.DAY_0905, in());

    // 09-04 locally first: PROCESSED is terminal without upload
    ProcessRunSummary localRun = HistoricalProcess.run(local("2025-09-04", "2025-09-04"));
    assertEquals(1, localRun.daysProcessed());

    // with upload: 09-04 is uploaded only (not processed again), 09-05 processed and uploaded
    Path cdf0904 = out().resolve(KEY_0904);
    long modified = Files.getLastModifiedTime(cdf0904).toMillis();
    ProcessRunSummary s =
        HistoricalProcess.run(
            local("2025-09-04", "2025-09-05").withUpload(bucket, server.settings()));
    assertEquals(2, s.daysPlanned());
    assertEquals(1, s.daysAttempted());
    assertEquals(1, s.daysProcessed());
    assertEquals(2, s.daysUploaded());
    assertEquals(0, s.daysFailed());
    assertEquals(0, s.exitCode());
    assertEquals(
        Map.of(
            "2025-09-04",
            List.of("PROCESS_PENDING", "PROCESSED", "UPLOAD_PENDING", "UPLOADED"),
            "2025-09-05",
            List.of("PROCESS_PENDING", "PROCESSED", "UPLOAD_PENDING", "UPLOADED")),
        statuses());
    assertEquals(modified, Files.getLastModifiedTime(cdf0904).toMillis(), "not processed again");
    assertArrayEquals(Files.readAllBytes(cdf0904), s3.read(new S3Location(bucket, KEY_0904)));
    assertArrayEquals(
        Files.readAllBytes(out().resolve(KEY_0905)), s3.read(new S3Location(bucket, KEY_0905)));
    TelemetryRow up = last();
    assertEquals("UPLOADED", up.get(Column.STATUS));
    assertEquals(bucket, up.get(Column.S3_BUCKET));
    assertEquals(KEY_0905, up.get(Column.S3_KEY));
    assertEquals(out().resolve(KEY_0905).toAbsolutePath().toString(), up.get(Column.CDF_PATH));
    assertEquals(false, up.get(Column.UPLOAD_SECONDS).isEmpty());

    // complete: a rerun skips both days and writes nothing
    long size = Files.size(telemetry());
    ProcessRunSummary again =
        HistoricalProcess.run(
            local("2025-09-04", "2025-09-05").withUpload(bucket, server.settings()));
    assertEquals(2, again.daysSkippedExisting());
    assertEquals(0, again.daysAttempted() + again.daysUploaded());
    assertEquals(size, Files.size(telemetry()));
  }

  @Test
  void aFailedUploadIsRecordedAndRetriedByProcessingAgain() throws IOException {
    Fixtures.copy(Fixtures.DAY_0904, in());
    S3Settings oneTry = server.settings().withMaxAttempts(1);
    String missing = "no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8);
    ProcessRunSummary s =
        HistoricalProcess.run(local("2025-09-04", "2025-09-04").withUpload(missing, oneTry));
    assertEquals(1, s.daysProcessed());
    assertEquals(0, s.daysUploaded());
    assertEquals(1, s.daysFailed());
    assertEquals(1, s.exitCode());
    assertEquals(
        List.of("PROCESS_PENDING", "PROCESSED", "UPLOAD_PENDING", "FAILED"),
        statuses().get("2025-09-04"));
    TelemetryRow failed = last();
    assertThat(failed.get(Column.ERROR_MESSAGE), containsString(missing));
    assertEquals(false, failed.get(Column.ERROR_TYPE).isEmpty());

    // without --retry-failed the day stays failed; with it, it is processed again and uploaded
    assertEquals(
        1,
        HistoricalProcess.run(local("2025-09-04", "2025-09-04").withUpload(missing, oneTry))
            .daysFailed());
    String bucket = "reach-" + UUID.randomUUID().toString().substring(0, 8);
    createBucket(bucket);
    ProcessRunSummary retry =
        HistoricalProcess.run(
            local("2025-09-04", "2025-09-04")
                .withUpload(bucket, server.settings())
                .withRetryFailed(true));
    assertEquals(1, retry.daysAttempted());
    assertEquals(1, retry.daysProcessed());
    assertEquals(1, retry.daysUploaded());
    assertEquals(0, retry.exitCode());
  }

  @Test
  void anInterruptedUploadResumesAsUploadOnly() throws IOException {
    String bucket = "reach-" + UUID.randomUUID().toString().substring(0, 8);
    createBucket(bucket);
    Fixtures.copy(Fixtures.DAY_0904, in());
    HistoricalProcess.run(local("2025-09-04", "2025-09-04"));
    // as if a run had stopped after writing UPLOAD_PENDING
    TelemetryLog log = new TelemetryLog(telemetry());
    TelemetryRow processed = last();
    log.append(
        processed
            .with(Column.STATUS, "UPLOAD_PENDING")
            .with(Column.STARTED_AT_UTC, TelemetryLog.timestamp(java.time.Instant.now())));
    ProcessRunSummary s =
        HistoricalProcess.run(
            local("2025-09-04", "2025-09-04").withUpload(bucket, server.settings()));
    assertEquals(0, s.daysAttempted());
    assertEquals(1, s.daysUploaded());
    assertEquals(
        List.of("PROCESS_PENDING", "PROCESSED", "UPLOAD_PENDING", "UPLOAD_PENDING", "UPLOADED"),
        statuses().get("2025-09-04"));
    TelemetryRow up = last();
    assertEquals(processed.get(Column.CDF_SIZE_MB), up.get(Column.CDF_SIZE_MB));
    assertEquals(processed.get(Column.PROCESS_SECONDS), up.get(Column.PROCESS_SECONDS));
    assertEquals(KEY_0904, up.get(Column.S3_KEY));
  }

  private static void createBucket(String bucket) {
    try (var client =
        software.amazon.awssdk.services.s3.S3Client.builder()
            .endpointOverride(java.net.URI.create(server.endpoint()))
            .forcePathStyle(true)
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .build()) {
      client.createBucket(b -> b.bucket(bucket));
    }
  }
}
