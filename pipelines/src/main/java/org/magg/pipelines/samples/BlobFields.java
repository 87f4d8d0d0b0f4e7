package org.magg.pipelines.samples;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.magg.core.LocalFiles;
import org.magg.io.temporal.FieldGrid;

/**
 * Generates an IVT-like field with moving, growing, decaying, merging and splitting blobs, for
 * event detection and tracking: one NetCDF-4-like HDF5 file per day (written with jhdf, as {@link
 * SampleFields}), {@code ivt_YYYYMMDD.nc4} with 8 timesteps at 00, 03, ..., 21 h UTC ({@code
 * minutes since YYYY-MM-DD 00:00:00}), variable {@code IVT(time, lat, lon)} in kg m-1 s-1, float32,
 * one chunk per timestep, deflate level {@link Spec#deflateLevel}. Deterministic: the same spec
 * writes the same values.
 *
 * <p><b>Grid.</b> {@code lat[i] = -90 + i * 180 / (nLat - 1)}, {@code lon[j] = -180 + j * 360 /
 * nLon} (MERRA-2: 361 x 576, 0.5 x 0.625 degrees).
 *
 * <p><b>Values.</b> With {@code t} the hours since the first day's 00:00 UTC, latitude {@code phi}
 * and longitude {@code lambda} in degrees (trigonometric arguments in degrees) and {@code wrap(x) =
 * x - 360 floor((x + 180) / 360)} (into [-180, 180)):
 *
 * <pre>
 *   IVT = B + 400 * sum over k = 0..17 of a_k(t) * max(0, 1 - d_k^2)^2
 *   B   = 60 + 100 cos^2(phi) (1 + 0.5 sin(2 lambda + 15 t))                  (at most 210)
 *   blob k: band b = k mod 6, s = k div 6
 *     phi_k       = -50 + 20 b                                                (-50, -30, ..., 50)
 *     lambda_k(t) = wrap(-180 + 60 b + 120 s + u_s t),  u = (0.5, 0.15, -0.25) degrees per hour
 *     a_k(t)      = sin^2(180 (t + 11 k) / 120)                               (a 120 h life cycle)
 *     d_k^2       = ((phi - phi_k) / 10)^2 + (wrap(lambda - lambda_k(t)) / 25)^2
 * </pre>
 *
 * computed in double and stored as float32. The background never reaches 250; a blob rises above it
 * while its amplitude is large, so with a threshold of 250 each blob is seen for part of its 120 h
 * cycle (genesis, then lysis), blobs of one band overtake each other (they merge, then split) and
 * cross the antimeridian.
 */
public final class BlobFields {
  /** The variable written. */
  public static final String VARIABLE = "IVT";

  /** The glob of the files in the fields directory. */
  public static final String FILE_GLOB = "ivt_*.nc4";

  /** Timesteps per file (3-hourly). */
  public static final int STEPS_PER_DAY = 8;

  /** Hours between timesteps. */
  public static final int STEP_HOURS = 3;

  /** Blobs of the formula. */
  static final int BLOBS = 18;

  /** Latitude bands of the blobs. */
  static final int BANDS = 6;

  /** Eastward speed of blob {@code k} is {@code SPEEDS[k / BANDS]}, degrees per hour. */
  static final double[] SPEEDS = {0.5, 0.15, -0.25};

  static final double AMPLITUDE = 400;
  static final double LAT_RADIUS = 10;
  static final double LON_RADIUS = 25;
  static final double CYCLE_HOURS = 120;
  static final double PHASE_HOURS = 11;

  /** Changes whenever the formula does, so that files of an older formula are not reused. */
  private static final String FORMULA = "blobs-v1";

  private static final String SPEC_FILE = "blob_fields.spec";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  /**
   * What to generate.
   *
   * @param firstDay the first day (UTC)
   * @param days how many days
   * @param nLat latitudes, -90..90 (MERRA-2: 361)
   * @param nLon longitudes from -180 (MERRA-2: 576)
   * @param deflateLevel deflate level, 0 (none) to 9
   */
  public record Spec(LocalDate firstDay, int days, int nLat, int nLon, int deflateLevel) {
    public Spec {
      if (days < 1) {
        throw new IllegalArgumentException("days must be at least 1, got " + days);
      }
      if (nLat < 2 || nLon < 2) {
        throw new IllegalArgumentException(
            "the grid needs at least 2 x 2 cells, got " + nLat + " x " + nLon);
      }
      if (deflateLevel < 0 || deflateLevel > 9) {
        throw new IllegalArgumentException("deflate level must be 0..9, got " + deflateLevel);
      }
    }

    /** The MERRA-2 grid, deflate level 1. */
    public static Spec merra2(LocalDate firstDay, int days) {
      return new Spec(firstDay, days, 361, 576, 1);
    }

    public FieldGrid grid() {
      return FieldGrid.regular(-90, 180.0 / (nLat - 1), nLat, -180, 360.0 / nLon, nLon);
    }

    /** 00:00 UTC of the first day. */
    public Instant start() {
      return firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Timesteps in all files. */
    public int steps() {
      return days * STEPS_PER_DAY;
    }

    /** Grid cells of all timesteps. */
    public long cells() {
      return (long) steps() * nLat * nLon;
    }
  }

  /**
   * What was generated (or found).
   *
   * @param dir the fields directory
   * @param files one file per day, in order
   * @param bytes bytes of the files
   * @param reused whether the files were already there (same spec)
   */
  public record Result(Path dir, List<Path> files, long bytes, boolean reused) {
    public Result {
      files = List.copyOf(files);
    }
  }

  private BlobFields() {}

  /** {@code x} brought into [-180, 180) by whole turns. */
  static double wrap(double x) {
    return x - 360 * Math.floor((x + 180) / 360);
  }

  /** The background {@code B} of the class comment. */
  public static double background(double hours, double lat, double lon) {
    double c = Math.cos(Math.toRadians(lat));
    return 60 + 100 * c * c * (1 + 0.5 * Math.sin(Math.toRadians(2 * lon + 15 * hours)));
  }

  /** The latitude of blob {@code k}. */
  static double blobLat(int k) {
    return -50 + 20 * (k % BANDS);
  }

  /** The longitude of blob {@code k} at {@code hours}, in [-180, 180). */
  static double blobLon(int k, double hours) {
    return wrap(-180 + 60 * (k % BANDS) + 120 * (k / BANDS) + SPEEDS[k / BANDS] * hours);
  }

  /** The amplitude factor {@code a_k(t)} of blob {@code k}. */
  static double blobAmplitude(int k, double hours) {
    double s = Math.sin(Math.toRadians(180 * (hours + PHASE_HOURS * k) / CYCLE_HOURS));
    return s * s;
  }

  /** The bump {@code max(0, 1 - d^2)^2} of blob {@code k} at a point. */
  static double bump(int k, double hours, double lat, double lon) {
    double dy = (lat - blobLat(k)) / LAT_RADIUS;
    double dx = wrap(lon - blobLon(k, hours)) / LON_RADIUS;
    double w = 1 - dy * dy - dx * dx;
    return w > 0 ? w * w : 0;
  }

  /** The value formula of the class comment, in double; {@code hours} since the first day. */
  public static double value(double hours, double lat, double lon) {
    double v = background(hours, lat, lon);
    for (int k = 0; k < BLOBS; k++) {
      double b = bump(k, hours, lat, lon);
      if (b > 0) {
        v += AMPLITUDE * blobAmplitude(k, hours) * b;
      }
    }
    return v;
  }

  /** The file of day {@code day} (0-based) under {@code dir}. */
  public static Path file(Path dir, Spec spec, int day) {
    return dir.resolve("ivt_" + DAY.format(spec.firstDay().plusDays(day)) + ".nc4");
  }

  /** The field files of a directory, in name (so time) order. */
  public static List<Path> files(Path dir) throws IOException {
    java.nio.file.PathMatcher m = dir.getFileSystem().getPathMatcher("glob:" + FILE_GLOB);
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> m.matches(p.getFileName())).sorted().toList();
    }
  }

  /**
   * Writes the daily files into {@code dir}, unless files of the same spec (and formula) are
   * already there: then they are reused.
   */
  public static Result generate(Path dir, Spec spec) throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    for (int d = 0; d < spec.days(); d++) {
      files.add(file(dir, spec, d));
    }
    Path marker = dir.resolve(SPEC_FILE);
    String stamp = FORMULA + " " + spec;
    boolean reused =
        Files.isRegularFile(marker)
            && Files.readString(marker, StandardCharsets.UTF_8).equals(stamp)
            && files.stream().allMatch(Files::isRegularFile);
    if (!reused) {
      Files.deleteIfExists(marker);
      for (Path old : files(dir)) {
        if (!files.contains(old)) {
          Files.delete(old); // a longer series written before: the glob must see this spec's days
        }
      }
      FieldGrid grid = spec.grid();
      for (int d = 0; d < spec.days(); d++) {
        writeDay(files.get(d), spec, grid, d);
      }
      Files.writeString(marker, stamp, StandardCharsets.UTF_8);
    }
    long bytes = 0;
    for (Path p : files) {
      bytes += Files.size(p);
    }
    return new Result(dir, files, bytes, reused);
  }

  private static void writeDay(Path file, Spec spec, FieldGrid grid, int day) throws IOException {
    int[] minutes = new int[STEPS_PER_DAY];
    float[][][] data = new float[STEPS_PER_DAY][][];
    for (int s = 0; s < STEPS_PER_DAY; s++) {
      minutes[s] = 60 * STEP_HOURS * s;
      data[s] = fill(grid, 24.0 * day + STEP_HOURS * s);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".part");
    try (WritableHdfFile f = HdfFile.write(tmp)) {
      WritableDataset time = f.putDataset("time", minutes);
      time.putAttribute(
          "units", "minutes since " + SampleFields.cfDate(spec.start().plus(Duration.ofDays(day))));
      time.putAttribute("long_name", "time");
      SampleFields.coordinates(f, grid);
      WritableDataset ds =
          f.putDataset(
              VARIABLE,
              data,
              SampleFields.chunked(new int[] {1, grid.nLat(), grid.nLon()}, spec.deflateLevel()));
      ds.putAttribute("DimensionNames", "time,lat,lon");
      ds.putAttribute("units", "kg m-1 s-1");
      ds.putAttribute("long_name", "integrated water vapour transport (synthetic)");
      ds.putAttribute("_FillValue", new float[] {1e15f});
      f.putAttribute("Title", "synthetic IVT with moving blobs (magg-beam BlobFields)");
    }
    LocalFiles.moveReplacing(tmp, file);
  }

  /**
   * One timestep of the formula: the background factored by row and column, then each blob added
   * over the cells of its support only (the bump is 0 outside it), in blob order as {@link #value}
   * adds them.
   */
  static float[][] fill(FieldGrid grid, double hours) {
    double[] lat = grid.lat();
    double[] lon = grid.lon();
    double[] row = new double[lat.length];
    for (int i = 0; i < lat.length; i++) {
      double c = Math.cos(Math.toRadians(lat[i]));
      row[i] = 100 * c * c;
    }
    double[] col = new double[lon.length];
    for (int j = 0; j < lon.length; j++) {
      col[j] = 1 + 0.5 * Math.sin(Math.toRadians(2 * lon[j] + 15 * hours));
    }
    double[][] v = new double[lat.length][lon.length];
    for (int i = 0; i < lat.length; i++) {
      for (int j = 0; j < lon.length; j++) {
        v[i][j] = 60 + row[i] * col[j];
      }
    }
    for (int k = 0; k < BLOBS; k++) {
      double a = AMPLITUDE * blobAmplitude(k, hours);
      for (int i = 0; i < lat.length; i++) {
        if (Math.abs(lat[i] - blobLat(k)) >= LAT_RADIUS) {
          continue;
        }
        for (int j = 0; j < lon.length; j++) {
          double b = bump(k, hours, lat[i], lon[j]);
          if (b > 0) {
            v[i][j] += a * b;
          }
        }
      }
    }
    float[][] out = new float[lat.length][lon.length];
    for (int i = 0; i < lat.length; i++) {
      for (int j = 0; j < lon.length; j++) {
        out[i][j] = (float) v[i][j];
      }
    }
    return out;
  }
}
