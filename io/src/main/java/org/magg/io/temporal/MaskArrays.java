package org.magg.io.temporal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code (time, lat, lon)} mask arrays into {@link EventMask}s.
 *
 * <p>A cell is inside the event at a time step when its value is {@code > 0} (NaN and fill values
 * are outside), or, with a label, when it equals the label. Positive values other than 1 are kept
 * as weights (a fractional mask); a mask whose inside values are all 1 is binary. The event's masks
 * are the file's time steps within [start, end]; other steps are ignored, so one file may hold the
 * masks of many events.
 */
final class MaskArrays {
  private final CatalogFiles files;

  MaskArrays(CatalogFiles files) {
    this.files = files;
  }

  /**
   * A mask array as a catalog names it.
   *
   * @param field the catalog field of the mask, for messages
   * @param fileField the catalog field of the file name, for a name that cannot be resolved
   * @param file the file name as the catalog gives it (relative to the catalog, or absolute)
   * @param label the value of the cells inside the event, or null for every value {@code > 0}
   */
  record Ref(String field, String fileField, String file, String variable, Double label) {}

  /** The masks of one event, on the catalog's {@code grid}, from {@code ref}'s time steps. */
  EventMask read(Ref ref, FieldGrid grid, Instant start, Instant end) throws EventProblem {
    String field = ref.field();
    String given = ref.file();
    String variable = ref.variable();
    Double label = ref.label();
    String location = files.resolve(ref.fileField(), given);
    String what = "mask file '" + given + "' variable '" + variable + "'";
    GridFiles.GridFile f;
    Instant[] times;
    FieldGrid fileGrid;
    try {
      f = files.mask(location);
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
              + GridFiles.reason(e));
    }
    String offGrid = GridFiles.offGrid(grid, "the catalog's ", fileGrid);
    if (offGrid != null) {
      throw new EventProblem(field, what + " " + offGrid);
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
            field, what + " time step " + t + " (" + times[t] + "): " + GridFiles.reason(e));
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
