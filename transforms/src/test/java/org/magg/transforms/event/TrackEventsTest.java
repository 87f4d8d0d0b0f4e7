package org.magg.transforms.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.magg.core.Failure;
import org.magg.io.gridded.FieldSlice;
import org.magg.io.gridded.GridSlice;
import org.magg.io.temporal.FieldGrid;

/**
 * The Beam transforms on the Direct runner: batch with any input order, the stateful tracking on a
 * bounded input and on a stream all give the events the tracker gives on the same fields.
 */
class TrackEventsTest {
  private static final FieldGrid G = Blobs.REGIONAL;
  private static final DetectionGrid GRID = DetectionGrid.of(G);
  private static final DetectionRules DETECTION = new DetectionRules(8, 2, 0);
  private static final TrackingRules TRACKING = new TrackingRules(0.5, 1, 1);
  private static final SliceMask IVT_ABOVE_250 = SliceMask.above("IVT", 250);

  /**
   * A split, a merge, a one-cell speck (too small), a gap bridged and an event ending early: the
   * fields of IVT (300 and more inside the blobs, 100 outside) at timesteps 0..7.
   */
  private static List<Blobs.Mask> masks() {
    return List.of(
        Blobs.on(G).rect(2, 5, 2, 10, 300).rect(15, 16, 15, 16, 310).cell(18, 1, 400),
        Blobs.on(G).rect(2, 4, 2, 4, 300).rect(2, 5, 8, 10, 320).rect(15, 16, 15, 16, 300),
        Blobs.on(G).rect(2, 4, 3, 5, 300).rect(2, 5, 9, 11, 300),
        Blobs.on(G).rect(2, 5, 3, 11, 330).rect(12, 14, 2, 4, 300),
        Blobs.on(G),
        Blobs.on(G).rect(2, 5, 3, 11, 300).rect(12, 14, 2, 4, 300),
        Blobs.on(G).rect(2, 5, 4, 12, 300),
        Blobs.on(G).rect(2, 5, 4, 12, 300));
  }

  private static FieldSlice slice(int k, Blobs.Mask m) {
    double[] values = new double[m.values.length];
    for (int c = 0; c < values.length; c++) {
      values[c] = m.mask[c] ? m.values[c] : 100;
    }
    return new FieldSlice(
        "IVT",
        Blobs.t(k),
        Map.of("IVT", GridSlice.of(G.lat(), G.lon(), values)),
        "ivt.nc#time=" + k,
        0);
  }

  private static List<FieldSlice> slices() {
    List<FieldSlice> s = new ArrayList<>();
    List<Blobs.Mask> masks = masks();
    for (int k = 0; k < masks.size(); k++) {
      s.add(slice(k, masks.get(k)));
    }
    return s;
  }

  /** What the tracker gives in-process on the same fields. */
  private static List<TrackedEvent> expected() {
    ObjectDetector d = ObjectDetector.of(GRID, DETECTION);
    List<StepObjects> steps = new ArrayList<>();
    List<Blobs.Mask> masks = masks();
    for (int k = 0; k < masks.size(); k++) {
      steps.add(d.detect(Blobs.t(k), masks.get(k).mask, masks.get(k).values));
    }
    return EventTracker.track(GRID, TRACKING, steps);
  }

  @Test
  void theExpectedEventsAreTheOnesWorkedOutByHand() {
    // step 1: the big blob splits (it continues into the 12-cell part, the 9-cell part starts
    // 030000Z-1); steps 2-3: the two parts merge again (the 12-cell track continues); step 3 a new
    // blob appears, vanishes at step 4 and comes back at step 5 (gap bridged), then is missing at
    // steps 6 and 7 (a gap too long: lysis at step 5); the 2 x 2 blob ends at step 1; the single
    // cell is too small at step 0
    assertEquals(
        List.of(
            "20210110T000000Z-1 steps=7 2021-01-10T00:00:00Z..2021-01-10T21:00:00Z end_of_data"
                + " gaps=[2021-01-10T12:00:00Z]",
            "20210110T000000Z-2 steps=2 2021-01-10T00:00:00Z..2021-01-10T03:00:00Z lysis",
            "20210110T030000Z-1 steps=2 2021-01-10T03:00:00Z..2021-01-10T06:00:00Z merged into"
                + " 20210110T000000Z-1 from 20210110T000000Z-1",
            "20210110T090000Z-2 steps=2 2021-01-10T09:00:00Z..2021-01-10T15:00:00Z lysis"
                + " gaps=[2021-01-10T12:00:00Z]"),
        expected().stream().map(EventTrackerTest::summary).toList());
  }

  private static PCollectionTuple run(Pipeline p, PCollection<FieldSlice> slices, boolean byState) {
    PCollectionTuple detected = slices.apply(DetectObjects.of(GRID, DETECTION, IVT_ABOVE_250));
    TrackEvents track = TrackEvents.of(GRID, TRACKING);
    return detected.get(DetectObjects.OBJECTS).apply(byState ? track.inOrderByState() : track);
  }

  @Test
  void batchGivesTheSameEventsWhateverTheInputOrder() {
    List<FieldSlice> shuffled = new ArrayList<>(slices());
    Collections.shuffle(shuffled, new Random(7));
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollectionTuple inOrder = run(p, p.apply("InOrder", Create.of(slices())), false);
    PCollectionTuple mixed = run(p, p.apply("Shuffled", Create.of(shuffled)), false);
    PCollectionTuple byState = run(p, p.apply("ByState", Create.of(shuffled)), true);
    for (PCollectionTuple out : List.of(inOrder, mixed, byState)) {
      PAssert.that(out.get(TrackEvents.EVENTS)).containsInAnyOrder(expected());
      PAssert.that(out.get(TrackEvents.FAILURES)).empty();
    }
    p.run().waitUntilFinish();
  }

  @Test
  void streamingEmitsEventsAsTheWatermarkPassesThemAndGivesTheSameEvents() {
    StreamingOptions options = PipelineOptionsFactory.as(StreamingOptions.class);
    options.setStreaming(true);
    Pipeline p = Pipeline.create(options);
    List<FieldSlice> s = slices();
    TestStream<FieldSlice> stream =
        TestStream.create(FieldSlice.coder())
            // timesteps 1 and 0 arrive out of order before the watermark passes them
            .addElements(at(s.get(1)), at(s.get(0)))
            .advanceWatermarkTo(joda(Blobs.t(1).plusSeconds(1)))
            .addElements(at(s.get(3)), at(s.get(2)), at(s.get(4)))
            .advanceWatermarkTo(joda(Blobs.t(4).plusSeconds(1)))
            .addElements(at(s.get(6)), at(s.get(7)), at(s.get(5)))
            .advanceWatermarkTo(joda(Blobs.t(7).plusSeconds(1)))
            .advanceWatermarkToInfinity();
    PCollectionTuple out = run(p, p.apply(stream), false);
    PCollection<TrackedEvent> events = out.get(TrackEvents.EVENTS);
    PAssert.that(events).containsInAnyOrder(expected());
    PAssert.that(out.get(TrackEvents.FAILURES)).empty();
    // events ended before the last timestep were emitted when the watermark passed them, the
    // others when the input ended
    PAssert.that(events.apply(ParDo.of(new WhenEmitted())))
        .containsInAnyOrder(
            "20210110T000000Z-1 at the end",
            "20210110T000000Z-2 on the way",
            "20210110T030000Z-1 on the way",
            "20210110T090000Z-2 on the way");
    p.run().waitUntilFinish();
  }

  /** Whether an event was emitted before the end of the input. */
  static final class WhenEmitted extends DoFn<TrackedEvent, String> {
    @ProcessElement
    public void process(
        @Element TrackedEvent e, @Timestamp org.joda.time.Instant t, OutputReceiver<String> out) {
      out.output(
          e.id()
              + (t.isBefore(GlobalWindow.INSTANCE.maxTimestamp()) ? " on the way" : " at the end"));
    }
  }

  @Test
  void aLateTimestepIsReportedAndDoesNotChangeTheEvents() {
    StreamingOptions options = PipelineOptionsFactory.as(StreamingOptions.class);
    options.setStreaming(true);
    Pipeline p = Pipeline.create(options);
    List<FieldSlice> s = slices();
    TestStream<FieldSlice> stream =
        TestStream.create(FieldSlice.coder())
            .addElements(at(s.get(0)), at(s.get(1)), at(s.get(2)))
            .advanceWatermarkTo(joda(Blobs.t(2).plusSeconds(1)))
            .addElements(at(s.get(3)), at(s.get(4)), at(s.get(5)), at(s.get(6)), at(s.get(7)))
            .addElements(at(s.get(1))) // a second copy, after tracking passed it
            .advanceWatermarkToInfinity();
    PCollectionTuple out = run(p, p.apply(stream), false);
    PAssert.that(out.get(TrackEvents.EVENTS)).containsInAnyOrder(expected());
    PAssert.that(out.get(TrackEvents.FAILURES).apply(reasons()))
        .containsInAnyOrder(
            "2021-01-10T03:00:00Z: the objects of timestep 2021-01-10T03:00:00Z came after"
                + " tracking had passed it (last timestep tracked: 2021-01-10T06:00:00Z); ignored");
    p.run().waitUntilFinish();
  }

  @Test
  void badTimestepsGoToTheFailuresAndTheRestCompletes() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    List<FieldSlice> input = new ArrayList<>(slices());
    input.add(slices().get(3)); // the same timestep twice
    FieldGrid coarse = FieldGrid.regular(0, 2, 10, 0, 2, 10);
    input.add(
        new FieldSlice(
            "IVT",
            Blobs.t(9),
            Map.of("IVT", GridSlice.of(coarse.lat(), coarse.lon(), new double[100])),
            "coarse.nc#time=0",
            0));
    input.add(
        new FieldSlice(
            "IVT",
            Blobs.t(10),
            Map.of("QV", GridSlice.of(G.lat(), G.lon(), new double[G.cells()])),
            "qv.nc#time=0",
            0));
    PCollectionTuple detected =
        p.apply(Create.of(input)).apply(DetectObjects.of(GRID, DETECTION, IVT_ABOVE_250));
    PCollectionTuple tracked =
        detected.get(DetectObjects.OBJECTS).apply(TrackEvents.of(GRID, TRACKING));
    PAssert.that(detected.get(DetectObjects.FAILURES).apply(reasons()))
        .satisfies(
            failures -> {
              List<String> list = new ArrayList<>();
              failures.forEach(list::add);
              Collections.sort(list);
              assertEquals(2, list.size(), list.toString());
              assertTrue(
                  list.get(0)
                      .startsWith(
                          "coarse.nc#time=0: IVT at 2021-01-11T03:00:00Z: variable 'IVT' is on"
                              + " another grid than the detection grid 20 x 20"),
                  list.get(0));
              assertTrue(
                  list.get(0)
                      .endsWith(
                          "lat has 10 values, expected 20; regrid the file to the detection grid"
                              + " or move it out of the fields"),
                  list.get(0));
              assertTrue(
                  list.get(1)
                      .startsWith(
                          "qv.nc#time=0: IVT at 2021-01-11T06:00:00Z: collection IVT has no variable 'IVT'"),
                  list.get(1));
              return null;
            });
    PAssert.that(tracked.get(TrackEvents.EVENTS)).containsInAnyOrder(expected());
    PAssert.that(tracked.get(TrackEvents.FAILURES).apply(reasons()))
        .containsInAnyOrder(
            "2021-01-10T09:00:00Z: the objects of timestep 2021-01-10T09:00:00Z came more than"
                + " once; one copy was tracked, this one is ignored");
    p.run().waitUntilFinish();
  }

  private static MapElements<Failure, String> reasons() {
    return MapElements.into(TypeDescriptors.strings()).via(f -> f.subject() + ": " + f.reason());
  }

  private static TimestampedValue<FieldSlice> at(FieldSlice s) {
    return TimestampedValue.of(s, joda(s.time()));
  }

  private static org.joda.time.Instant joda(Instant t) {
    return new org.joda.time.Instant(t.toEpochMilli());
  }
}
