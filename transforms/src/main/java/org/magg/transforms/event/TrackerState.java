package org.magg.transforms.event;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;

/**
 * What the tracker carries from one timestep to the next: the index and time of the last timestep,
 * the times of the last {@code max_gap_steps + 1} timesteps (to name the gaps it bridges), the open
 * tracks in id order, and the closed events waiting for their references to be settled. Kept in
 * state between timers by the streaming tracker.
 */
final class TrackerState implements Serializable {
  private static final long serialVersionUID = 1L;

  long index = -1;
  Instant lastTime;
  final Instant[] recentTimes;
  final ArrayList<OpenTrack> open = new ArrayList<>();
  final ArrayList<OpenTrack> pending = new ArrayList<>();
  boolean finished;

  /** Events ended short of {@code min_steps} (dropped) so far. */
  long dropped;

  TrackerState(int maxGapSteps) {
    this.recentTimes = new Instant[maxGapSteps + 1];
  }

  void record(long index, Instant time) {
    this.index = index;
    this.lastTime = time;
    recentTimes[(int) (index % recentTimes.length)] = time;
  }

  /** The time of timestep {@code index}, one of the last {@code recentTimes.length}. */
  Instant timeOf(long index) {
    return recentTimes[(int) (index % recentTimes.length)];
  }
}
