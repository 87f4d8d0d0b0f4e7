package org.magg.pipelines.historical;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.magg.io.historical.TelemetryLog;
import org.magg.io.historical.TelemetryRow;
import org.magg.io.historical.TelemetryRow.Column;
import org.magg.io.historical.TelemetryStatus;
import org.magg.transforms.historical.DayAction;
import org.magg.transforms.historical.DayResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a run's telemetry rows: a day's SKIPPED_NO_INPUT row, the PENDING row before
 * its work, and its outcome rows from the per-day result (PROCESSED or FAILED, then with upload
 * UPLOAD_PENDING and UPLOADED or FAILED), each carrying the run id, the run's sensor, descriptor
 * and format, and the day's download-phase columns. Outcome rows start when the PENDING row did
 * (the upload stage when it started, never earlier), so the state read back is the last row.
 */
final class DayLog {
  private static final Logger LOG = LoggerFactory.getLogger(DayLog.class);
  private static final double MIB = 1024.0 * 1024.0;

  private final TelemetryLog telemetry;
  private final String runId;
  private final ProcessRunConfig config;
  private final Clock clock;

  DayLog(TelemetryLog telemetry, String runId, ProcessRunConfig config, Clock clock) {
    this.telemetry = telemetry;
    this.runId = runId;
    this.config = config;
    this.clock = clock;
  }

  /** Records a day without input. */
  void skippedNoInput(PlannedDay d) throws IOException {
    String now = now();
    telemetry.append(
        base(d)
            .with(Column.STATUS, TelemetryStatus.SKIPPED_NO_INPUT.name())
            .with(Column.STARTED_AT_UTC, now)
            .with(Column.FINISHED_AT_UTC, now));
  }

  /** Records the start of a day's work (PROCESS_PENDING or UPLOAD_PENDING); returns its time. */
  String pending(PlannedDay d) throws IOException {
    String started = now();
    TelemetryRow b = base(d).with(Column.STARTED_AT_UTC, started);
    if (d.action() == DayAction.RUN_PROCESS) {
      telemetry.append(
          b.with(Column.CSV_PATH, d.input().toString())
              .with(Column.STATUS, TelemetryStatus.PROCESS_PENDING.name()));
    } else {
      telemetry.append(fromPrior(b, d).with(Column.STATUS, TelemetryStatus.UPLOAD_PENDING.name()));
    }
    return started;
  }

  /**
   * Records a worked day's outcome from its result ({@code r} null: no result came back, the
   * pipeline having failed with {@code pipelineError}) and counts it.
   */
  ProcessRunSummary.Day outcome(
      PlannedDay d, String started, DayResult r, String pipelineError, RunCounts n)
      throws IOException {
    TelemetryRow base = base(d);
    if (d.action() == DayAction.RUN_PROCESS) {
      base = base.with(Column.CSV_PATH, d.input().toString());
    } else {
      base = fromPrior(base, d);
    }
    if (r == null) {
      String msg =
          "no result came back for this day"
              + (pipelineError == null ? "" : ": the pipeline failed: " + pipelineError);
      LOG.error("{}: FAILED ({})", d.date(), msg);
      telemetry.append(
          base.with(Column.STATUS, TelemetryStatus.FAILED.name())
              .with(Column.STARTED_AT_UTC, started)
              .with(Column.FINISHED_AT_UTC, started)
              .with(Column.ERROR_TYPE, "PipelineFailure")
              .with(Column.ERROR_MESSAGE, msg));
      n.failed++;
      return day(d, TelemetryStatus.FAILED.name(), msg);
    }
    if (d.action() == DayAction.RUN_PROCESS) {
      String seconds = String.format(Locale.ROOT, "%.3f", r.processSeconds());
      if (!r.processed()) {
        LOG.error("{}: FAILED at process stage {}: {}", d.date(), r.errorType(), r.errorMessage());
        telemetry.append(
            base.with(Column.STATUS, TelemetryStatus.FAILED.name())
                .with(Column.STARTED_AT_UTC, started)
                .with(Column.FINISHED_AT_UTC, later(r.processFinishedAt(), started))
                .with(Column.PROCESS_SECONDS, seconds)
                .with(Column.ERROR_TYPE, r.errorType())
                .with(Column.ERROR_MESSAGE, r.errorMessage()));
        n.failed++;
        return day(d, TelemetryStatus.FAILED.name(), r.errorMessage());
      }
      base =
          base.with(Column.CDF_PATH, r.cdfPath())
              .with(Column.CDF_SIZE_MB, String.format(Locale.ROOT, "%.4f", r.cdfBytes() / MIB))
              .with(Column.PROCESS_SECONDS, seconds);
      LOG.info(
          "{}: PROCESSED {} records ({} read, {} unresolved, {} duplicates) in {}s -> {}",
          d.date(),
          r.recordsKept(),
          r.rowsRead(),
          r.unresolvedDropped(),
          r.duplicatesDropped(),
          seconds,
          r.cdfPath());
      telemetry.append(
          base.with(Column.STATUS, TelemetryStatus.PROCESSED.name())
              .with(Column.STARTED_AT_UTC, started)
              .with(Column.FINISHED_AT_UTC, later(r.processFinishedAt(), started)));
      n.processed++;
      if (!r.uploadAttempted()) {
        return day(d, TelemetryStatus.PROCESSED.name(), r.cdfPath() + counts(r));
      }
    }
    // the upload stage
    String uploadStarted =
        d.action() == DayAction.RUN_PROCESS ? later(r.uploadStartedAt(), started) : started;
    if (d.action() == DayAction.RUN_PROCESS) {
      telemetry.append(
          base.with(Column.STATUS, TelemetryStatus.UPLOAD_PENDING.name())
              .with(Column.STARTED_AT_UTC, uploadStarted));
    }
    TelemetryRow done =
        base.with(Column.STARTED_AT_UTC, uploadStarted)
            .with(Column.FINISHED_AT_UTC, later(r.uploadFinishedAt(), uploadStarted))
            .with(Column.UPLOAD_SECONDS, String.format(Locale.ROOT, "%.3f", r.uploadSeconds()));
    if (!r.uploaded()) {
      LOG.error("{}: FAILED at upload stage {}: {}", d.date(), r.errorType(), r.errorMessage());
      telemetry.append(
          done.with(Column.STATUS, TelemetryStatus.FAILED.name())
              .with(Column.ERROR_TYPE, r.errorType())
              .with(Column.ERROR_MESSAGE, r.errorMessage()));
      n.failed++;
      return day(d, TelemetryStatus.FAILED.name(), r.errorMessage());
    }
    String url = "s3://" + r.s3Bucket() + "/" + r.s3Key();
    LOG.info("{}: UPLOADED {} in {}s", d.date(), url, done.get(Column.UPLOAD_SECONDS));
    telemetry.append(
        done.with(Column.STATUS, TelemetryStatus.UPLOADED.name())
            .with(Column.S3_BUCKET, r.s3Bucket())
            .with(Column.S3_KEY, r.s3Key()));
    n.uploaded++;
    return day(
        d,
        TelemetryStatus.UPLOADED.name(),
        d.action() == DayAction.RUN_PROCESS ? url + counts(r) : url);
  }

  /** The record counts of a processed day, for the summary. */
  private static String counts(DayResult r) {
    return String.format(
        Locale.ROOT,
        " (%d records kept: %d read, %d without sensor id, %d duplicates)",
        r.recordsKept(),
        r.rowsRead(),
        r.unresolvedDropped(),
        r.duplicatesDropped());
  }

  private TelemetryRow base(PlannedDay d) {
    return TelemetryRow.empty()
        .with(Column.RUN_ID, runId)
        .with(Column.CHUNK_DATE_UTC, d.date().toString())
        .with(Column.SENSOR_ID, config.sensorId())
        .with(Column.DESCRIPTOR, config.descriptor())
        .with(Column.OUTPUT_FORMAT, config.outputFormat())
        .carryForward(d.prior());
  }

  /** The CDF columns of the day's prior row (an upload-only day uploads that CDF). */
  private static TelemetryRow fromPrior(TelemetryRow r, PlannedDay d) {
    return r.with(Column.CDF_PATH, d.prior().get(Column.CDF_PATH))
        .with(Column.CDF_SIZE_MB, d.prior().get(Column.CDF_SIZE_MB))
        .with(Column.PROCESS_SECONDS, d.prior().get(Column.PROCESS_SECONDS));
  }

  /** The later of two telemetry timestamps (so a day's rows never go back in time). */
  private static String later(String a, String b) {
    if (a == null || a.isEmpty()) {
      return b;
    }
    return a.compareTo(b) >= 0 ? a : b;
  }

  private String now() {
    return TelemetryLog.timestamp(Instant.now(clock));
  }

  /** A day of the summary. */
  static ProcessRunSummary.Day day(PlannedDay d, String outcome, String detail) {
    return new ProcessRunSummary.Day(d.date().toString(), d.action().label(), outcome, detail);
  }
}
