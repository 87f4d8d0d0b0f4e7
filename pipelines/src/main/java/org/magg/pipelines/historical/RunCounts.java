package org.magg.pipelines.historical;

import java.util.List;

/** The counters of a run's summary. */
final class RunCounts {
  final int planned;
  int attempted;
  int processed;
  int uploaded;
  int skippedExisting;
  int skippedNoInput;
  int failed;
  long resultsRepeated;

  RunCounts(int planned) {
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
        days,
        resultsRepeated);
  }
}
