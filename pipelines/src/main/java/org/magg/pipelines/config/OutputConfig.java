package org.magg.pipelines.config;

import java.io.Serializable;

/**
 * Where and how results are written.
 *
 * @param grid the output grid
 * @param store store location (a directory path); may be null when given at run time
 * @param zarrFormat 3 (default) or 2
 * @param compressor {@code none} (default), {@code gzip} or {@code zstd}
 * @param compressionLevel level for the compressor (gzip 1-9, zstd 1-22)
 */
public record OutputConfig(
    GridConfig grid, String store, int zarrFormat, String compressor, int compressionLevel)
    implements Serializable {}
