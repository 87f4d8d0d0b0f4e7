package org.magg.core;

/**
 * What every pipeline run returns, whatever the pipeline: an exit code, a summary for people and
 * the same for machines. The command line prints {@link #toText()}, writes {@link #toJson()} where
 * asked ({@code --summary-json}) and exits with {@link #exitCode()}.
 */
public interface RunResult {
  /** 0 when every item (cell, granule, event, day) succeeded, 1 when some failed. */
  int exitCode();

  /** The summary for people: counts that add up, then what failed and why. */
  String toText();

  /** The summary as JSON. */
  String toJson();

  /**
   * The summary line for work a runner repeated: {@code what} (e.g. "3 results") was written again
   * by tasks it restarted (a lost worker, a failed task). Outputs are written so that a repeat
   * gives the same result, so this is information, not a failure.
   */
  static String repeatedText(String what) {
    return what
        + " written again by restarted tasks (a worker was lost or a task failed and the runner"
        + " retried it); the outputs are those of the final attempts";
  }

  /** A size for a summary line: bytes below 10,000, then kB, then MB (decimal units). */
  static String size(long bytes) {
    if (bytes < 10_000) {
      return bytes + " bytes";
    }
    if (bytes < 10_000_000) {
      return String.format(java.util.Locale.ROOT, "%.1f kB", bytes / 1e3);
    }
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /** {@code n} and the noun, singular or plural: "1 result", "3 results". */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
