package org.magg.transforms.event;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One row of the lifecycle table: one event.
 *
 * @param eventId the event's id
 * @param genesis its first timestep
 * @param lysis its last timestep (the last it was seen at, whatever its end reason)
 * @param steps the number of timesteps it was seen at
 * @param durationHours {@code lysis - genesis} in hours
 * @param peakTime the first timestep at which {@code peakValue} was reached, or null when every
 *     value was NaN
 * @param peakValue the maximum of the value field over the event's cells and timesteps (NaN when
 *     every value was NaN)
 * @param maxAreaKm2 the largest area over its timesteps
 * @param maxCells the largest cell count over its timesteps
 * @param firstLandfall the first timestep at which it touched the landfall region, or null
 * @param endReason why it ended
 * @param mergedInto with {@link EndReason#MERGED}, the id of the event that continued; else null
 * @param splitFrom the id of the event it split from, or null
 */
public record LifecycleRow(
    String eventId,
    Instant genesis,
    Instant lysis,
    int steps,
    double durationHours,
    Instant peakTime,
    double peakValue,
    double maxAreaKm2,
    int maxCells,
    Instant firstLandfall,
    EndReason endReason,
    String mergedInto,
    String splitFrom) {

  /** The lifecycle table's columns, in the order of {@link #csvValues()}. */
  public static final List<String> HEADER =
      List.of(
          "event_id",
          "genesis",
          "lysis",
          "steps",
          "duration_hours",
          "peak_time",
          "peak_value",
          "max_area_km2",
          "max_cells",
          "first_landfall",
          "end_reason",
          "merged_into",
          "split_from");

  /**
   * The row's values as text: times ISO-8601 UTC ({@code 2021-01-10T03:00:00Z}), numbers as {@link
   * String#valueOf}, absent values (null) empty.
   */
  public List<String> csvValues() {
    return Arrays.asList(
        eventId,
        text(genesis),
        text(lysis),
        String.valueOf(steps),
        String.valueOf(durationHours),
        text(peakTime),
        String.valueOf(peakValue),
        String.valueOf(maxAreaKm2),
        String.valueOf(maxCells),
        text(firstLandfall),
        endReason.csv(),
        mergedInto == null ? "" : mergedInto,
        splitFrom == null ? "" : splitFrom);
  }

  static String text(Instant t) {
    return t == null ? "" : t.toString();
  }
}
