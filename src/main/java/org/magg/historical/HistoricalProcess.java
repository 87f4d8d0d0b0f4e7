package org.magg.historical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.magg.historical.TelemetryRow.Column;
import org.magg.runners.Runners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Historical per-day processing of REACH dosimeter data: over an inclusive range of UTC days, each
 * day's UDL export becomes one ISTP CDF (optionally uploaded to S3), and an append-only telemetry
 * CSV records every day transition so that a rerun resumes where the last one stopped.
 *
 * <p>A run: reads the telemetry state (latest row per day), finds each day's input file, decides
 * each day's action ({@link DayAction}), applies {@code --limit-days}; writes the rows of the days
 * it skips for want of input and a PENDING row for each day it works on; runs a Beam pipeline whose
 * elements are those days ({@link ProcessDays}); then writes each day's outcome rows. Telemetry has
 * one writer, this launcher, and one row per transition: the per-day transform is idempotent and
 * its results come back one per day, so a runner that retries a bundle changes no row. One bad day
 * never stops the others; it is reported, counted and recorded as FAILED.
 *
 * <pre>{@code
 * ProcessRunSummary s = HistoricalProcess.run(
 *     ProcessRunConfig.of(LocalDate.parse("2025-09-01"), LocalDate.parse("2025-09-30"),
 *             Path.of("downloads"), Path.of("cdf"))
 *         .withUpload("my-bucket", S3Settings.defaults()));
 * }</pre>
 */
public final class HistoricalProcess {
  private static final Logger LOG = LoggerFactory.getLogger(HistoricalProcess.class);
  private static final double MIB = 1024.0 * 1024.0;

  private HistoricalProcess() {}

  /** One planned day. */
  record PlannedDay(LocalDate date, DayAction action, Path input, TelemetryRow prior) {}

  /** Plans, runs and records a range of days. */
  public static ProcessRunSummary run(ProcessRunConfig config) {
    return run(config, UnaryOperator.identity(), Clock.systemUTC());
  }

  /**
   * As {@link #run(ProcessRunConfig)}, with the per-day transform adjusted (tests substitute the
   * encoder or clock) and the clock of the telemetry timestamps.
   */
  static ProcessRunSummary run(
      ProcessRunConfig config, UnaryOperator<ProcessDays> customize, Clock clock) {
    config.validate();
    String runId = UUID.randomUUID().toString();
    TelemetryLog telemetry = new TelemetryLog(config.telemetry());
    Map<LocalDate, TelemetryRow> state;
    try {
      telemetry.checkHeader();
      state = telemetry.loadState();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read telemetry file " + config.telemetry(), e);
    }
    List<PlannedDay> plan = plan(config, state);
    Counts n = new Counts(plan.size());
    List<ProcessRunSummary.Day> days = new ArrayList<>();
    if (config.dryRun()) {
      for (PlannedDay d : plan) {
        LOG.info("[dry-run] {} action={}", d.date(), d.action().label());
        days.add(day(d, d.action().label(), d.input() == null ? "" : d.input().toString()));
      }
      return n.summary(runId, true, days);
    }
    // Options first: a bad runner or option is a usage error before anything is written.
    PipelineOptions options = Runners.options(config.pipelineArgs());
    List<PlannedDay> work = new ArrayList<>();
    Map<LocalDate, String> started = new java.util.HashMap<>();
    try {
      for (PlannedDay d : plan) {
        switch (d.action()) {
          case SKIP_EXISTING -> {
            LOG.info("{}: skip (already complete)", d.date());
            n.skippedExisting++;
          }
          case SKIP_TERMINAL -> {
            LOG.info("{}: skip (prior SKIPPED_NO_INPUT, still no input)", d.date());
            n.skippedNoInput++;
          }
          case SKIP_FAILED -> {
            LOG.info("{}: skip (prior FAILED; pass --retry-failed to retry)", d.date());
            n.failed++;
          }
          case SKIP_NO_INPUT -> {
            LOG.info(
                "{}: SKIPPED_NO_INPUT (no {} in {})",
                d.date(),
                DayInputs.glob(config.sensorId(), d.date(), format(config)),
                config.inputDir());
            String now = now(clock);
            telemetry.append(
                base(runId, config, d)
                    .with(Column.STATUS, TelemetryStatus.SKIPPED_NO_INPUT.name())
                    .with(Column.STARTED_AT_UTC, now)
                    .with(Column.FINISHED_AT_UTC, now));
            n.skippedNoInput++;
          }
          case RUN_UPLOAD_ONLY -> {
            if (!config.uploadToS3()) {
              // an upload was pending but this run does not upload: nothing to do, as in the
              // original (no row, not counted)
              LOG.info("{}: upload pending; not uploading without --upload-to-s3", d.date());
              continue;
            }
            String t = now(clock);
            started.put(d.date(), t);
            work.add(d);
            telemetry.append(pending(runId, config, d).with(Column.STARTED_AT_UTC, t));
          }
          default -> {
            String t = now(clock);
            started.put(d.date(), t);
            work.add(d);
            telemetry.append(pending(runId, config, d).with(Column.STARTED_AT_UTC, t));
            if (d.action() == DayAction.RUN_PROCESS) {
              n.attempted++;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write telemetry file " + config.telemetry(), e);
    }
    Map<String, DayResult> results = Map.of();
    String pipelineError = null;
    if (!work.isEmpty()) {
      try {
        Files.createDirectories(config.outputDir());
        Outcome o = runPipeline(config, options, work, customize);
        results = o.results();
        if (o.failure() != null) {
          throw o.failure();
        }
      } catch (IOException | RuntimeException e) {
        LOG.error("the pipeline failed: {}", e.toString(), e);
        pipelineError = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    }
    Map<LocalDate, ProcessRunSummary.Day> outcomes = new java.util.HashMap<>();
    try {
      for (PlannedDay d : work) {
        DayResult r = results.get(d.date().toString());
        outcomes.put(
            d.date(),
            record(telemetry, runId, config, d, started.get(d.date()), r, pipelineError, n));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write telemetry file " + config.telemetry(), e);
    }
    for (PlannedDay d : plan) {
      ProcessRunSummary.Day o = outcomes.get(d.date());
      days.add(o != null ? o : day(d, d.action().label(), ""));
    }
    ProcessRunSummary s = n.summary(runId, false, days);
    LOG.info(
        "Run {} complete: planned={} processed={} uploaded={} skipped_existing={}"
            + " skipped_no_input={} failed={}",
        runId,
        s.daysPlanned(),
        s.daysProcessed(),
        s.daysUploaded(),
        s.daysSkippedExisting(),
        s.daysSkippedNoInput(),
        s.daysFailed());
    return s;
  }

  /** Assembles the per-day pipeline over these tasks; returns one result per task. */
  public static PCollection<DayResult> build(
      Pipeline pipeline, List<DayTask> tasks, ProcessDays transform) {
    return pipeline
        .apply("Days", Create.of(tasks).withCoder(DayTask.coder()))
        .apply("ProcessDays", transform);
  }

  private static Outcome runPipeline(
      ProcessRunConfig config,
      PipelineOptions options,
      List<PlannedDay> work,
      UnaryOperator<ProcessDays> customize) {
    ProcessDays transform = ProcessDays.to(config.outputDir().toAbsolutePath().toString());
    if (config.uploadToS3()) {
      transform = transform.withUpload(config.s3Bucket(), config.s3());
    }
    transform = customize.apply(transform);
    List<DayTask> tasks = new ArrayList<>();
    for (PlannedDay d : work) {
      tasks.add(
          d.action() == DayAction.RUN_PROCESS
              ? DayTask.process(d.date().toString(), d.input().toAbsolutePath().toString())
              : DayTask.uploadOnly(d.date().toString(), d.prior().get(Column.CDF_PATH)));
    }
    String reportDir = DayReport.newDir(options);
    try {
      Pipeline pipeline = Pipeline.create(options);
      DayReport.write(build(pipeline, tasks, transform), reportDir);
      RuntimeException failure = null;
      try {
        PipelineResult.State st = pipeline.run().waitUntilFinish();
        if (st != PipelineResult.State.DONE) {
          failure = new IllegalStateException("pipeline ended in state " + st);
        }
      } catch (RuntimeException e) {
        failure = e;
      }
      // Days reported before a failure did complete (their CDF is in place): keep them.
      return new Outcome(DayReport.read(reportDir), failure);
    } finally {
      DayReport.deleteQuietly(reportDir);
    }
  }

  /** The per-day results that came back, and what stopped the pipeline, if anything. */
  private record Outcome(Map<String, DayResult> results, RuntimeException failure) {}

  /** Writes a worked day's outcome rows and counts it. */
  private static ProcessRunSummary.Day record(
      TelemetryLog telemetry,
      String runId,
      ProcessRunConfig config,
      PlannedDay d,
      String started,
      DayResult r,
      String pipelineError,
      Counts n)
      throws IOException {
    TelemetryRow base = base(runId, config, d);
    if (d.action() == DayAction.RUN_PROCESS) {
      base = base.with(Column.CSV_PATH, d.input().toString());
    } else {
      base =
          base.with(Column.CDF_PATH, d.prior().get(Column.CDF_PATH))
              .with(Column.CDF_SIZE_MB, d.prior().get(Column.CDF_SIZE_MB))
              .with(Column.PROCESS_SECONDS, d.prior().get(Column.PROCESS_SECONDS));
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

  /** The days of the range with their actions, cut by {@code --limit-days}. */
  static List<PlannedDay> plan(ProcessRunConfig config, Map<LocalDate, TelemetryRow> state) {
    List<PlannedDay> out = new ArrayList<>();
    int worked = 0;
    for (LocalDate d = config.startDate(); !d.isAfter(config.endDate()); d = d.plusDays(1)) {
      Optional<Path> input;
      try {
        input = DayInputs.find(config.inputDir(), d, config.sensorId(), format(config));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list input directory " + config.inputDir(), e);
      }
      TelemetryRow prior = state.get(d);
      DayAction a =
          DayAction.decide(prior, config.uploadToS3(), input.isPresent(), config.retryFailed());
      if (a != DayAction.SKIP_EXISTING && config.limitDays() != null) {
        if (worked >= config.limitDays()) {
          break;
        }
        worked++;
      }
      out.add(new PlannedDay(d, a, input.orElse(null), prior));
    }
    return out;
  }

  private static String format(ProcessRunConfig c) {
    return c.outputFormat().toLowerCase(Locale.ROOT);
  }

  private static TelemetryRow base(String runId, ProcessRunConfig c, PlannedDay d) {
    return TelemetryRow.empty()
        .with(Column.RUN_ID, runId)
        .with(Column.CHUNK_DATE_UTC, d.date().toString())
        .with(Column.SENSOR_ID, c.sensorId())
        .with(Column.DESCRIPTOR, c.descriptor())
        .with(Column.OUTPUT_FORMAT, c.outputFormat())
        .carryForward(d.prior());
  }

  private static TelemetryRow pending(String runId, ProcessRunConfig c, PlannedDay d) {
    TelemetryRow b = base(runId, c, d);
    if (d.action() == DayAction.RUN_PROCESS) {
      return b.with(Column.CSV_PATH, d.input().toString())
          .with(Column.STATUS, TelemetryStatus.PROCESS_PENDING.name());
    }
    return b.with(Column.CDF_PATH, d.prior().get(Column.CDF_PATH))
        .with(Column.CDF_SIZE_MB, d.prior().get(Column.CDF_SIZE_MB))
        .with(Column.PROCESS_SECONDS, d.prior().get(Column.PROCESS_SECONDS))
        .with(Column.STATUS, TelemetryStatus.UPLOAD_PENDING.name());
  }

  /** The later of two telemetry timestamps (so a day's rows never go back in time). */
  private static String later(String a, String b) {
    if (a == null || a.isEmpty()) {
      return b;
    }
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String now(Clock clock) {
    return TelemetryLog.timestamp(Instant.now(clock));
  }

  private static ProcessRunSummary.Day day(PlannedDay d, String outcome, String detail) {
    return new ProcessRunSummary.Day(d.date().toString(), d.action().label(), outcome, detail);
  }

  /** The summary's counters. */
  private static final class Counts {
    final int planned;
    int attempted;
    int processed;
    int uploaded;
    int skippedExisting;
    int skippedNoInput;
    int failed;

    Counts(int planned) {
      this.planned = planned;
    }

    ProcessRunSummary summary(String runId, boolean dry, List<ProcessRunSummary.Day> days) {
      return new ProcessRunSummary(
          runId,
          dry,
          planned,
          attempted,
          processed,
          uploaded,
          skippedExisting,
          skippedNoInput,
          failed,
          days);
    }
  }
}
