package org.magg.transforms.temporal;

/** What a temporal evaluation needs of an event: its id, time span and mask at a time. */
public interface EventFootprint {
  String id();

  /** Inclusive start, epoch milliseconds. */
  long startMillis();

  /** Inclusive end, epoch milliseconds. */
  long endMillis();

  /** The event's mask in force at {@code timeMillis} (empty when none is). */
  CellMask maskAt(long timeMillis);
}
