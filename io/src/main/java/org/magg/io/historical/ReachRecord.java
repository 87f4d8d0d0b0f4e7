package org.magg.io.historical;

import java.time.Instant;

/**
 * One UDL SpaceEnvObservation record of a REACH dosimeter: the columns the per-day product uses.
 * Missing numbers are NaN; a missing {@code createdAt} is null (oldest).
 *
 * @param sensorId {@code idSensor} ({@code REACH-nnn}), or null when the record had none
 * @param observatoryName the hosting vehicle, e.g. {@code Iridium-126}
 * @param obTime observation time
 * @param createdAt when UDL stored the record (reprocessed records are newer), or null
 * @param lat geodetic latitude, degrees
 * @param lon longitude, degrees
 * @param alt altitude, km
 * @param descriptor UDL descriptor ({@code QUICKLOOK}, {@code PROVISIONAL}, ...)
 * @param obDescription the dosimeter flavour, from the first {@code seoList} entry
 * @param obValue the dose rate, from the first {@code seoList} entry
 * @param obQuality the quality flag as a number, from the first {@code seoList} entry
 * @param senX sensor position {@code senPos[0]}, km
 * @param senY sensor position {@code senPos[1]}, km
 * @param senZ sensor position {@code senPos[2]}, km
 * @param line where the record came from: its line in a CSV file (1-based), its index in a JSON
 *     array
 */
public record ReachRecord(
    String sensorId,
    String observatoryName,
    Instant obTime,
    Instant createdAt,
    double lat,
    double lon,
    double alt,
    String descriptor,
    String obDescription,
    double obValue,
    double obQuality,
    double senX,
    double senY,
    double senZ,
    long line) {

  /** This record with its sensor id set. */
  public ReachRecord withSensorId(String id) {
    return new ReachRecord(
        id,
        observatoryName,
        obTime,
        createdAt,
        lat,
        lon,
        alt,
        descriptor,
        obDescription,
        obValue,
        obQuality,
        senX,
        senY,
        senZ,
        line);
  }
}
