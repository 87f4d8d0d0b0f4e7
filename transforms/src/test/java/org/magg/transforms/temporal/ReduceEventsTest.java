package org.magg.transforms.temporal;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Event windows on a stream: a result per event when the watermark passes its end, a late pane for
 * a step within the allowed lateness, nothing for a step after it; and the same transform in batch.
 */
class ReduceEventsTest {
  private static final long HOUR = 3_600_000L;
  private static final EventWindow W1 = new EventWindow("E1", 0, 3 * HOUR);
  private static final EventWindow W2 = new EventWindow("E2", 2 * HOUR, 5 * HOUR);
  private static final EventWindows WINDOWS = EventWindows.of(List.of(W1, W2));

  private static EventStep step(String id, int hour, double value) {
    EventStep.Builder b = new EventStep.Builder(id, "C", hour * HOUR, 1, 10);
    b.set(0, TimestepValue.scalar(hour * HOUR, value));
    return b.build();
  }

  private static TimestampedValue<EventStep> at(EventStep s) {
    return TimestampedValue.of(s, new Instant(s.timeMillis()));
  }

  private static PCollection<String> summarise(PCollection<EventResult> results) {
    return results.apply(
        MapElements.into(TypeDescriptors.strings())
            .via(r -> r.eventId() + " max=" + r.metric(0) + " steps=" + r.distinctTimesteps()));
  }

  @Test
  void onTimeAndLatePanes() {
    StreamingOptions options = PipelineOptionsFactory.as(StreamingOptions.class);
    options.setStreaming(true);
    Pipeline p = Pipeline.create(options);
    TestStream<EventStep> stream =
        TestStream.create(EventStep.EventStepCoder.of())
            .addElements(at(step("E1", 0, 1)), at(step("E1", 1, 5)), at(step("E2", 2, 4)))
            .advanceWatermarkTo(new Instant(4 * HOUR)) // past E1's end (3 h): E1 fires on time
            .addElements(at(step("E1", 2, 7))) // late, within 2 h of lateness: a late pane
            .addElements(at(step("E2", 3, 2)))
            .advanceWatermarkTo(new Instant(10 * HOUR)) // past E2's end and E1's lateness
            .addElements(at(step("E1", 3, 100))) // too late: dropped
            .advanceWatermarkToInfinity();
    PCollection<String> out =
        summarise(
            p.apply(stream)
                .apply(
                    ReduceEvents.of(WINDOWS, List.of("max"))
                        .withAllowedLateness(Duration.standardHours(2))));
    PAssert.that(out).inOnTimePane(W1).containsInAnyOrder("E1 max=5.0 steps=2");
    PAssert.that(out).inLatePane(W1).containsInAnyOrder("E1 max=7.0 steps=3");
    PAssert.that(out).inOnTimePane(W2).containsInAnyOrder("E2 max=4.0 steps=2");
    PAssert.that(out).inLatePane(W2).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void batchGivesOneResultPerEventIncludingMarkersOnly() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<EventStep> steps =
        p.apply(
            Create.timestamped(
                    at(step("E1", 0, 1)),
                    at(step("E1", 2, 3)),
                    at(EventStep.marker("E1", 0)),
                    at(EventStep.marker("E2", 2 * HOUR)))
                .withCoder(EventStep.EventStepCoder.of()));
    PCollection<String> out = summarise(steps.apply(ReduceEvents.of(WINDOWS, List.of("max"))));
    PAssert.that(out).containsInAnyOrder("E1 max=3.0 steps=2", "E2 max=NaN steps=0");
    p.run().waitUntilFinish();
  }
}
