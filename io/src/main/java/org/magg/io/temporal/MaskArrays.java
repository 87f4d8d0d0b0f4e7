package org.magg.io.temporal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.magg.io.temporal.EventCatalogLoader.EventProblem;

/**
 * Turns {@code (time, lat, lon)} mask arrays into {@link EventMask}s. Each file is opened once per
 * catalog load however many events use it (up to {@link #MAX_OPEN} files stay open at once, the
 * least recently used is closed first).
 *
 * <p>A cell is inside the event at a time step when its value is {@code > 0} (NaN and fill values
 * are outside), or, with a label, when it equals the label. Positive values other than 1 are kept
 * as weights (a fractional mask); a mask whose inside values are all 1 is binary. The event's masks
 * are the file's time steps within [start, end]; other steps are ignored, so one file may hold the
 * masks of many events.
 */
final class MaskArrays implements AutoCloseable {
  /** Files kept open at once: catalogs with a file per event would otherwise exhaust handles. */
  static final int MAX_OPEN = 16;

  private final GridFiles files;
  private final Map<String, GridFiles.GridFile> open =
      new java.util.LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, GridFiles.GridFile> eldest) {
          if (size() > MAX_OPEN) {
            closeQuietly(eldest.getValue());
            return true;
          }
          return false;
        }
      };
  private final Map<String, Exception> broken = new HashMap<>();

  MaskArrays(GridFiles files) {
    this.files = files;
  }

  /** Closes every file opened. */
  @Override
  public void close() {
    open.values().forEach(MaskArrays::closeQuietly);
    open.clear();
  }

  private static void closeQuietly(GridFiles.GridFile f) {
    try {
      f.close();
    } catch (IOException e) {
      // read-only files: nothing is lost
    }
  }

  /** The grid of a mask file. */
  FieldGrid grid(String location) throws IOException {
    return file(location).grid();
  }

  private GridFiles.GridFile file(String location) throws IOException {
    GridFiles.GridFile f = open.get(location);
    if (f != null) {
      return f;
    }
    Exception e = broken.get(location);
    if (e instanceof IOException io) {
      throw io;
    } else if (e != null) {
      throw (RuntimeException) e;
    }
    try {
      f = files.open(location);
      open.put(location, f);
      return f;
    } catch (IOException | RuntimeException ex) {
      broken.put(location, ex);
      throw ex;
    }
  }

  /**
   * The masks of one event from a mask array.
   *
   * @param field the catalog field naming the file, for messages
   * @param given the file name as the catalog gives it
   * @param location the resolved location
   */
  EventMask read(
      String field,
      String given,
      String location,
      String variable,
      Double label,
      FieldGrid grid,
      Instant start,
      Instant end)
      throws EventProblem {
    String what = "mask file '" + given + "' variable '" + variable + "'";
    GridFiles.GridFile f;
    Instant[] times;
    FieldGrid fileGrid;
    try {
      f = file(location);
      fileGrid = f.grid();
      times = f.times();
    } catch (IOException | RuntimeException e) {
      throw new EventProblem(
          field,
          "mask file '"
              + given
              + "'"
              + (given.equals(location) ? "" : " (" + location + ")")
              + " cannot be read: "
              + EventCatalogLoader.message(e));
    }
    String mismatch = grid.mismatch(fileGrid);
    if (mismatch != null) {
      throw new EventProblem(
          field,
          what
              + " is on another grid than the catalog's "
              + grid.describe()
              + ": "
              + mismatch
              + " (file grid "
              + fileGrid.describe()
              + ")");
    }
    if (times.length == 0) {
      throw new EventProblem(
          field, what + ": the file has no time axis (expected (time, lat, lon))");
    }
    List<Integer> steps = new ArrayList<>();
    for (int t = 0; t < times.length; t++) {
      if (!times[t].isBefore(start) && !times[t].isAfter(end)) {
        steps.add(t);
      }
    }
    if (steps.isEmpty()) {
      throw new EventProblem(
          field,
          what
              + ": no time step within the event ["
              + start
              + ", "
              + end
              + "] (the file covers "
              + times[0]
              + " .. "
              + times[times.length - 1]
              + ")");
    }
    int n = grid.cells();
    int[][] cells = new int[steps.size()][];
    float[][] weights = new float[steps.size()][];
    boolean weighted = false;
    for (int s = 0; s < steps.size(); s++) {
      int t = steps.get(s);
      double[] v;
      try {
        v = f.read(variable, t);
      } catch (IOException | RuntimeException e) {
        throw new EventProblem(
            field,
            what + " time step " + t + " (" + times[t] + "): " + EventCatalogLoader.message(e));
      }
      if (v.length != n) {
        throw new EventProblem(
            field,
            what
                + " time step "
                + t
                + " has "
                + v.length
                + " values, expected "
                + n
                + " for (lat, lon) "
                + grid.describe());
      }
      int count = 0;
      for (double x : v) {
        if (label != null ? x == label : x > 0) {
          count++;
        }
      }
      int[] c = new int[count];
      float[] w = new float[count];
      int k = 0;
      for (int i = 0; i < n; i++) {
        double x = v[i];
        if (label != null ? x == label : x > 0) {
          c[k] = i;
          w[k] = label != null ? 1f : (float) x;
          if (w[k] != 1f) {
            weighted = true;
            if (!Float.isFinite(w[k])) {
              throw new EventProblem(
                  field,
                  what
                      + " time step "
                      + t
                      + " cell "
                      + i
                      + " = "
                      + x
                      + " (expected a finite value)");
            }
          }
          k++;
        }
      }
      cells[s] = c;
      weights[s] = w;
    }
    EventMask.Builder b = EventMask.builder();
    for (int s = 0; s < steps.size(); s++) {
      b.add(times[steps.get(s)], cells[s], weighted ? weights[s] : null);
    }
    try {
      return b.build(end);
    } catch (IllegalArgumentException e) {
      throw new EventProblem(field, what + ": " + e.getMessage());
    }
  }
}
