package org.magg.transforms.temporal;

/**
 * What a temporal evaluation needs of an event: its id, its span (the first and last mask time) and
 * its masks. Masks come at the event's own cadence (3-hourly for the MERRA-2 atmospheric-river
 * catalogs).
 */
public interface EventFootprint {
  String id();

  /** The first mask time, epoch milliseconds. */
  long startMillis();

  /** The last mask time, epoch milliseconds. */
  long endMillis();

  /** The mask at exactly {@code timeMillis}, or null when the event has no mask at that time. */
  CellMask maskAt(long timeMillis);

  /**
   * The union of the masks at times in {@code [fromMillis, toMillis]} (empty when none): the
   * precipitation mask, which keeps every cell the event covered in the preceding window.
   */
  CellMask unionOf(long fromMillis, long toMillis);
}
