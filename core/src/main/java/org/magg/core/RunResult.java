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
}
