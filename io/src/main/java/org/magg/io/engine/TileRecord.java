package org.magg.io.engine;

import java.time.Instant;

/**
 * One tile of a variable in the catalog: what last wrote it and what it holds.
 *
 * @param variable the variable
 * @param t the timestep, or {@link CubeCatalog#STATIC_T} for a static variable
 * @param tileLat the tile's index along lat
 * @param tileLon the tile's index along lon
 * @param source the producer that last wrote it
 * @param nativeResM the native resolution of its data in metres (NaN: unknown)
 * @param version 1 for the first write, one more each time a write changed its content
 * @param contentHash SHA-256 of its values as stored (little-endian, C order)
 * @param producedAt when it was last written
 * @param runId the run that last wrote it
 */
public record TileRecord(
    String variable,
    int t,
    int tileLat,
    int tileLon,
    String source,
    double nativeResM,
    long version,
    String contentHash,
    Instant producedAt,
    String runId) {}
