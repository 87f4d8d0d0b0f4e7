package org.magg.io.temporal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;

/**
 * Opens gridded files (NetCDF-3, NetCDF-4, Zarr) for mask arrays and static data. The catalog and
 * the static data read through this interface, so tests can hand them files in memory.
 */
interface GridFiles {

  /** Opens the file at a resolved location (local path, {@code file:} URI or {@code s3://}). */
  GridFile open(String location) throws IOException;

  /**
   * The grid of the file at {@code location}, opened for this and closed again; {@code check} (or
   * null) looks at the open file first.
   */
  default FieldGrid grid(String location, FileCheck check) throws IOException {
    try (GridFile f = open(location)) {
      FieldGrid g = f.grid();
      if (check != null) {
        check.check(f);
      }
      return g;
    }
  }

  /** What to check of an open file. */
  interface FileCheck {
    void check(GridFile f) throws IOException;
  }

  /**
   * Null when {@code found} is {@code expected}, else why not: "is on another grid than {@code
   * whose}{@code expected}: the difference (file grid {@code found})".
   */
  static String offGrid(FieldGrid expected, String whose, FieldGrid found) {
    String m = expected.mismatch(found);
    return m == null
        ? null
        : "is on another grid than "
            + whose
            + expected.describe()
            + ": "
            + m
            + " (file grid "
            + found.describe()
            + ")";
  }

  /** Why a file could not be opened or read, for messages that name the file. */
  static String reason(Throwable e) {
    if (e instanceof NoSuchFileException) {
      return "does not exist";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

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
