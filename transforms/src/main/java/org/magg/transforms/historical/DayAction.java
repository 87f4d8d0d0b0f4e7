package org.magg.transforms.historical;

import java.nio.file.Files;
import java.nio.file.Path;
import org.magg.io.historical.TelemetryRow;
import org.magg.io.historical.TelemetryRow.Column;
import org.magg.io.historical.TelemetryStatus;

/**
 * What a run does with a day, decided from the day's latest telemetry row, whether its input file
 * exists, whether the run uploads, and {@code --retry-failed}:
 *
 * <table>
 *   <caption>The state table</caption>
 *   <tr><th>latest status</th><th>action</th></tr>
 *   <tr><td>(no row)</td><td>process, or skip_no_input without an input file</td></tr>
 *   <tr><td>UPLOADED</td><td>skip_existing</td></tr>
 *   <tr><td>PROCESSED</td><td>uploading: upload only when its CDF exists; local: skip_existing
 *       when its CDF exists; else process / skip_no_input</td></tr>
 *   <tr><td>UPLOAD_PENDING</td><td>upload only when its CDF exists, else process /
 *       skip_no_input</td></tr>
 *   <tr><td>FAILED</td><td>skip_failed; with --retry-failed process / skip_no_input (never upload
 *       only)</td></tr>
 *   <tr><td>SKIPPED_NO_INPUT</td><td>process when an input file now exists, else
 *       skip_terminal</td></tr>
 *   <tr><td>any other (PROCESS_PENDING, download statuses, unknown)</td><td>process /
 *       skip_no_input</td></tr>
 * </table>
 *
 * <p>skip_existing, skip_terminal and skip_failed write no telemetry; skip_no_input writes a
 * SKIPPED_NO_INPUT row; skip_failed counts the day as failed.
 */
public enum DayAction {
  RUN_PROCESS,
  RUN_UPLOAD_ONLY,
  SKIP_EXISTING,
  SKIP_TERMINAL,
  SKIP_FAILED,
  SKIP_NO_INPUT;

  /** The action's name in logs, e.g. {@code run_process}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** True for the actions that run the per-day transform. */
  boolean isWork() {
    return this == RUN_PROCESS || this == RUN_UPLOAD_ONLY;
  }

  /** The state table. */
  public static DayAction decide(
      TelemetryRow prior, boolean uploadToS3, boolean inputAvailable, boolean retryFailed) {
    DayAction processOrSkip = inputAvailable ? RUN_PROCESS : SKIP_NO_INPUT;
    if (prior == null) {
      return processOrSkip;
    }
    TelemetryStatus status = prior.status();
    if (status == null) {
      return processOrSkip;
    }
    switch (status) {
      case UPLOADED:
        return SKIP_EXISTING;
      case PROCESSED:
        if (cdfExists(prior)) {
          return uploadToS3 ? RUN_UPLOAD_ONLY : SKIP_EXISTING;
        }
        return processOrSkip;
      case UPLOAD_PENDING:
        return cdfExists(prior) ? RUN_UPLOAD_ONLY : processOrSkip;
      case FAILED:
        return retryFailed ? processOrSkip : SKIP_FAILED;
      case SKIPPED_NO_INPUT:
        return inputAvailable ? RUN_PROCESS : SKIP_TERMINAL;
      default:
        return processOrSkip;
    }
  }

  private static boolean cdfExists(TelemetryRow prior) {
    String p = prior.get(Column.CDF_PATH);
    return !p.isBlank() && Files.isRegularFile(Path.of(p));
  }
}
