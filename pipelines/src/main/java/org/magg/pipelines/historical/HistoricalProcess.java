package org.magg.pipelines.historical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.magg.io.historical.TelemetryLog;
import org.magg.io.historical.TelemetryRow;
import org.magg.io.historical.TelemetryRow.Column;
import org.magg.io.storage.ResultFiles;
import org.magg.pipelines.runners.Progress;
import org.magg.pipelines.runners.Runners;
import org.magg.transforms.historical.DayAction;
import org.magg.transforms.historical.DayResult;
import org.magg.transforms.historical.DayTask;
import org.magg.transforms.historical.ProcessDays;
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

  private HistoricalProcess() {}

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
    RunCounts n = new RunCounts(plan.size());
    List<ProcessRunSummary.Day> days = new ArrayList<>();
    if (config.dryRun()) {
      for (PlannedDay d : plan) {
        LOG.info("[dry-run] {} action={}", d.date(), d.action().label());
        days.add(DayLog.day(d, d.action().label(), d.input() == null ? "" : d.input().toString()));
      }
      return n.summary(runId, true, days);
    }
    // Options first: a bad runner or option is a usage error before anything is written.
    PipelineOptions options = Runners.options(Runners.withRunnerDefaults(config.pipelineArgs()));
    DayLog log = new DayLog(telemetry, runId, config, clock);
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
            log.skippedNoInput(d);
            n.skippedNoInput++;
          }
          case RUN_UPLOAD_ONLY -> {
            if (!config.uploadToS3()) {
              // an upload was pending but this run does not upload: nothing to do, as in the
              // original (no row, not counted)
              LOG.info("{}: upload pending; not uploading without --upload-to-s3", d.date());
              continue;
            }
            started.put(d.date(), log.pending(d));
            work.add(d);
          }
          case RUN_PROCESS -> {
            started.put(d.date(), log.pending(d));
            work.add(d);
            n.attempted++;
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
        n.resultsRepeated = o.repeated();
        if (o.failure() != null) {
          throw o.failure();
        }
      } catch (IOException | RuntimeException e) {
        // one line: the days it cost are in the telemetry and the summary (trace at debug level)
        LOG.error("the pipeline failed: {}", e.toString());
        LOG.debug("the pipeline failed", e);
        pipelineError = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    }
    Map<LocalDate, ProcessRunSummary.Day> outcomes = new java.util.HashMap<>();
    try {
      for (PlannedDay d : work) {
        DayResult r = results.get(d.date().toString());
        outcomes.put(d.date(), log.outcome(d, started.get(d.date()), r, pipelineError, n));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write telemetry file " + config.telemetry(), e);
    }
    for (PlannedDay d : plan) {
      ProcessRunSummary.Day o = outcomes.get(d.date());
      days.add(o != null ? o : DayLog.day(d, d.action().label(), ""));
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
    ResultFiles results = ResultFiles.create(options);
    try {
      Pipeline pipeline = Pipeline.create(options);
      results.write(build(pipeline, tasks, transform), "days", DayResult.class, DayResult::date);
      RuntimeException failure = null;
      long repeated = 0;
      try {
        try (Progress.Run progress = Progress.start(progress(tasks.size()), options)) {
          PipelineResult result = progress.run(pipeline);
          PipelineResult.State st = progress.waitUntilFinish(result);
          if (st != PipelineResult.State.DONE) {
            failure = new IllegalStateException("pipeline ended in state " + st);
          }
          repeated = ResultFiles.repeated(result);
        }
      } catch (RuntimeException e) {
        failure = e;
      }
      // Days reported before a failure did complete (their CDF is in place): keep them.
      Map<String, DayResult> byDay = new HashMap<>();
      for (DayResult r : results.read("days", DayResult.class)) {
        byDay.put(r.date(), r);
      }
      return new Outcome(byDay, failure, repeated);
    } finally {
      results.delete();
    }
  }

  /** What a historical run's progress shows: days done of those to do, records read a second. */
  static Progress.Spec progress(int days) {
    return Progress.Spec.of("historical")
        .count("days", days, Progress.Counter.of(ProcessDays.METRICS, ProcessDays.DAYS_DONE))
        .rate("records", Progress.Counter.of(ProcessDays.METRICS, ProcessDays.ROWS_READ))
        .errors(Progress.Counter.of(ProcessDays.METRICS, ProcessDays.DAYS_FAILED));
  }

  /**
   * The per-day results that came back, what stopped the pipeline, if anything, and how many
   * results restarted tasks wrote again.
   */
  private record Outcome(Map<String, DayResult> results, RuntimeException failure, long repeated) {}

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
}
