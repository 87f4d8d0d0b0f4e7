package org.magg.transforms.temporal;

import java.util.List;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Reduces {@link EventStep}s to one {@link EventResult} per event and pane: steps go to their
 * event's window, a pane fires when the watermark passes the window's end (the event's end, plus
 * the precipitation extension), and each step arriving later but within the allowed lateness fires
 * a late pane with the updated result (panes accumulate, so every pane is the whole result so far).
 * Steps later than that are dropped by the runner and counted in its dropped-due-to-lateness
 * metric. In batch every event gets exactly one on-time pane.
 */
public final class ReduceEvents
    extends PTransform<PCollection<EventStep>, PCollection<EventResult>> {
  private final EventWindows windows;
  private final List<String> reducers;
  private final Duration allowedLateness;

  private ReduceEvents(EventWindows windows, List<String> reducers, Duration allowedLateness) {
    this.windows = windows;
    this.reducers = List.copyOf(reducers);
    this.allowedLateness = allowedLateness;
  }

  /**
   * @param windows each event's window
   * @param reducers the temporal reducer of each metric, by metric index
   */
  public static ReduceEvents of(EventWindows windows, List<String> reducers) {
    return new ReduceEvents(windows, reducers, Duration.ZERO);
  }

  /** Accepts steps up to this long after their event's window closed (default none). */
  public ReduceEvents withAllowedLateness(Duration lateness) {
    return new ReduceEvents(windows, reducers, lateness);
  }

  @Override
  public PCollection<EventResult> expand(PCollection<EventStep> steps) {
    return steps
        .apply(
            "EventWindows",
            Window.into(windows)
                .triggering(
                    AfterWatermark.pastEndOfWindow()
                        .withLateFirings(AfterPane.elementCountAtLeast(1)))
                .withAllowedLateness(allowedLateness)
                .accumulatingFiredPanes())
        .apply("ByEvent", WithKeys.of(EventStep::eventId).withKeyType(TypeDescriptors.strings()))
        .apply("Reduce", Combine.perKey(new EventMetricsFn(reducers)))
        .apply(Values.create());
  }
}
