package org.magg.transforms.temporal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.Test;

/** {@link EventMetricsFn} over shuffled steps, shard splits and merges (CombineFnTester). */
class EventMetricsFnTest {
  private static final long HOUR = 3_600_000L;
  private static final List<String> REDUCERS =
      List.of("max", "sum", "weighted_mean", "first_landfall");

  private static EventStep step(
      String collection, int hour, Double max, Double sum, double[] pair, Double landfall) {
    EventStep.Builder b = new EventStep.Builder("E", collection, hour * HOUR, 4, 100);
    if (max != null) {
      b.set(0, TimestepValue.scalar(hour * HOUR, max));
    }
    if (sum != null) {
      b.set(1, TimestepValue.scalar(hour * HOUR, sum));
    }
    if (pair != null) {
      b.set(2, TimestepValue.pair(hour * HOUR, pair[0], pair[1]));
    }
    if (landfall != null) {
      b.set(3, TimestepValue.scalar(hour * HOUR, landfall));
    }
    return b.build();
  }

  private static List<EventStep> steps() {
    List<EventStep> s = new ArrayList<>();
    s.add(EventStep.marker("E", 0));
    s.add(step("A", 0, 1.0, 1.0, new double[] {10, 2}, null));
    s.add(step("A", 1, 3.0, 2.0, new double[] {30, 3}, 42.0)); // first landfall
    s.add(step("A", 2, 2.0, 3.0, null, 99.0));
    s.add(step("B", 1, Double.NaN, null, null, null));
    return s;
  }

  @Test
  void reducesEveryMetricWhateverTheOrder() {
    CombineFnTester.testCombineFn(
        new EventMetricsFn(REDUCERS),
        steps(),
        new TypeSafeMatcher<EventResult>() {
          @Override
          protected boolean matchesSafely(EventResult r) {
            // max(1, 3, 2) = 3; sum 1 + 2 + 3 = 6; (10 + 30) / (2 + 3) = 8; first landfall 42
            return r.eventId().equals("E")
                && r.metric(0) == 3.0
                && r.metric(1) == 6.0
                && r.metric(2) == 8.0
                && r.metric(3) == 42.0
                && r.times("A").length == 3
                && r.times("B").length == 1
                && r.distinctTimesteps() == 3
                && r.bytesRead() == 400;
          }

          @Override
          public void describeTo(Description d) {
            d.appendText("max 3, sum 6, mean 8, landfall 42, 3 + 1 timesteps, 400 bytes");
          }
        });
  }

  @Test
  void markerAloneGivesNaNsAndNoTimesteps() {
    EventMetricsFn fn = new EventMetricsFn(REDUCERS);
    EventResult r = fn.extractOutput(fn.addInput(fn.createAccumulator(), EventStep.marker("E", 0)));
    for (int m = 0; m < 4; m++) {
      assertThat(Double.isNaN(r.metric(m)), is(true));
    }
    assertEquals(0, r.distinctTimesteps());
    assertEquals("E", r.eventId());
  }

  @Test
  void codersRoundTrip() throws Exception {
    EventMetricsFn fn = new EventMetricsFn(REDUCERS);
    EventMetricsFn.Accumulator acc = fn.createAccumulator();
    for (EventStep s : steps()) {
      acc = fn.addInput(acc, s);
      CoderProperties.coderDecodeEncodeEqual(EventStep.EventStepCoder.of(), s);
    }
    CoderProperties.coderDecodeEncodeEqual(
        fn.getAccumulatorCoder(CoderRegistry.createDefault(), EventStep.EventStepCoder.of()), acc);
    EventResult r = fn.extractOutput(acc);
    CoderProperties.coderDecodeEncodeEqual(EventResult.coder(), r);
    assertArrayEquals(new long[] {0, HOUR, 2 * HOUR}, r.times("A"));
    CoderProperties.coderDecodeEncodeEqual(EventWindow.coder(), new EventWindow("E", 0, HOUR));
  }
}
