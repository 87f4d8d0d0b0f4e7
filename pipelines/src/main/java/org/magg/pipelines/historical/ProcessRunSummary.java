package org.magg.pipelines.historical;

import java.util.List;
import org.magg.core.Json;
import org.magg.core.RunResult;

/**
 * What one {@link HistoricalProcess#run} did. {@code daysFailed} counts days that failed in this
 * run and days skipped because their latest status is FAILED (without {@code --retry-failed}).
 *
 * @param runId this run's id (the telemetry rows' {@code run_id})
 * @param dryRun nothing was done
 * @param daysPlanned days in the plan (after {@code --limit-days})
 * @param daysAttempted days whose processing started
 * @param daysProcessed days whose CDF was written
 * @param daysUploaded days whose CDF was uploaded
 * @param daysSkippedExisting days already complete
 * @param daysSkippedNoInput days without an input file
 * @param daysFailed days that failed, or were skipped as failed
 * @param days each planned day: its action and outcome
 * @param resultsRepeated day results written again by tasks the runner restarted (e.g. after losing
 *     a worker); a repeated day rewrites the same CDF
 */
public record ProcessRunSummary(
    String runId,
    boolean dryRun,
    int daysPlanned,
    int daysAttempted,
    int daysProcessed,
    int daysUploaded,
    int daysSkippedExisting,
    int daysSkippedNoInput,
    int daysFailed,
    List<Day> days,
    long resultsRepeated)
    implements RunResult {

  /**
   * One day of the plan.
   *
   * @param date the UTC day, ISO
   * @param action the planned action ({@code run_process}, {@code skip_existing}, ...)
   * @param outcome the day's last status written ({@code PROCESSED}, {@code FAILED}, ...), or the
   *     action for days that wrote none
   * @param detail the CDF path, the S3 URL or the error
   */
  public record Day(String date, String action, String outcome, String detail) {}

  public ProcessRunSummary {
    days = List.copyOf(days);
  }

  /** 0 when no day failed, else 1. */
  @Override
  public int exitCode() {
    return daysFailed > 0 ? 1 : 0;
  }

  /** A human-readable summary: counts, then one line per day. */
  @Override
  public String toJson() {
    try {
      return Json.pretty().writeValueAsString(this);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(dryRun ? "Dry run " : "Run ").append(runId).append('\n');
    sb.append(
        String.format(
            "days planned %d, attempted %d, processed %d, uploaded %d, skipped existing %d,"
                + " skipped no input %d, failed %d%n",
            daysPlanned,
            daysAttempted,
            daysProcessed,
            daysUploaded,
            daysSkippedExisting,
            daysSkippedNoInput,
            daysFailed));
    if (resultsRepeated > 0) {
      sb.append("restarts: ")
          .append(RunResult.repeatedText(RunResult.count(resultsRepeated, "day result")))
          .append('\n');
    }
    for (Day d : days) {
      sb.append("  ").append(d.date()).append("  ").append(d.action());
      if (!d.outcome().equals(d.action())) {
        sb.append(" -> ").append(d.outcome());
      }
      if (!d.detail().isEmpty()) {
        sb.append("  ").append(d.detail().replace('\n', ' '));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
