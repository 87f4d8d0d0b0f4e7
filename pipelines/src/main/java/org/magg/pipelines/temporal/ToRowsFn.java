package org.magg.pipelines.temporal;

import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.magg.io.temporal.EventRow;
import org.magg.transforms.temporal.EventCoverage;
import org.magg.transforms.temporal.EventResult;

/** The table row of each event result, with its pane. */
final class ToRowsFn extends DoFn<EventResult, EventRow> {
  private final EventCoverage coverage;
  private final Map<String, long[]> spans;

  ToRowsFn(EventCoverage coverage, Map<String, long[]> spans) {
    this.coverage = coverage;
    this.spans = spans;
  }

  @ProcessElement
  public void process(
      @Element EventResult r, BoundedWindow window, PaneInfo pane, OutputReceiver<EventRow> out) {
    long[] span = spans.get(r.eventId());
    long[] maskTimes = java.util.Arrays.copyOfRange(span, 2, span.length);
    // Runners that do not track panes in batch (Flink) say UNKNOWN: that is the run's one result.
    String timing =
        pane.getTiming() == PaneInfo.Timing.UNKNOWN ? "ON_TIME" : pane.getTiming().name();
    out.output(coverage.row(r, span[0], span[1], maskTimes, timing, pane.getIndex()));
  }
}
