package org.magg.io.temporal;

import java.io.IOException;
import java.time.Instant;

/**
 * Opens gridded files (NetCDF-3, NetCDF-4, Zarr) for mask arrays and static data. The catalog and
 * the static data read through this interface, so tests can hand them files in memory.
 */
interface GridFiles {

  /** Opens the file at a resolved location (local path, {@code file:} URI or {@code s3://}). */
  GridFile open(String location) throws IOException;

  /** One open gridded file. Errors name the file and the variable. */
  interface GridFile extends AutoCloseable {
    /** The location it was opened from. */
    String location();

    /** The time axis, or an empty array when the file has none. */
    Instant[] times() throws IOException;

    /** The lat/lon axes. */
    FieldGrid grid() throws IOException;

    /**
     * Time step {@code t} of a {@code (time, lat, lon)} variable, row-major, NaN for missing.
     *
     * @throws IOException when the variable is missing, has levels or is not on the time axis
     */
    double[] read(String variable, int t) throws IOException;

    /**
     * A variable without time: {@code (lat, lon)} and at most one other dimension (a month, a
     * level, a time of length 1), one row-major array per step along it, NaN for missing.
     */
    double[][] readStatic(String variable) throws IOException;

    /** The {@code units} attribute of a variable, or null when it has none. */
    String units(String variable) throws IOException;

    @Override
    void close() throws IOException;
  }
}
