package org.magg.transforms.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.magg.core.grid.Vectors;

/**
 * Detects the objects of one timestep: labels the connected components of a mask ({@link
 * ComponentLabeller}), measures them in one pass over the cells (count, area, area-weighted unit
 * vector sum, maximum value, landfall) and keeps those the {@link DetectionRules} allow, numbered
 * in the order of their first cell. Works on primitive arrays reused from one timestep to the next,
 * so it is not thread-safe: use one detector per thread (a DoFn instance holds its own).
 */
public final class ObjectDetector {
  private final DetectionGrid grid;
  private final DetectionRules rules;
  private final boolean[] landfall;
  private final ComponentLabeller labeller;
  private int[] count = new int[64];
  private double[] area = new double[64];
  private double[] sx = new double[64];
  private double[] sy = new double[64];
  private double[] sz = new double[64];
  private double[] max = new double[64];
  private int[] maxCell = new int[64];
  private boolean[] touches = new boolean[64];
  private int[] kept = new int[64];

  private ObjectDetector(DetectionGrid grid, DetectionRules rules, boolean[] landfall) {
    this.grid = grid;
    this.rules = rules;
    this.landfall = landfall;
    this.labeller =
        new ComponentLabeller(grid.nLat(), grid.nLon(), grid.wraps(), rules.connectivity());
  }

  /** A detector on {@code grid} with {@code rules} and no landfall region. */
  public static ObjectDetector of(DetectionGrid grid, DetectionRules rules) {
    Objects.requireNonNull(grid, "Detection grid cannot be null.");
    Objects.requireNonNull(rules, "Detection rules cannot be null.");
    return new ObjectDetector(grid, rules, null);
  }

  /**
   * This detector, also marking the objects that touch {@code region} (one flag per cell,
   * row-major; null for none): what an event's {@code first_landfall} is made of.
   */
  public ObjectDetector withLandfall(boolean[] region) {
    if (region != null && region.length != grid.cells()) {
      throw new IllegalArgumentException(
          "landfall region has "
              + region.length
              + " cells, the grid "
              + grid.grid().describe()
              + " has "
              + grid.cells());
    }
    return new ObjectDetector(grid, rules, region == null ? null : region.clone());
  }

  public DetectionGrid grid() {
    return grid;
  }

  public DetectionRules rules() {
    return rules;
  }

  /**
   * The objects of one timestep.
   *
   * @param time the timestep
   * @param mask per cell (row-major {@code lat x lon}), whether it is inside an object
   * @param values per cell, the field whose maximum each object reports
   * @throws IllegalArgumentException when an array does not have one value per grid cell
   */
  public StepObjects detect(Instant time, boolean[] mask, double[] values) {
    Objects.requireNonNull(time, "Step time cannot be null.");
    if (values.length != grid.cells()) {
      throw new IllegalArgumentException(
          "values at "
              + time
              + " have "
              + values.length
              + " cells, the grid "
              + grid.grid().describe()
              + " has "
              + grid.cells());
    }
    int n = labeller.label(mask);
    int[] labels = labeller.labels();
    measure(n, labels, values);
    int k = 0;
    for (int o = 1; o <= n; o++) {
      kept[o] = rules.keeps(count[o], area[o]) ? ++k : 0;
    }
    List<DetectedObject> objects = new ArrayList<>(k);
    if (k == 0) {
      return new StepObjects(time, grid.cells(), objects);
    }
    int[][] cells = new int[k + 1][];
    int[] fill = new int[k + 1];
    for (int o = 1; o <= n; o++) {
      if (kept[o] > 0) {
        cells[kept[o]] = new int[count[o]];
      }
    }
    for (int c = 0; c < labels.length; c++) {
      int o = labels[c];
      if (o != 0 && kept[o] != 0) {
        int q = kept[o];
        cells[q][fill[q]++] = c;
      }
    }
    double[] v = new double[3];
    for (int o = 1; o <= n; o++) {
      int q = kept[o];
      if (q == 0) {
        continue;
      }
      v[0] = sx[o];
      v[1] = sy[o];
      v[2] = sz[o];
      double lon = Vectors.lonDeg(v, 0);
      objects.add(
          new DetectedObject(
              q,
              cells[q],
              area[o],
              Vectors.latDeg(v, 0),
              lon >= 180 ? lon - 360 : lon,
              maxCell[o] < 0 ? values[cells[q][0]] : max[o],
              maxCell[o] < 0 ? cells[q][0] : maxCell[o],
              touches[o]));
    }
    return new StepObjects(time, grid.cells(), objects);
  }

  /** Count, area, unit-vector sums, maximum and landfall of components 1..n. */
  private void measure(int n, int[] labels, double[] values) {
    if (count.length <= n) {
      int size = Math.max(n + 1, count.length * 2);
      count = new int[size];
      area = new double[size];
      sx = new double[size];
      sy = new double[size];
      sz = new double[size];
      max = new double[size];
      maxCell = new int[size];
      touches = new boolean[size];
      kept = new int[size];
    }
    Arrays.fill(count, 0, n + 1, 0);
    Arrays.fill(area, 0, n + 1, 0);
    Arrays.fill(sx, 0, n + 1, 0);
    Arrays.fill(sy, 0, n + 1, 0);
    Arrays.fill(sz, 0, n + 1, 0);
    Arrays.fill(max, 0, n + 1, Double.NEGATIVE_INFINITY);
    Arrays.fill(maxCell, 0, n + 1, -1);
    Arrays.fill(touches, 0, n + 1, false);
    double[] areas = grid.areas();
    double[] cosLat = grid.cosLat();
    double[] sinLat = grid.sinLat();
    double[] cosLon = grid.cosLon();
    double[] sinLon = grid.sinLon();
    int nLon = grid.nLon();
    boolean[] region = landfall;
    for (int i = 0, c = 0; i < cosLat.length; i++) {
      double cl = cosLat[i];
      double sl = sinLat[i];
      for (int j = 0; j < nLon; j++, c++) {
        int o = labels[c];
        if (o == 0) {
          continue;
        }
        double a = areas[c];
        count[o]++;
        area[o] += a;
        double ac = a * cl;
        sx[o] += ac * cosLon[j];
        sy[o] += ac * sinLon[j];
        sz[o] += a * sl;
        double v = values[c];
        if (v > max[o]) {
          max[o] = v;
          maxCell[o] = c;
        }
        if (region != null && region[c]) {
          touches[o] = true;
        }
      }
    }
  }
}
