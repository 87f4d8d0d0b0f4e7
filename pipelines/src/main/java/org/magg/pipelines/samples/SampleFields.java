package org.magg.pipelines.samples;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
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
 * Generates a synthetic MERRA-2-shaped field collection for the {@code merra2_storm} config:
 * per-day NetCDF-4-like HDF5 files (written with jhdf) of the four collections it reads, and its
 * static data, laid out so that {@code magg run --config merra2_storm --fields DIR} reads them as
 * they are. Deterministic: the same spec writes the same values.
 *
 * <p><b>Grid.</b> {@code lat[i] = -90 + i * 180 / (nLat - 1)}, {@code lon[j] = -180 + j * 360 /
 * nLon}; the MERRA-2 grid is 361 x 576 (0.5 x 0.625 degrees).
 *
 * <p><b>Collections</b> (one file per day, 24 hourly steps unless said otherwise, float32, chunked
 * one timestep per chunk, deflate level {@link Spec#deflateLevel} (0: none)):
 *
 * <ul>
 *   <li>{@code M2I1NXASM/MERRA2_400.inst1_2d_asm_Nx.YYYYMMDD.nc4}: T2M, TQV, SLP, instantaneous,
 *       stamped hh:00 ({@code minutes since YYYY-MM-DD 00:00:00});
 *   <li>{@code M2T1NXINT/MERRA2_400.tavg1_2d_int_Nx.YYYYMMDD.nc4}: VFLXQV, PRECCU, PRECLS, PRECSN,
 *       time averages stamped hh:30 ({@code minutes since YYYY-MM-DD 00:30:00});
 *   <li>{@code M2T1NXSLV/MERRA2_400.tavg1_2d_slv_Nx.YYYYMMDD.nc4}: V850, stamped hh:30;
 *   <li>{@code M2I3NPASM/MERRA2_400.inst3_3d_asm_Np.YYYYMMDD.nc4}: OMEGA(time, lev, lat, lon), 8
 *       steps (00, 03, ..., 21 h), on {@link Spec#levels} pressure levels out of 850, 700, 500, 300
 *       hPa (the real collection has 42; a few keep memory and disk small).
 * </ul>
 *
 * <p><b>Values.</b> Variable {@code v} with base {@code b}, amplitude {@code a} and level step
 * {@code s} (table {@link #VARIABLES}), at the file's stamp {@code t} (hours since
 * 1970-01-01T00:00Z, so hh:30 stamps are x.5), latitude {@code phi}, longitude {@code lambda}
 * (degrees) and level index {@code k}:
 *
 * <pre>
 *   v = b + a * (cos(phi) + 0.25 * cos(2 phi) * sin(lambda + 15 t)) + s * k      (degrees inside)
 * </pre>
 *
 * computed in double and stored as float32: a zonal wave that goes round the globe once a day. The
 * precipitation rates stay positive (b >= 1.25 a).
 *
 * <p><b>Static data</b> (in the directory itself, the names the config gives):
 *
 * <ul>
 *   <li>{@code AIS_Full_basins_Zwally_MERRA2grid_new.nc}: {@code Zwallybasins(lat, lon)} = {@code 1
 *       + floor(27 * (lambda + 180) / 360)} where {@code phi <= -65} (an Antarctic-like band cut
 *       into 27 basins), 0 elsewhere;
 *   <li>{@code MERRA2_gridarea.nc}: {@code cell_area(lat, lon)} in m2, the spherical areas of
 *       {@link FieldGrid#sphericalCellAreasKm2()} times 1e6;
 *   <li>{@code MERRA2_monthly_climatology.nc}: T2M and TQV with 12 steps (the 15th of each month of
 *       1980, {@code days since 1980-01-01 00:00:00}): {@code b + a * cos(phi) + 0.01 * a * (m -
 *       1)} for month {@code m} (1 = January).
 * </ul>
 */
public final class SampleFields {

  /** A generated variable: base, amplitude and level step of the value formula. */
  public record Variable(String name, String units, double base, double amplitude, double step) {}

  /** A generated collection: the config's name, directory, file infix and variables. */
  public record Collection(
      String name,
      String directory,
      String infix,
      boolean halfHour,
      int stepHours,
      boolean levels,
      List<Variable> variables) {}

  /** The collections {@code merra2_storm} reads. */
  public static final List<Collection> COLLECTIONS =
      List.of(
          new Collection(
              "T2M_TQV_SLP",
              "M2I1NXASM",
              "inst1_2d_asm_Nx",
              false,
              1,
              false,
              List.of(
                  new Variable("T2M", "K", 250, 30, 0),
                  new Variable("TQV", "kg m-2", 10, 8, 0),
                  new Variable("SLP", "Pa", 100000, 1500, 0))),
          new Collection(
              "VFLXQV_PRECIP",
              "M2T1NXINT",
              "tavg1_2d_int_Nx",
              true,
              1,
              false,
              List.of(
                  new Variable("VFLXQV", "kg m-1 s-1", 0, 100, 0),
                  new Variable("PRECCU", "kg m-2 s-1", 3e-5, 2e-5, 0),
                  new Variable("PRECLS", "kg m-2 s-1", 2e-5, 1.5e-5, 0),
                  new Variable("PRECSN", "kg m-2 s-1", 1e-5, 0.5e-5, 0))),
          new Collection(
              "V850",
              "M2T1NXSLV",
              "tavg1_2d_slv_Nx",
              true,
              1,
              false,
              List.of(new Variable("V850", "m s-1", 0, 10, 0))),
          new Collection(
              "OMEGA",
              "M2I3NPASM",
              "inst3_3d_asm_Np",
              false,
              3,
              true,
              List.of(new Variable("OMEGA", "Pa s-1", 0, 0.5, -0.1))));

  /** Every generated variable, the climatology's included (T2M, TQV). */
  public static final List<Variable> VARIABLES =
      COLLECTIONS.stream().flatMap(c -> c.variables().stream()).toList();

  /** Pressure levels (hPa) the OMEGA collection takes the first {@link Spec#levels} of. */
  static final double[] PRESSURE_LEVELS = {850, 700, 500, 300};

  /**
   * Region mask, cell-area and climatology file names (those of the {@code merra2_storm} config).
   */
  public static final String MASK_FILE = "AIS_Full_basins_Zwally_MERRA2grid_new.nc";

  public static final String AREA_FILE = "MERRA2_gridarea.nc";
  public static final String CLIMATOLOGY_FILE = "MERRA2_monthly_climatology.nc";

  /** The southern band that stands in for the ice sheet: latitudes at or below this. */
  public static final double REGION_MAX_LAT = -65;

  private static final String SPEC_FILE = "sample_fields.spec";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  /**
   * What to generate.
   *
   * @param firstDay the first day (UTC)
   * @param days how many days
   * @param nLat latitudes, -90..90 (MERRA-2: 361)
   * @param nLon longitudes from -180 (MERRA-2: 576)
   * @param levels OMEGA levels, 1..4
   * @param deflateLevel deflate level of the variables, 0 (none) to 9
   */
  public record Spec(
      LocalDate firstDay, int days, int nLat, int nLon, int levels, int deflateLevel) {
    public Spec {
      if (days < 1) {
        throw new IllegalArgumentException("days must be at least 1, got " + days);
      }
      if (nLat < 2 || nLon < 2) {
        throw new IllegalArgumentException(
            "the grid needs at least 2 x 2 cells, got " + nLat + " x " + nLon);
      }
      if (levels < 1 || levels > PRESSURE_LEVELS.length) {
        throw new IllegalArgumentException(
            "levels must be 1.." + PRESSURE_LEVELS.length + ", got " + levels);
      }
      if (deflateLevel < 0 || deflateLevel > 9) {
        throw new IllegalArgumentException("deflate level must be 0..9, got " + deflateLevel);
      }
    }

    /** The MERRA-2 grid, 3 OMEGA levels, deflate level 1. */
    public static Spec merra2(LocalDate firstDay, int days) {
      return new Spec(firstDay, days, 361, 576, 3, 1);
    }

    public FieldGrid grid() {
      return FieldGrid.regular(-90, 180.0 / (nLat - 1), nLat, -180, 360.0 / nLon, nLon);
    }

    /** 00:00 UTC of the first day. */
    public Instant start() {
      return firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The last hourly timestep (23:00 of the last day, after the half-hour shift). */
    public Instant lastHour() {
      return start().plus(Duration.ofHours(24L * days - 1));
    }
  }

  /**
   * What was generated (or found).
   *
   * @param dir the fields directory ({@code --fields})
   * @param files the collection files, by collection then day
   * @param staticFiles the mask, area and climatology files
   * @param bytes bytes of all files
   * @param reused whether the files were already there (same spec)
   */
  public record Result(
      Path dir, List<Path> files, List<Path> staticFiles, long bytes, boolean reused) {
    public Result {
      files = List.copyOf(files);
      staticFiles = List.copyOf(staticFiles);
    }
  }

  private SampleFields() {}

  /** The value formula of the class comment; time in epoch milliseconds. */
  public static double value(Variable v, long timeMillis, double lat, double lon, int level) {
    double t = timeMillis / 3_600_000.0;
    double phase = Math.toRadians(lon + (15 * t) % 360);
    double phi = Math.toRadians(lat);
    return v.base()
        + v.amplitude() * (Math.cos(phi) + 0.25 * Math.cos(2 * phi) * Math.sin(phase))
        + v.step() * level;
  }

  /** The climatology of the class comment, month 1..12. */
  public static double climatology(Variable v, int month, double lat) {
    return v.base()
        + v.amplitude() * Math.cos(Math.toRadians(lat))
        + 0.01 * v.amplitude() * (month - 1);
  }

  /** The region mask value of the class comment. */
  public static double basin(double lat, double lon) {
    return lat <= REGION_MAX_LAT ? 1 + Math.floor(27 * (lon + 180) / 360) : 0;
  }

  /** The generated variable named {@code name}. */
  public static Variable variable(String name) {
    return VARIABLES.stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no generated variable " + name));
  }

  /** The file of {@code collection} for day {@code day} (0-based) under {@code dir}. */
  public static Path file(Path dir, Spec spec, Collection collection, int day) {
    return dir.resolve(collection.directory())
        .resolve(
            "MERRA2_400."
                + collection.infix()
                + "."
                + DAY.format(spec.firstDay().plusDays(day))
                + ".nc4");
  }

  /**
   * Writes the collection files and static data into {@code dir}, unless files from the same spec
   * are already there (then they are reused).
   */
  public static Result generate(Path dir, Spec spec) throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    for (Collection c : COLLECTIONS) {
      for (int d = 0; d < spec.days(); d++) {
        files.add(file(dir, spec, c, d));
      }
    }
    List<Path> statics =
        List.of(dir.resolve(MASK_FILE), dir.resolve(AREA_FILE), dir.resolve(CLIMATOLOGY_FILE));
    Path marker = dir.resolve(SPEC_FILE);
    boolean reused =
        Files.isRegularFile(marker)
            && Files.readString(marker, StandardCharsets.UTF_8).equals(spec.toString())
            && files.stream().allMatch(Files::isRegularFile)
            && statics.stream().allMatch(Files::isRegularFile);
    if (!reused) {
      Files.deleteIfExists(marker);
      FieldGrid grid = spec.grid();
      int k = 0;
      for (Collection c : COLLECTIONS) {
        for (int d = 0; d < spec.days(); d++) {
          writeDay(files.get(k++), spec, grid, c, d);
        }
      }
      writeMask(statics.get(0), grid);
      writeAreas(statics.get(1), grid);
      writeClimatology(statics.get(2), grid);
      Files.writeString(marker, spec.toString(), StandardCharsets.UTF_8);
    }
    long bytes = 0;
    for (Path p : files) {
      bytes += Files.size(p);
    }
    for (Path p : statics) {
      bytes += Files.size(p);
    }
    return new Result(dir, files, statics, bytes, reused);
  }

  /**
   * Synthetic events over the generated days (3-hourly masks, half of them crossing the region),
   * starting early enough that every event's window, its 24 h precipitation tail included, lies
   * within the fields: an event lasts at most 16 masks (45 h from its first mask to its last, 47 h
   * to its end) and the precipitation blocks reach 24 h after that, so its first mask is at most
   * {@code 24 * days - 72} hours after the first day's 00:00. Needs at least 3 days.
   */
  public static SyntheticEvents events(Spec spec, int events, long seed) {
    long latestStart = 24L * spec.days() - 72;
    if (latestStart < 0) {
      throw new IllegalArgumentException(
          "events with their 24 h precipitation tail need at least 3 days of fields, the spec has "
              + spec.days());
    }
    FieldGrid grid = spec.grid();
    return SyntheticEvents.builder(grid)
        .withEvents(events)
        .withSeed(seed)
        .withCadence(Duration.ofHours(3))
        // starts at whole 3 h steps in [start, start + span): 0 .. latestStart hours
        .withStart(spec.start(), Duration.ofHours(latestStart + 3))
        .withRegion(SyntheticEvents.latitudeBand(grid, -90, REGION_MAX_LAT), 0.5);
  }

  private static void writeDay(Path file, Spec spec, FieldGrid grid, Collection c, int day)
      throws IOException {
    double[] lat = grid.lat();
    double[] lon = grid.lon();
    int steps = 24 / c.stepHours();
    int levels = c.levels() ? spec.levels() : 1;
    Instant midnight = spec.start().plus(Duration.ofDays(day));
    Instant first = c.halfHour() ? midnight.plus(Duration.ofMinutes(30)) : midnight;
    int[] minutes = new int[steps];
    for (int s = 0; s < steps; s++) {
      minutes[s] = 60 * c.stepHours() * s;
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".part");
    try (WritableHdfFile f = HdfFile.write(tmp)) {
      WritableDataset time = f.putDataset("time", minutes);
      time.putAttribute("units", "minutes since " + cfDate(first));
      time.putAttribute("long_name", "time");
      coordinates(f, grid);
      if (c.levels()) {
        double[] lev = java.util.Arrays.copyOf(PRESSURE_LEVELS, levels);
        WritableDataset l = f.putDataset("lev", lev);
        l.putAttribute("units", "hPa");
        l.putAttribute("long_name", "vertical level");
      }
      for (Variable v : c.variables()) {
        WritableDataset ds;
        if (c.levels()) {
          float[][][][] data = new float[steps][levels][lat.length][lon.length];
          for (int s = 0; s < steps; s++) {
            long t = first.toEpochMilli() + minutes[s] * 60_000L;
            for (int k = 0; k < levels; k++) {
              fill(data[s][k], v, t, lat, lon, k);
            }
          }
          ds =
              f.putDataset(
                  v.name(), data, options(spec, new int[] {1, levels, lat.length, lon.length}));
          ds.putAttribute("DimensionNames", "time,lev,lat,lon");
        } else {
          float[][][] data = new float[steps][lat.length][lon.length];
          for (int s = 0; s < steps; s++) {
            fill(data[s], v, first.toEpochMilli() + minutes[s] * 60_000L, lat, lon, 0);
          }
          ds = f.putDataset(v.name(), data, options(spec, new int[] {1, lat.length, lon.length}));
          ds.putAttribute("DimensionNames", "time,lat,lon");
        }
        ds.putAttribute("units", v.units());
        ds.putAttribute("_FillValue", new float[] {1e15f});
      }
      f.putAttribute(
          "Title", "synthetic MERRA-2-shaped " + c.infix() + " (magg-beam SampleFields)");
    }
    LocalFiles.moveReplacing(tmp, file);
  }

  private static void fill(
      float[][] out, Variable v, long timeMillis, double[] lat, double[] lon, int level) {
    // the formula, factored: cos(phi) and cos(2 phi) per row, sin(lambda + 15 t) per column
    double t = timeMillis / 3_600_000.0;
    double[] wave = new double[lon.length];
    for (int j = 0; j < lon.length; j++) {
      wave[j] = Math.sin(Math.toRadians(lon[j] + (15 * t) % 360));
    }
    for (int i = 0; i < lat.length; i++) {
      double phi = Math.toRadians(lat[i]);
      double c1 = Math.cos(phi);
      double c2 = 0.25 * Math.cos(2 * phi);
      float[] row = out[i];
      for (int j = 0; j < lon.length; j++) {
        row[j] = (float) (v.base() + v.amplitude() * (c1 + c2 * wave[j]) + v.step() * level);
      }
    }
  }

  private static DatasetCreationOptions options(Spec spec, int[] chunk) {
    return chunked(chunk, spec.deflateLevel());
  }

  /** Chunked storage of the given chunk shape, deflated at {@code level} (0: not compressed). */
  static DatasetCreationOptions chunked(int[] chunk, int level) {
    DatasetCreationOptions.Builder b = DatasetCreationOptions.builder().chunkDimensions(chunk);
    if (level > 0) {
      b.deflate(level);
    }
    return b.build();
  }

  /** The {@code lat} and {@code lon} coordinate variables of a grid, with CF units. */
  static void coordinates(WritableHdfFile f, FieldGrid grid) {
    WritableDataset la = f.putDataset("lat", grid.lat());
    la.putAttribute("units", "degrees_north");
    la.putAttribute("long_name", "latitude");
    WritableDataset lo = f.putDataset("lon", grid.lon());
    lo.putAttribute("units", "degrees_east");
    lo.putAttribute("long_name", "longitude");
  }

  private static void writeMask(Path file, FieldGrid grid) throws IOException {
    double[] lat = grid.lat();
    double[] lon = grid.lon();
    float[][] basins = new float[lat.length][lon.length];
    for (int i = 0; i < lat.length; i++) {
      for (int j = 0; j < lon.length; j++) {
        basins[i][j] = (float) basin(lat[i], lon[j]);
      }
    }
    writeStatic(file, grid, "Zwallybasins", basins, "1");
  }

  private static void writeAreas(Path file, FieldGrid grid) throws IOException {
    double[] km2 = grid.sphericalCellAreasKm2();
    double[][] m2 = new double[grid.nLat()][grid.nLon()];
    for (int i = 0; i < grid.nLat(); i++) {
      for (int j = 0; j < grid.nLon(); j++) {
        m2[i][j] = km2[i * grid.nLon() + j] * 1e6;
      }
    }
    writeStatic(file, grid, "cell_area", m2, "m2");
  }

  private static void writeStatic(Path file, FieldGrid grid, String name, Object data, String units)
      throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".part");
    try (WritableHdfFile f = HdfFile.write(tmp)) {
      coordinates(f, grid);
      WritableDataset ds = f.putDataset(name, data);
      ds.putAttribute("DimensionNames", "lat,lon");
      ds.putAttribute("units", units);
    }
    LocalFiles.moveReplacing(tmp, file);
  }

  private static void writeClimatology(Path file, FieldGrid grid) throws IOException {
    double[] lat = grid.lat();
    int nLon = grid.nLon();
    LocalDate epoch = LocalDate.of(1980, 1, 1);
    int[] days = new int[12];
    for (int m = 0; m < 12; m++) {
      days[m] = (int) (LocalDate.of(1980, m + 1, 15).toEpochDay() - epoch.toEpochDay());
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".part");
    try (WritableHdfFile f = HdfFile.write(tmp)) {
      WritableDataset time = f.putDataset("time", days);
      time.putAttribute("units", "days since 1980-01-01 00:00:00");
      coordinates(f, grid);
      for (String name : List.of("T2M", "TQV")) {
        Variable v = variable(name);
        float[][][] data = new float[12][lat.length][nLon];
        for (int m = 0; m < 12; m++) {
          for (int i = 0; i < lat.length; i++) {
            java.util.Arrays.fill(data[m][i], (float) climatology(v, m + 1, lat[i]));
          }
        }
        WritableDataset ds = f.putDataset(name, data);
        ds.putAttribute("DimensionNames", "time,lat,lon");
        ds.putAttribute("units", v.units());
      }
    }
    LocalFiles.moveReplacing(tmp, file);
  }

  /** {@code 2021-01-10 00:30:00} */
  static String cfDate(Instant t) {
    return t.toString().substring(0, 10) + " " + t.toString().substring(11, 19);
  }
}
