package org.magg.transforms.event;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An event the tracker is building: its steps so far, the gap timesteps it was bridged over, the
 * index of the last timestep it was seen at, and its references to other events (merged into, split
 * from), each resolved once the referenced event is known to be kept (or cleared when it is dropped
 * for having fewer than {@code min_steps} timesteps).
 */
final class OpenTrack implements Serializable {
  private static final long serialVersionUID = 1L;

  final String id;
  final Instant genesis;
  final int number;
  final ArrayList<TrackStep> steps = new ArrayList<>();
  final ArrayList<Instant> gapTimes = new ArrayList<>();
  long lastIndex;
  EndReason endReason;
  String mergedInto;
  boolean mergedIntoResolved = true;
  String splitFrom;
  boolean splitFromResolved = true;

  OpenTrack(Instant genesis, int number, long index, DetectedObject first) {
    this.id = EventIds.id(genesis, number);
    this.genesis = genesis;
    this.number = number;
    this.steps.add(new TrackStep(genesis, first));
    this.lastIndex = index;
  }

  DetectedObject last() {
    return steps.get(steps.size() - 1).object();
  }

  void continueWith(Instant time, long index, DetectedObject object, List<Instant> gaps) {
    gapTimes.addAll(gaps);
    steps.add(new TrackStep(time, object));
    lastIndex = index;
  }

  /** Negative when this track has the lower id. */
  int compareIds(OpenTrack other) {
    return EventIds.compare(genesis, number, other.genesis, other.number);
  }

  boolean resolved() {
    return mergedIntoResolved && splitFromResolved;
  }

  /** Records that the event {@code id} is kept (its references stay) or dropped (cleared). */
  void settle(String id, boolean kept) {
    if (!mergedIntoResolved && id.equals(mergedInto)) {
      mergedIntoResolved = true;
      mergedInto = kept ? mergedInto : null;
    }
    if (!splitFromResolved && id.equals(splitFrom)) {
      splitFromResolved = true;
      splitFrom = kept ? splitFrom : null;
    }
  }

  TrackedEvent toEvent() {
    return new TrackedEvent(id, steps, gapTimes, endReason, mergedInto, splitFrom);
  }
}
