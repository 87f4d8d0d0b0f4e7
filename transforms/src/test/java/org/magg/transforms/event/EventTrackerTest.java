package org.magg.transforms.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.temporal.Event;
import org.magg.io.temporal.EventCatalog;
import org.magg.io.temporal.EventCatalogJson;
import org.magg.io.temporal.FieldGrid;

/**
 * Tracking synthetic blobs on 3-hourly timesteps: each case's expected events (ids, steps, end
 * reasons, merges, splits, gaps) follow from the definitions by hand.
 */
class EventTrackerTest {
  private static final FieldGrid G = Blobs.REGIONAL;
  private static final DetectionRules RULES8 = new DetectionRules(8, 1, 0);
  private static final TrackingRules HALF = new TrackingRules(0.5, 1, 0);

  /** Detects each mask at timesteps 0, 1, 2, ... and tracks them all. */
  private static List<TrackedEvent> track(FieldGrid g, TrackingRules rules, Blobs.Mask... masks) {
    return EventTracker.track(DetectionGrid.of(g), rules, detect(g, masks));
  }

  private static List<StepObjects> detect(FieldGrid g, Blobs.Mask... masks) {
    ObjectDetector d = ObjectDetector.of(DetectionGrid.of(g), RULES8);
    List<StepObjects> steps = new ArrayList<>();
    for (int k = 0; k < masks.length; k++) {
      steps.add(d.detect(Blobs.t(k), masks[k].mask, masks[k].values));
    }
    return steps;
  }

  /** {@code id steps=n genesis..lysis reason [into x] [from y] [gaps=[...]]}. */
  static String summary(TrackedEvent e) {
    return e.id()
        + " steps="
        + e.steps().size()
        + " "
        + e.genesis()
        + ".."
        + e.lysis()
        + " "
        + e.endReason().csv()
        + (e.mergedInto() != null ? " into " + e.mergedInto() : "")
        + (e.splitFrom() != null ? " from " + e.splitFrom() : "")
        + (e.gapTimes().isEmpty() ? "" : " gaps=" + e.gapTimes());
  }

  private static List<String> summaries(List<TrackedEvent> events) {
    return events.stream().map(EventTrackerTest::summary).toList();
  }

  private static Blobs.Mask m() {
    return Blobs.on(G);
  }

  @Test
  void aMovingBlobIsOneEvent() {
    // 3 x 3 cells moving one column east per step: overlap 6 of 9 cells (same rows, so 2/3 of the
    // area) >= 0.5
    List<TrackedEvent> events =
        track(
            G,
            HALF,
            m().rect(5, 7, 2, 4),
            m().rect(5, 7, 3, 5),
            m().rect(5, 7, 4, 6),
            m().rect(5, 7, 5, 7));
    assertEquals(
        List.of(
            "20210110T000000Z-1 steps=4 2021-01-10T00:00:00Z..2021-01-10T09:00:00Z end_of_data"),
        summaries(events));
    TrackedEvent e = events.get(0);
    List<TrackRow> rows = e.trackRows();
    double area = Blobs.area(G, Blobs.rect(G, 5, 7, 2, 4));
    double lat = Blobs.centroid(G, Blobs.rect(G, 5, 7, 2, 4))[0];
    for (int k = 0; k < 4; k++) {
      TrackRow r = rows.get(k);
      assertEquals(e.id(), r.eventId());
      assertEquals(Blobs.t(k), r.time());
      assertEquals(9, r.cells());
      assertEquals(area, r.areaKm2(), 1e-6);
      assertEquals(lat, r.centroidLat(), 1e-9);
      assertEquals(3 + k, r.centroidLon(), 1e-9); // the middle column
    }
    LifecycleRow l = e.lifecycle();
    assertEquals(9.0, l.durationHours());
    assertEquals(4, l.steps());
    assertEquals(9, l.maxCells());
    assertEquals(area, l.maxAreaKm2(), 1e-6);
    assertNull(l.firstLandfall());
  }

  @Test
  void aBlobMovingTooFarPerStepIsSeveralEvents() {
    // two columns per step: overlap 3 of 9 cells, 1/3 < 0.5
    Blobs.Mask[] masks = {m().rect(5, 7, 2, 4), m().rect(5, 7, 4, 6), m().rect(5, 7, 6, 8)};
    List<TrackedEvent> events = track(G, HALF, masks);
    assertEquals(
        List.of(
            "20210110T000000Z-1 steps=1 2021-01-10T00:00:00Z..2021-01-10T00:00:00Z lysis",
            "20210110T030000Z-1 steps=1 2021-01-10T03:00:00Z..2021-01-10T03:00:00Z lysis",
            "20210110T060000Z-1 steps=1 2021-01-10T06:00:00Z..2021-01-10T06:00:00Z end_of_data"),
        summaries(events));
    // a lower min_overlap links them; min_steps 2 drops the one-step events
    assertEquals(1, track(G, new TrackingRules(0.3, 1, 0), masks).size());
    assertEquals(List.of(), track(G, new TrackingRules(0.5, 2, 0), masks));
  }

  @Test
  void twoBlobsMerge() {
    // A: 9 cells, B: 12 cells; at steps 2 and 3 one object covers both: both pass (overlap 1),
    // B has the larger overlap area and continues, A ends at step 1, merged into B
    Blobs.Mask apart = m().rect(2, 4, 2, 4).rect(2, 5, 8, 10);
    Blobs.Mask merged = m().rect(2, 5, 2, 10);
    List<TrackedEvent> events =
        track(G, new TrackingRules(0.5, 2, 0), apart, apart, merged, merged);
    assertEquals(
        List.of(
            "20210110T000000Z-1 steps=2 2021-01-10T00:00:00Z..2021-01-10T03:00:00Z merged into"
                + " 20210110T000000Z-2",
            "20210110T000000Z-2 steps=4 2021-01-10T00:00:00Z..2021-01-10T09:00:00Z end_of_data"),
        summaries(events));
    assertEquals(36, events.get(1).lifecycle().maxCells());
    assertEquals("merged", events.get(0).lifecycle().csvValues().get(10));
    assertEquals("20210110T000000Z-2", events.get(0).lifecycle().csvValues().get(11));
  }

  @Test
  void aBlobSplits() {
    // P covers X (9 cells) and Y (12 cells) of the next steps: P continues into Y, the larger
    // overlap; X starts a new event split from P
    Blobs.Mask whole = m().rect(2, 5, 2, 10);
    Blobs.Mask split = m().rect(2, 4, 2, 4).rect(2, 5, 8, 10);
    List<TrackedEvent> events = track(G, HALF, whole, whole, split, split);
    assertEquals(
        List.of(
            "20210110T000000Z-1 steps=4 2021-01-10T00:00:00Z..2021-01-10T09:00:00Z end_of_data",
            "20210110T060000Z-1 steps=2 2021-01-10T06:00:00Z..2021-01-10T09:00:00Z end_of_data"
                + " from 20210110T000000Z-1"),
        summaries(events));
    assertEquals(12, events.get(0).steps().get(2).object().cellCount());
  }

  @Test
  void aBlobCrossingTheAntimeridianIsOneEvent() {
    FieldGrid g = Blobs.GLOBAL;
    // two columns (rows 9..10) moving east one column per step, from 150..160 to -170..-160
    Blobs.Mask[] masks = new Blobs.Mask[5];
    for (int k = 0; k < 5; k++) {
      masks[k] = Blobs.on(g).rect(9, 10, 33 + k, 34 + k);
    }
    TrackingRules rules = new TrackingRules(0.4, 1, 0);
    List<TrackedEvent> events = track(g, rules, masks);
    assertEquals(1, events.size());
    double[] lons = {155, 165, 175, -175, -165};
    for (int k = 0; k < 5; k++) {
      assertEquals(lons[k], events.get(0).trackRows().get(k).centroidLon(), 1e-9);
    }
    // without the wrap the blob at 170 and -180 is two objects: more than one event
    List<TrackedEvent> cut =
        EventTracker.track(DetectionGrid.of(g).withWrap(false), rules, detectNoWrap(g, masks));
    assertTrue(cut.size() > 1, summaries(cut).toString());
  }

  private static List<StepObjects> detectNoWrap(FieldGrid g, Blobs.Mask... masks) {
    ObjectDetector d = ObjectDetector.of(DetectionGrid.of(g).withWrap(false), RULES8);
    List<StepObjects> steps = new ArrayList<>();
    for (int k = 0; k < masks.length; k++) {
      steps.add(d.detect(Blobs.t(k), masks[k].mask, masks[k].values));
    }
    return steps;
  }

  @Test
  void aBlobCoveringThePoleRowsHasItsCentroidAtThePole() {
    FieldGrid g = Blobs.GLOBAL;
    Blobs.Mask cap = Blobs.on(g).rect(17, 18, 0, 35);
    Blobs.Mask half = Blobs.on(g).rect(18, 18, 0, 35).rect(17, 17, 0, 17);
    List<TrackedEvent> events = track(g, HALF, cap, half);
    assertEquals(1, events.size());
    List<TrackRow> rows = events.get(0).trackRows();
    assertEquals(90, rows.get(0).centroidLat(), 1e-6);
    double[] c = Blobs.centroid(g, Blobs.rect(g, 17, 17, 0, 17));
    assertTrue(c[0] < rows.get(1).centroidLat() && rows.get(1).centroidLat() < 90);
    assertEquals(
        Blobs.centroid(g, events.get(0).steps().get(1).object().cells())[0],
        rows.get(1).centroidLat(),
        1e-9);
  }

  @Test
  void tooShortEventsAreDroppedAndTheEndReasonSaysWhy() {
    // a: steps 0 and 1; b: steps 0..3; c: step 2 only
    Blobs.Mask[] masks = {
      m().rect(2, 3, 2, 3).rect(10, 12, 10, 12),
      m().rect(2, 3, 2, 3).rect(10, 12, 10, 12),
      m().rect(10, 12, 10, 12).rect(15, 16, 2, 3),
      m().rect(10, 12, 10, 12)
    };
    assertEquals(
        List.of(
            "20210110T000000Z-1 steps=2 2021-01-10T00:00:00Z..2021-01-10T03:00:00Z lysis",
            "20210110T000000Z-2 steps=4 2021-01-10T00:00:00Z..2021-01-10T09:00:00Z end_of_data"),
        summaries(track(G, new TrackingRules(0.5, 2, 0), masks)));
    assertEquals(3, track(G, HALF, masks).size());
    assertEquals(1, track(G, new TrackingRules(0.5, 3, 0), masks).size());
  }

  @Test
  void aGapIsBridgedByMaxGapSteps() {
    Blobs.Mask blob = m().rect(4, 6, 4, 6);
    Blobs.Mask[] masks = {blob, blob, m(), blob, blob};
    List<TrackedEvent> bridged = track(G, new TrackingRules(0.5, 1, 1), masks);
    assertEquals(
        List.of(
            "20210110T000000Z-1 steps=4 2021-01-10T00:00:00Z..2021-01-10T12:00:00Z end_of_data"
                + " gaps=[2021-01-10T06:00:00Z]"),
        summaries(bridged));
    assertEquals(12.0, bridged.get(0).lifecycle().durationHours());
    Event catalog = bridged.get(0).toCatalogEvent();
    assertEquals(5, catalog.mask().size());
    assertEquals(0, catalog.mask().cellCount(2)); // nothing in force during the gap
    assertArrayEquals(Blobs.rect(G, 4, 6, 4, 6), catalog.mask().cells(3));
    assertEquals(
        List.of(
            "20210110T000000Z-1 steps=2 2021-01-10T00:00:00Z..2021-01-10T03:00:00Z lysis",
            "20210110T090000Z-1 steps=2 2021-01-10T09:00:00Z..2021-01-10T12:00:00Z end_of_data"),
        summaries(track(G, new TrackingRules(0.5, 1, 0), masks)));
    // a gap of two steps is too long for max_gap_steps 1
    Blobs.Mask[] longer = {blob, blob, m(), m(), blob};
    assertEquals(2, track(G, new TrackingRules(0.5, 1, 1), longer).size());
    assertEquals(1, track(G, new TrackingRules(0.5, 1, 2), longer).size());
  }

  @Test
  void anEventInItsGapAtTheEndEndsWithTheData() {
    Blobs.Mask blob = m().rect(4, 6, 4, 6);
    Blobs.Mask[] masks = {blob, blob, m()};
    assertEquals(
        List.of(
            "20210110T000000Z-1 steps=2 2021-01-10T00:00:00Z..2021-01-10T03:00:00Z end_of_data"),
        summaries(track(G, new TrackingRules(0.5, 1, 1), masks)));
    assertEquals(
        List.of("20210110T000000Z-1 steps=2 2021-01-10T00:00:00Z..2021-01-10T03:00:00Z lysis"),
        summaries(track(G, new TrackingRules(0.5, 1, 0), masks)));
  }

  @Test
  void equalOverlapsGoToTheLowerIdAndTheLowerObjectNumber() {
    // two equal blobs on the same rows merge: equal overlap areas, the lower id continues
    Blobs.Mask apart = m().rect(2, 4, 2, 4).rect(2, 4, 8, 10);
    Blobs.Mask merged = m().rect(2, 4, 2, 10);
    assertEquals(
        List.of(
            "20210110T000000Z-1 steps=3 2021-01-10T00:00:00Z..2021-01-10T06:00:00Z end_of_data",
            "20210110T000000Z-2 steps=1 2021-01-10T00:00:00Z..2021-01-10T00:00:00Z merged into"
                + " 20210110T000000Z-1"),
        summaries(track(G, HALF, apart, merged, merged)));
    // a blob splitting into two equal halves continues into the lower-numbered one
    Blobs.Mask whole = m().rect(2, 4, 2, 8);
    Blobs.Mask halves = m().rect(2, 4, 2, 4).rect(2, 4, 6, 8);
    assertEquals(
        List.of(
            "20210110T000000Z-1 steps=2 2021-01-10T00:00:00Z..2021-01-10T03:00:00Z end_of_data",
            "20210110T030000Z-2 steps=1 2021-01-10T03:00:00Z..2021-01-10T03:00:00Z end_of_data"
                + " from 20210110T000000Z-1"),
        summaries(track(G, HALF, whole, halves)));
    assertEquals(
        Blobs.rect(G, 2, 4, 2, 4)[0],
        track(G, HALF, whole, halves).get(0).steps().get(1).object().cells()[0]);
  }

  @Test
  void theOrderTimestepsArriveInDoesNotMatter() {
    Blobs.Mask[] masks = {
      m().rect(2, 5, 2, 10),
      m().rect(2, 4, 2, 4).rect(2, 5, 8, 10),
      m().rect(2, 4, 3, 5).rect(2, 5, 9, 11).rect(12, 14, 1, 3),
      m().rect(2, 5, 3, 11).rect(12, 14, 2, 4),
      m(),
      m().rect(2, 5, 3, 11)
    };
    List<StepObjects> steps = detect(G, masks);
    TrackingRules rules = new TrackingRules(0.5, 1, 1);
    List<TrackedEvent> expected = EventTracker.track(DetectionGrid.of(G), rules, steps);
    Random random = new Random(42);
    for (int k = 0; k < 10; k++) {
      List<StepObjects> shuffled = new ArrayList<>(steps);
      Collections.shuffle(shuffled, random);
      assertEquals(expected, EventTracker.track(DetectionGrid.of(G), rules, shuffled));
    }
    assertTrue(expected.size() >= 3, summaries(expected).toString());
  }

  @Test
  void referencesToDroppedEventsAreCleared() {
    // P (2 steps) splits: it continues into the larger part at step 1, X splits from it; X lives
    // on to step 3. With min_steps 3, P is dropped and X no longer names it.
    Blobs.Mask[] masks = {
      m().rect(2, 5, 2, 10),
      m().rect(2, 4, 2, 4).rect(2, 5, 8, 10),
      m().rect(2, 4, 2, 4),
      m().rect(2, 4, 2, 4)
    };
    assertEquals(
        List.of(
            "20210110T000000Z-1 steps=2 2021-01-10T00:00:00Z..2021-01-10T03:00:00Z lysis",
            "20210110T030000Z-1 steps=3 2021-01-10T03:00:00Z..2021-01-10T09:00:00Z end_of_data"
                + " from 20210110T000000Z-1"),
        summaries(track(G, new TrackingRules(0.5, 2, 0), masks)));
    assertEquals(
        List.of(
            "20210110T030000Z-1 steps=3 2021-01-10T03:00:00Z..2021-01-10T09:00:00Z end_of_data"),
        summaries(track(G, new TrackingRules(0.5, 3, 0), masks)));
    // A (3 steps) merges into B, which lives 2 steps: with min_steps 3, B is dropped and A keeps
    // its end reason without naming B
    Blobs.Mask[] merge = {
      m().rect(2, 4, 2, 4),
      m().rect(2, 4, 2, 4),
      m().rect(2, 4, 2, 4).rect(2, 5, 8, 10),
      m().rect(2, 5, 2, 10),
      m()
    };
    assertEquals(
        List.of("20210110T000000Z-1 steps=3 2021-01-10T00:00:00Z..2021-01-10T06:00:00Z merged"),
        summaries(track(G, new TrackingRules(0.5, 3, 0), merge)));
    assertEquals(
        List.of(
            "20210110T000000Z-1 steps=3 2021-01-10T00:00:00Z..2021-01-10T06:00:00Z merged into"
                + " 20210110T060000Z-2",
            "20210110T060000Z-2 steps=2 2021-01-10T06:00:00Z..2021-01-10T09:00:00Z lysis"),
        summaries(track(G, new TrackingRules(0.5, 2, 0), merge)));
  }

  @Test
  void eventsAreReturnedAsSoonAsTheyAreSettled() {
    EventTracker tracker = EventTracker.of(DetectionGrid.of(G), new TrackingRules(0.5, 1, 1));
    List<StepObjects> steps =
        detect(
            G,
            m().rect(2, 3, 2, 3).rect(10, 12, 10, 12),
            m().rect(10, 12, 10, 12),
            m().rect(10, 12, 10, 12),
            m());
    assertEquals(List.of(), tracker.advance(steps.get(0)));
    assertEquals(List.of(), tracker.advance(steps.get(1))); // A may still come back (gap 1)
    assertEquals(
        List.of("20210110T000000Z-1 steps=1 2021-01-10T00:00:00Z..2021-01-10T00:00:00Z lysis"),
        summaries(tracker.advance(steps.get(2))));
    assertEquals(List.of(), tracker.advance(steps.get(3)));
    assertEquals(
        List.of(
            "20210110T000000Z-2 steps=3 2021-01-10T00:00:00Z..2021-01-10T06:00:00Z end_of_data"),
        summaries(tracker.finish()));
    IllegalStateException late =
        assertThrows(IllegalStateException.class, () -> tracker.advance(steps.get(3)));
    assertTrue(late.getMessage().contains("tracking has finished"), late.getMessage());
  }

  @Test
  void timestepsMustComeOnceInOrder() {
    EventTracker tracker = EventTracker.of(DetectionGrid.of(G), HALF);
    List<StepObjects> steps = detect(G, m().rect(2, 3, 2, 3), m().rect(2, 3, 2, 3));
    tracker.advance(steps.get(1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tracker.advance(steps.get(0)));
    assertTrue(
        e.getMessage()
            .contains(
                "timestep 2021-01-10T00:00:00Z is not after the last timestep tracked, 2021-01-10T03:00:00Z"),
        e.getMessage());
    StepObjects other = new StepObjects(Blobs.t(5), 7, List.of());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> tracker.advance(other))
            .getMessage()
            .contains("grid of 7 cells"));
  }

  @Test
  void peakAndFirstLandfall() {
    boolean[] land = new boolean[G.cells()];
    land[8 * 20 + 8] = true;
    ObjectDetector d = ObjectDetector.of(DetectionGrid.of(G), RULES8).withLandfall(land);
    Blobs.Mask[] masks = {
      m().rect(5, 7, 5, 7, 3).cell(6, 6, 4),
      m().rect(5, 7, 6, 8, 2).cell(6, 7, 9), // touches (8, 8)? no: rows 5..7
      m().rect(6, 8, 6, 8, 2).cell(7, 7, 9), // row 8, column 8: landfall; the same peak 9
      m().rect(6, 8, 6, 8, 2)
    };
    List<StepObjects> steps = new ArrayList<>();
    for (int k = 0; k < masks.length; k++) {
      steps.add(d.detect(Blobs.t(k), masks[k].mask, masks[k].values));
    }
    List<TrackedEvent> events = EventTracker.track(DetectionGrid.of(G), HALF, steps);
    assertEquals(1, events.size());
    LifecycleRow l = events.get(0).lifecycle();
    assertEquals(9.0, l.peakValue());
    assertEquals(Blobs.t(1), l.peakTime()); // the first time the peak is reached
    assertEquals(Blobs.t(2), l.firstLandfall());
    assertEquals(
        List.of(
            "20210110T000000Z-1",
            "2021-01-10T00:00:00Z",
            "2021-01-10T09:00:00Z",
            "4",
            "9.0",
            "2021-01-10T03:00:00Z",
            "9.0",
            String.valueOf(l.maxAreaKm2()),
            "9",
            "2021-01-10T06:00:00Z",
            "end_of_data",
            "",
            ""),
        l.csvValues());
    assertEquals(LifecycleRow.HEADER.size(), l.csvValues().size());
    assertEquals(
        List.of(3.0 + 1, 9.0, 9.0, 2.0),
        events.get(0).trackRows().stream().map(TrackRow::maxValue).toList());
  }

  @Test
  void eventsWriteAndReadBackAsAnEventCatalog(@TempDir Path dir) throws Exception {
    Blobs.Mask blob = m().rect(4, 6, 4, 6);
    List<TrackedEvent> events =
        track(
            G,
            new TrackingRules(0.5, 1, 1),
            blob,
            m().rect(4, 6, 5, 7),
            m(),
            blob,
            m().rect(15, 16, 15, 16));
    List<Event> catalogEvents = events.stream().map(TrackedEvent::toCatalogEvent).toList();
    Path file = dir.resolve("catalog.json");
    Files.writeString(file, EventCatalogJson.write(G, catalogEvents, Map.of()));
    EventCatalog read = EventCatalog.load(file.toString(), null);
    assertEquals(List.of(), read.failures());
    assertEquals(catalogEvents, read.events());
    Event first = read.event("20210110T000000Z-1").orElseThrow();
    assertEquals(Instant.parse("2021-01-10T09:00:00Z"), first.end());
    assertArrayEquals(
        Blobs.rect(G, 4, 6, 5, 7), first.mask().cellsAt(Instant.parse("2021-01-10T04:30:00Z")));
    assertEquals(0, first.mask().cellsAt(Instant.parse("2021-01-10T06:00:00Z")).length);
  }

  @Test
  void trackedEventsRoundTripThroughTheirCoder() throws Exception {
    Blobs.Mask apart = m().rect(2, 4, 2, 4).rect(2, 5, 8, 10);
    Blobs.Mask merged = m().rect(2, 5, 2, 10);
    for (TrackedEvent e :
        track(
            G,
            new TrackingRules(0.5, 1, 1),
            apart,
            m(),
            merged,
            m().rect(2, 4, 2, 4).rect(2, 5, 8, 10))) {
      CoderProperties.coderDecodeEncodeEqual(TrackedEvent.coder(), e);
      CoderProperties.coderDeterministic(TrackedEvent.coder(), e, e);
    }
  }
}
