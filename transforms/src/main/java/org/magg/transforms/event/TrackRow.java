package org.magg.transforms.event;

import java.time.Instant;
import java.util.List;

/**
 * One row of the track table: one event at one timestep it was seen at.
 *
 * @param eventId the event's id
 * @param time the timestep
 * @param cells the object's cell count
 * @param areaKm2 the object's area
 * @param centroidLat the object's area-weighted centroid latitude
 * @param centroidLon its longitude, in [-180, 180)
 * @param maxValue the maximum of the value field over the object's cells
 */
public record TrackRow(
    String eventId,
    Instant time,
    int cells,
    double areaKm2,
    double centroidLat,
    double centroidLon,
    double maxValue) {

  /** The track table's columns, in the order of {@link #csvValues()}. */
  public static final List<String> HEADER =
      List.of("event_id", "time", "cells", "area_km2", "centroid_lat", "centroid_lon", "max_value");

  /** The row's values as text: the time ISO-8601 UTC, numbers as {@link String#valueOf}. */
  public List<String> csvValues() {
    return List.of(
        eventId,
        time.toString(),
        String.valueOf(cells),
        String.valueOf(areaKm2),
        String.valueOf(centroidLat),
        String.valueOf(centroidLon),
        String.valueOf(maxValue));
  }
}
