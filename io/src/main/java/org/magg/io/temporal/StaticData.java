package org.magg.io.temporal;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.magg.io.s3.S3Settings;
import org.magg.io.temporal.StaticDataSpec.FileVariable;

/**
 * Static fields on the field grid: region masks by name (say {@code ais}), cell areas and monthly
 * climatology per variable.
 *
 * <p><b>Loading.</b> {@link #load} reads the region masks and cell areas and checks the climatology
 * file's grid and months at once, so a bad file fails on the launcher. The object is serializable
 * and carries only the spec, the S3 settings and the grid; on a worker the data are read on first
 * use. Data are cached per JVM in a static map keyed by location, variable and S3 settings, so
 * every DoFn instance and every deserialized copy on a worker shares one load (the cache is never
 * emptied: static data are small next to a worker's heap — MERRA-2 masks and areas are 0.2 and 1.7
 * MB, a climatology variable 20 MB).
 *
 * <p>Returned arrays are shared by every caller in the JVM: <b>do not modify them</b>.
 */
public final class StaticData implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Map<CacheKey, Object> CACHE = new ConcurrentHashMap<>();

  private final StaticDataSpec spec;
  private final S3Settings s3;
  private final FieldGrid grid;
  private final String cellAreaUnits;
  private transient GridFiles files;
  private transient double[] computedAreas;

  private StaticData(
      StaticDataSpec spec, S3Settings s3, FieldGrid grid, String cellAreaUnits, GridFiles files) {
    this.spec = spec;
    this.s3 = s3;
    this.grid = grid;
    this.cellAreaUnits = cellAreaUnits;
    this.files = files;
  }

  /**
   * Loads the static data; the grid is that of the first file (region masks, then cell areas, then
   * climatology), and every other file must be on it.
   *
   * @throws IOException naming the file and variable that cannot be read or is on another grid
   * @throws IllegalArgumentException when no file gives a grid (use the overload with a grid)
   */
  public static StaticData load(StaticDataSpec spec, S3Settings s3OrNull) throws IOException {
    return load(spec, s3OrNull, null);
  }

  /** Loads the static data, which must be on {@code grid} (or on the files' grid when null). */
  public static StaticData load(StaticDataSpec spec, S3Settings s3OrNull, FieldGrid grid)
      throws IOException {
    return load(spec, s3OrNull, grid, GriddedGridFiles.of(s3OrNull));
  }

  static StaticData load(StaticDataSpec spec, S3Settings s3, FieldGrid grid, GridFiles files)
      throws IOException {
    Objects.requireNonNull(spec, "Static data spec cannot be null.");
    FieldGrid g = grid;
    String units = null;
    for (Map.Entry<String, String> e : spec.regionMasks().entrySet()) {
      g = checkGrid(g, FileVariable.parse(e.getKey(), e.getValue()).file(), files, null);
    }
    if (spec.cellAreas() != null && !isComputed(spec)) {
      FileVariable fv = FileVariable.parse("cell areas", spec.cellAreas());
      String[] u = new String[1];
      g = checkGrid(g, fv.file(), files, f -> u[0] = f.units(fv.variable()));
      units = u[0];
    } else if (isComputed(spec)) {
      units = "km2";
    }
    if (spec.climatology() != null) {
      g = checkGrid(g, spec.climatology(), files, f -> monthIndex(f));
    }
    if (g == null) {
      throw new IllegalArgumentException(
          "static data: no file gives the grid (only computed cell areas); pass the grid to"
              + " StaticData.load");
    }
    StaticData data = new StaticData(spec, s3, g, units, files);
    try {
      for (String name : spec.regionMasks().keySet()) {
        data.region(name);
      }
      if (spec.cellAreas() != null) {
        data.cellAreas();
      }
    } catch (UncheckedIOException e) {
      throw new IOException(e.getMessage(), e.getCause());
    }
    return data;
  }

  private static boolean isComputed(StaticDataSpec spec) {
    return StaticDataSpec.COMPUTED.equals(spec.cellAreas());
  }

  /**
   * The grid of {@code file}, checked by {@code more} (or null), which must be {@code expected}.
   */
  private static FieldGrid checkGrid(
      FieldGrid expected, String file, GridFiles files, GridFiles.FileCheck more)
      throws IOException {
    FieldGrid g;
    try {
      g = files.grid(file, more);
    } catch (IOException | RuntimeException e) {
      throw new IOException("static data file " + file + ": " + GridFiles.reason(e), e);
    }
    if (expected == null) {
      return g;
    }
    String offGrid = GridFiles.offGrid(expected, "", g);
    if (offGrid != null) {
      throw new IOException("static data file " + file + " " + offGrid);
    }
    return expected;
  }

  private GridFiles files() {
    if (files == null) {
      files = GriddedGridFiles.of(s3);
    }
    return files;
  }

  public StaticDataSpec spec() {
    return spec;
  }

  /** The grid every static field is on. */
  public FieldGrid grid() {
    return grid;
  }

  /**
   * The region mask {@code name}: true for the cells in the region (nonzero, non-NaN in the file).
   * Shared: do not modify.
   *
   * @throws IllegalArgumentException for an unknown name
   * @throws UncheckedIOException when the file cannot be read on this worker
   */
  public boolean[] region(String name) {
    String ref = spec.regionMasks().get(name);
    if (ref == null) {
      throw new IllegalArgumentException(
          "no region mask '"
              + name
              + "' (known: "
              + String.join(", ", spec.regionMasks().keySet())
              + ")");
    }
    FileVariable fv = FileVariable.parse(name, ref);
    return (boolean[])
        cached(
            "region",
            fv.file(),
            fv.variable(),
            () -> {
              double[] v = readStatic(fv.file(), fv.variable());
              boolean[] r = new boolean[v.length];
              for (int i = 0; i < v.length; i++) {
                r[i] = v[i] != 0 && !Double.isNaN(v[i]);
              }
              return r;
            });
  }

  /**
   * The area of each cell, in {@link #cellAreaUnits()}. Shared: do not modify.
   *
   * @throws IllegalStateException when the spec names no cell areas
   */
  public double[] cellAreas() {
    String ref = spec.cellAreas();
    if (ref == null) {
      throw new IllegalStateException("static data: no cell areas configured");
    }
    if (ref.equals(StaticDataSpec.COMPUTED)) {
      if (computedAreas == null) {
        computedAreas = grid.sphericalCellAreasKm2();
      }
      return computedAreas;
    }
    FileVariable fv = FileVariable.parse("cell areas", ref);
    return (double[])
        cached("areas", fv.file(), fv.variable(), () -> readStatic(fv.file(), fv.variable()));
  }

  /**
   * The units of {@link #cellAreas()} as the file's {@code units} attribute says (say {@code m2}),
   * {@code km2} for computed areas, or null when the file does not say.
   */
  public String cellAreaUnits() {
    return cellAreaUnits;
  }

  /**
   * The climatology of {@code variable} for a calendar month (1 = January), one value per cell.
   * Shared: do not modify.
   *
   * @throws IllegalArgumentException for a month outside 1..12
   * @throws IllegalStateException when the spec names no climatology
   * @throws UncheckedIOException when the variable cannot be read
   */
  public double[] climatology(String variable, int month) {
    if (month < 1 || month > 12) {
      throw new IllegalArgumentException("month must be 1..12, got " + month);
    }
    String file = spec.climatology();
    if (file == null) {
      throw new IllegalStateException("static data: no climatology configured");
    }
    double[][] months =
        (double[][]) cached("climatology", file, variable, () -> readClimatology(file, variable));
    return months[month - 1];
  }

  /**
   * A single {@code (lat, lon)} field of a file on this grid, such as a fixed detection threshold.
   * Shared: do not modify.
   *
   * @param file the file (local or {@code s3://}), already resolved
   * @throws UncheckedIOException naming the file and variable when it cannot be read, is on another
   *     grid or has more than one step
   */
  public double[] field(String file, String variable) {
    return (double[])
        cached(
            "field",
            file,
            variable,
            () -> {
              checkOnGrid(file);
              return readStatic(file, variable);
            });
  }

  /**
   * The step of a 12-step (one per calendar month) field of a file on this grid for {@code month}
   * (1 = January), such as a monthly percentile threshold; the months are found as for {@link
   * #climatology}. Shared: do not modify.
   *
   * @throws UncheckedIOException naming the file and variable when it cannot be read, is on another
   *     grid or does not have 12 monthly steps
   */
  public double[] monthly(String file, String variable, int month) {
    if (month < 1 || month > 12) {
      throw new IllegalArgumentException("month must be 1..12, got " + month);
    }
    double[][] months =
        (double[][])
            cached(
                "monthly",
                file,
                variable,
                () -> {
                  checkOnGrid(file);
                  return readClimatology(file, variable);
                });
    return months[month - 1];
  }

  private void checkOnGrid(String file) throws IOException {
    try (GridFiles.GridFile f = files().open(file)) {
      String offGrid = GridFiles.offGrid(grid, "", f.grid());
      if (offGrid != null) {
        throw new IOException("file " + file + " " + offGrid);
      }
    }
  }

  private double[][] readClimatology(String file, String variable) throws IOException {
    try (GridFiles.GridFile f = files().open(file)) {
      int[] index = monthIndex(f);
      double[][] out = new double[12][];
      if (index == null) {
        double[][] steps = f.readStatic(variable);
        if (steps.length != 12) {
          throw new IOException(
              "variable "
                  + variable
                  + " has "
                  + steps.length
                  + " steps besides lat and lon, expected 12 (one per calendar month)");
        }
        for (int m = 0; m < 12; m++) {
          out[m] = checkLength(steps[m], file, variable);
        }
      } else {
        for (int m = 0; m < 12; m++) {
          out[m] = checkLength(f.read(variable, index[m]), file, variable);
        }
      }
      return out;
    }
  }

  /**
   * For each calendar month (0 = January) the time step holding it, when the file has a time axis:
   * 12 steps in 12 different months, in any order. Null when the file has no time axis: then the
   * variables' one dimension besides lat and lon must have 12 steps, January first.
   */
  static int[] monthIndex(GridFiles.GridFile f) throws IOException {
    Instant[] times = f.times();
    if (times.length == 0) {
      return null;
    }
    if (times.length != 12) {
      throw new IOException(
          "climatology has " + times.length + " time steps, expected 12 (one per calendar month)");
    }
    int[] index = new int[12];
    java.util.Arrays.fill(index, -1);
    for (int t = 0; t < 12; t++) {
      int m = times[t].atZone(ZoneOffset.UTC).getMonthValue() - 1;
      if (index[m] >= 0) {
        throw new IOException(
            "climatology time steps "
                + index[m]
                + " and "
                + t
                + " ("
                + times[index[m]]
                + ", "
                + times[t]
                + ") are both in month "
                + (m + 1)
                + " (expected one step per calendar month)");
      }
      index[m] = t;
    }
    return index;
  }

  private double[] readStatic(String file, String variable) throws IOException {
    try (GridFiles.GridFile f = files().open(file)) {
      double[][] steps = f.readStatic(variable);
      if (steps.length != 1) {
        throw new IOException(
            "static data file "
                + file
                + " variable "
                + variable
                + " has "
                + steps.length
                + " steps besides lat and lon, expected a single (lat, lon) field");
      }
      return checkLength(steps[0], file, variable);
    }
  }

  private double[] checkLength(double[] v, String file, String variable) throws IOException {
    if (v.length != grid.cells()) {
      throw new IOException(
          "static data file "
              + file
              + " variable "
              + variable
              + " has "
              + v.length
              + " values, expected "
              + grid.cells()
              + " on "
              + grid.describe());
    }
    return v;
  }

  private interface Loader {
    Object load() throws IOException;
  }

  private Object cached(String kind, String location, String variable, Loader loader) {
    CacheKey key = new CacheKey(kind, location, variable, s3);
    Object v = CACHE.get(key);
    if (v != null) {
      return v;
    }
    return CACHE.computeIfAbsent(
        key,
        k -> {
          try {
            return loader.load();
          } catch (IOException e) {
            throw new UncheckedIOException(
                "static data " + kind + " " + location + "#" + variable + ": " + e.getMessage(), e);
          }
        });
  }

  /** Empties the per-JVM cache (tests). */
  static void clearCache() {
    CACHE.clear();
  }

  private record CacheKey(String kind, String location, String variable, S3Settings s3) {}

  @Override
  public String toString() {
    return "StaticData[" + grid.describe() + ", " + spec + "]";
  }
}
