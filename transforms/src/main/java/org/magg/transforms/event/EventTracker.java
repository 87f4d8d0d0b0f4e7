package org.magg.transforms.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Links the objects of consecutive timesteps into events, one timestep at a time in time order.
 *
 * <p><b>Linking</b> at timestep {@code t}: the candidates are the open tracks, by their last object
 * (seen at {@code t-1}, or earlier within {@code max_gap_steps}). A track and an object pass when
 * {@code area(a ∩ b) / min(area(a), area(b)) >= min_overlap}. Each track chooses, among the objects
 * it passes with, the one with the largest overlap area. When several tracks choose one object (a
 * merge) the one with the largest overlap area continues; the others end at their last timestep
 * with {@link EndReason#MERGED} and {@code merged_into} = the continuing id. An object no track
 * continues starts a new event; when it passes with some candidate track (a split), {@code
 * split_from} = the track with the largest overlap area. A track neither continued nor merged ends
 * with {@link EndReason#LYSIS} once it has been missing for more than {@code max_gap_steps}
 * timesteps (with 0: at the first timestep that does not continue it); a track continued after
 * missing timesteps records them as its gap times. At the end of the data every open track (seen at
 * the last timestep or still within its gap) ends with {@link EndReason#END_OF_DATA}.
 *
 * <p><b>Ties</b> (exactly equal overlap areas) are broken so that the result does not depend on any
 * order of arrival: a track choosing between objects takes the object with the lower number (the
 * earlier first cell in row-major order); an object chosen by several tracks, and a split object's
 * parent, go to the track with the lower id (earlier genesis, then lower genesis number, see {@link
 * EventIds}).
 *
 * <p><b>Ids</b>: {@code <genesis compact ISO UTC>-<n>}, n the number of the event's first object at
 * its genesis timestep, e.g. {@code 20210110T030000Z-2}.
 *
 * <p><b>{@code min_steps}</b>: an event seen at fewer timesteps is dropped, and a {@code
 * merged_into} or {@code split_from} naming a dropped event is cleared (empty). An event is
 * therefore returned once it has ended <em>and</em> every event it names is known to be kept (it
 * has reached {@code min_steps}) or dropped (it ended short of them).
 *
 * <p>{@link #advance} returns the events the timestep completed, {@link #finish} the rest; both in
 * id order. Not thread-safe.
 */
public final class EventTracker {
  private static final Comparator<OpenTrack> BY_ID = OpenTrack::compareIds;

  private final DetectionGrid grid;
  private final TrackingRules rules;
  private final Overlaps overlaps;
  private TrackerState state;

  private EventTracker(DetectionGrid grid, TrackingRules rules) {
    this.grid = grid;
    this.rules = rules;
    this.overlaps = new Overlaps(grid, rules.minOverlap());
    this.state = new TrackerState(rules.maxGapSteps());
  }

  /** A tracker with nothing tracked yet. */
  public static EventTracker of(DetectionGrid grid, TrackingRules rules) {
    Objects.requireNonNull(grid, "Detection grid cannot be null.");
    Objects.requireNonNull(rules, "Tracking rules cannot be null.");
    return new EventTracker(grid, rules);
  }

  /**
   * Tracks a whole series: sorts the timesteps by time and returns every event kept, in id order.
   *
   * @throws IllegalArgumentException when two timesteps have the same time
   */
  public static List<TrackedEvent> track(
      DetectionGrid grid, TrackingRules rules, Collection<StepObjects> steps) {
    List<StepObjects> sorted = new ArrayList<>(steps);
    sorted.sort(Comparator.comparing(StepObjects::time));
    EventTracker tracker = of(grid, rules);
    List<TrackedEvent> events = new ArrayList<>();
    for (StepObjects s : sorted) {
      events.addAll(tracker.advance(s));
    }
    events.addAll(tracker.finish());
    events.sort(TrackedEvent.ID_ORDER);
    return events;
  }

  /** The time of the last timestep tracked, or null before the first. */
  public Instant lastTime() {
    return state.lastTime;
  }

  /** How many events ended seen at fewer than {@code min_steps} timesteps, and were dropped. */
  public long dropped() {
    return state.dropped;
  }

  /** Whether {@link #finish} was called. */
  public boolean finished() {
    return state.finished;
  }

  TrackerState state() {
    return state;
  }

  /**
   * Continues from a state kept earlier by a tracker with the same grid and rules, or starts afresh
   * when {@code s} is null.
   */
  void resume(TrackerState s) {
    this.state = s != null ? s : new TrackerState(rules.maxGapSteps());
  }

  /**
   * Links the objects of the next timestep.
   *
   * @return the events this timestep completed (ended, and their references settled), in id order
   * @throws IllegalArgumentException when the timestep is not after the last one tracked or its
   *     objects are on a grid of another size
   * @throws IllegalStateException after {@link #finish}
   */
  public List<TrackedEvent> advance(StepObjects step) {
    TrackerState s = state;
    if (s.finished) {
      throw new IllegalStateException(
          "tracking has finished; timestep " + step.time() + " came after the end");
    }
    if (step.gridCells() != grid.cells()) {
      throw new IllegalArgumentException(
          "objects at "
              + step.time()
              + " are on a grid of "
              + step.gridCells()
              + " cells, the tracking grid "
              + grid.grid().describe()
              + " has "
              + grid.cells());
    }
    if (s.lastTime != null && !step.time().isAfter(s.lastTime)) {
      throw new IllegalArgumentException(
          "timestep "
              + step.time()
              + " is not after the last timestep tracked, "
              + s.lastTime
              + " (each timestep once, in time order)");
    }
    long index = s.index + 1;
    List<OpenTrack> open = s.open;
    List<DetectedObject> objects = step.objects();
    overlaps.compute(open, objects);
    int[] choice = chooseObjects(open.size());
    int[] winner = claimObjects(open, objects.size(), choice);
    int[] parent = splitParents(open, objects.size(), winner);

    List<OpenTrack> kept = new ArrayList<>(open.size() + objects.size());
    List<OpenTrack> closing = new ArrayList<>();
    for (int t = 0; t < open.size(); t++) {
      OpenTrack track = open.get(t);
      int o = choice[t];
      if (o >= 0 && winner[o] == t) {
        track.continueWith(step.time(), index, objects.get(o), gapTimes(s, track.lastIndex, index));
        kept.add(track);
      } else if (o >= 0) {
        track.endReason = EndReason.MERGED;
        track.mergedInto = open.get(winner[o]).id;
        track.mergedIntoResolved = false;
        closing.add(track);
      } else if (index - track.lastIndex > rules.maxGapSteps()) {
        track.endReason = EndReason.LYSIS;
        closing.add(track);
      } else {
        kept.add(track);
      }
    }
    for (int o = 0; o < objects.size(); o++) {
      if (winner[o] < 0) {
        OpenTrack born = new OpenTrack(step.time(), o + 1, index, objects.get(o));
        if (parent[o] >= 0) {
          born.splitFrom = open.get(parent[o]).id;
          born.splitFromResolved = false;
        }
        kept.add(born);
      }
    }
    open.clear();
    open.addAll(kept);
    s.record(index, step.time());
    return settle(closing);
  }

  /**
   * Ends every open track with {@link EndReason#END_OF_DATA}.
   *
   * @return the remaining events, in id order
   */
  public List<TrackedEvent> finish() {
    TrackerState s = state;
    if (s.finished) {
      return List.of();
    }
    List<OpenTrack> closing = new ArrayList<>(s.open);
    for (OpenTrack t : closing) {
      t.endReason = EndReason.END_OF_DATA;
    }
    s.open.clear();
    s.finished = true;
    List<TrackedEvent> out = settle(closing);
    if (!s.pending.isEmpty()) {
      throw new IllegalStateException(
          "events left with unsettled references after the end: " + s.pending.get(0).id);
    }
    return out;
  }

  /** For each track, the object it chooses (index), or -1. */
  private int[] chooseObjects(int tracks) {
    int[] choice = new int[tracks];
    double[] best = new double[tracks];
    Arrays.fill(choice, -1);
    for (int p = 0; p < overlaps.size(); p++) {
      int t = overlaps.track(p);
      int o = overlaps.object(p);
      double ov = overlaps.overlap(p);
      if (choice[t] < 0 || ov > best[t] || (ov == best[t] && o < choice[t])) {
        choice[t] = o;
        best[t] = ov;
      }
    }
    return choice;
  }

  /** For each object, the track that continues into it (index), or -1. */
  private int[] claimObjects(List<OpenTrack> open, int objects, int[] choice) {
    int[] winner = new int[objects];
    double[] best = new double[objects];
    Arrays.fill(winner, -1);
    for (int p = 0; p < overlaps.size(); p++) {
      int t = overlaps.track(p);
      int o = overlaps.object(p);
      if (choice[t] != o) {
        continue;
      }
      double ov = overlaps.overlap(p);
      if (winner[o] < 0 || beats(ov, open.get(t), best[o], open.get(winner[o]))) {
        winner[o] = t;
        best[o] = ov;
      }
    }
    return winner;
  }

  /** For each object no track continues, the track it split from (index), or -1. */
  private int[] splitParents(List<OpenTrack> open, int objects, int[] winner) {
    int[] parent = new int[objects];
    double[] best = new double[objects];
    Arrays.fill(parent, -1);
    for (int p = 0; p < overlaps.size(); p++) {
      int o = overlaps.object(p);
      if (winner[o] >= 0) {
        continue;
      }
      int t = overlaps.track(p);
      double ov = overlaps.overlap(p);
      if (parent[o] < 0 || beats(ov, open.get(t), best[o], open.get(parent[o]))) {
        parent[o] = t;
        best[o] = ov;
      }
    }
    return parent;
  }

  /** Larger overlap first; on equal overlaps, the lower id. */
  private static boolean beats(double ov, OpenTrack t, double bestOv, OpenTrack best) {
    return ov > bestOv || (ov == bestOv && t.compareIds(best) < 0);
  }

  /** The times of the timesteps strictly between {@code last} and {@code index}. */
  private static List<Instant> gapTimes(TrackerState s, long last, long index) {
    if (index == last + 1) {
      return List.of();
    }
    List<Instant> gaps = new ArrayList<>((int) (index - last - 1));
    for (long k = last + 1; k < index; k++) {
      gaps.add(s.timeOf(k));
    }
    return gaps;
  }

  /**
   * Settles the references to the tracks now closing and to open tracks that reached {@code
   * min_steps}, keeps the closing tracks with enough timesteps as pending, and returns the pending
   * events whose references are all settled, in id order.
   */
  private List<TrackedEvent> settle(List<OpenTrack> closing) {
    TrackerState s = state;
    int minSteps = rules.minSteps();
    for (OpenTrack c : closing) {
      boolean kept = c.steps.size() >= minSteps;
      settleAll(s.open, c.id, kept);
      settleAll(s.pending, c.id, kept);
      settleAll(closing, c.id, kept);
    }
    for (OpenTrack c : closing) {
      if (c.steps.size() >= minSteps) {
        s.pending.add(c);
      } else {
        s.dropped++;
      }
    }
    Map<String, OpenTrack> openById = null;
    for (List<OpenTrack> list : List.of(s.open, s.pending)) {
      for (OpenTrack t : list) {
        if (t.resolved()) {
          continue;
        }
        if (openById == null) {
          openById = new HashMap<>();
          for (OpenTrack o : s.open) {
            openById.put(o.id, o);
          }
        }
        settleIfKept(t, t.mergedIntoResolved ? null : openById.get(t.mergedInto), minSteps);
        settleIfKept(t, t.splitFromResolved ? null : openById.get(t.splitFrom), minSteps);
      }
    }
    List<OpenTrack> done = new ArrayList<>();
    s.pending.removeIf(
        t -> {
          if (t.resolved()) {
            done.add(t);
            return true;
          }
          return false;
        });
    done.sort(BY_ID);
    List<TrackedEvent> out = new ArrayList<>(done.size());
    for (OpenTrack t : done) {
      out.add(t.toEvent());
    }
    return out;
  }

  private static void settleAll(List<OpenTrack> tracks, String id, boolean kept) {
    for (OpenTrack t : tracks) {
      if (!t.resolved()) {
        t.settle(id, kept);
      }
    }
  }

  private static void settleIfKept(OpenTrack t, OpenTrack referenced, int minSteps) {
    if (referenced != null && referenced.steps.size() >= minSteps) {
      t.settle(referenced.id, true);
    }
  }
}
