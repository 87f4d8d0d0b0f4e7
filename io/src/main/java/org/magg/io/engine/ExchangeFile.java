package org.magg.io.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.Field;
import org.magg.core.engine.Region;
import org.magg.core.engine.VarKind;
import org.magg.io.gridded.GridSlice;
import org.magg.io.gridded.GriddedSource;
import org.magg.io.gridded.GriddedSources;
import org.magg.io.netcdf.NetcdfClassicFile;
import org.magg.io.netcdf.NetcdfClassicWriter;

/**
 * The file an external model exchanges one variable in: NetCDF classic (64-bit offset), the
 * variable named as in the cube with dimensions {@code (time, lat, lon)} or {@code (lat, lon)} and
 * the CF coordinate variables {@code time} (seconds since 1970-01-01 00:00:00, proleptic
 * Gregorian), {@code lat} ({@code degrees_north}) and {@code lon} ({@code degrees_east}) of the
 * cells it covers; values as doubles, NaN for "no value" ({@code _FillValue} NaN).
 *
 * <p>{@link #write} stages a field so; {@link #read} takes a model's file back only if it has that
 * form over exactly the expected region: the variable present under its name, its dimensions named
 * and ordered as above with the region's lengths, and coordinates equal to the grid's over the
 * region (within a thousandth of a cell or of a timestep). Values are decoded the CF way ({@code
 * _FillValue}, {@code missing_value}, {@code scale_factor}, {@code add_offset}) by {@link
 * GriddedSources}; times in any {@code <unit> since <date>} units are accepted.
 */
public final class ExchangeFile {
  /** The units of the {@code time} coordinate written. */
  public static final String TIME_UNITS = "seconds since 1970-01-01 00:00:00";

  private ExchangeFile() {}

  /** {@code <dir>/<variable>.nc}. */
  public static Path of(Path dir, String variable) {
    return dir.resolve(variable + ".nc");
  }

  /**
   * Writes {@code field} to {@code file}, with coordinates from {@code grid} over the field's
   * region.
   *
   * @param units the variable's units attribute (empty: none)
   */
  public static void write(Path file, Field field, String units, CubeGrid grid) throws IOException {
    Region r = field.region();
    boolean time = field.kind() == VarKind.TIME;
    NetcdfClassicWriter w = new NetcdfClassicWriter();
    if (time) {
      w.dimension("time", r.nt());
    }
    w.dimension("lat", r.nLat()).dimension("lon", r.nLon());
    w.attribute("Conventions", "CF-1.8");
    if (time) {
      w.doubleVariable(
              "time",
              List.of("time"),
              Arrays.copyOfRange(grid.time().epochSeconds(), r.t0(), r.t1()))
          .attribute("units", TIME_UNITS)
          .attribute("calendar", "proleptic_gregorian")
          .attribute("standard_name", "time")
          .attribute("axis", "T");
    }
    w.doubleVariable(
            "lat", List.of("lat"), Arrays.copyOfRange(grid.lat().values(), r.lat0(), r.lat1()))
        .attribute("units", "degrees_north")
        .attribute("standard_name", "latitude")
        .attribute("axis", "Y");
    w.doubleVariable(
            "lon", List.of("lon"), Arrays.copyOfRange(grid.lon().values(), r.lon0(), r.lon1()))
        .attribute("units", "degrees_east")
        .attribute("standard_name", "longitude")
        .attribute("axis", "X");
    NetcdfClassicWriter.Var v =
        w.doubleVariable(field.variable(), dims(field.kind()), field.values())
            .attribute("_FillValue", Double.NaN);
    if (units != null && !units.isEmpty()) {
      v.attribute("units", units);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      w.write(out);
    }
  }

  /** The dimensions of a variable of {@code kind}, outermost first. */
  public static List<String> dims(VarKind kind) {
    return VariableArray.dims(kind); // the cube's own dimensions
  }

  /**
   * Reads {@code variable} of {@code kind} from {@code file}, which must cover exactly {@code
   * region} of {@code grid}.
   *
   * @throws IOException naming the file and what was expected when it is missing, not NetCDF
   *     classic, lacks the variable, or has other dimensions, lengths or coordinates
   */
  public static Field read(Path file, String variable, VarKind kind, Region region, CubeGrid grid)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(
          file.toString(), null, "no such file; expected the model to write " + variable);
    }
    checkStructure(file, variable, kind, region);
    try (GriddedSource src = GriddedSources.open(file.toString(), null)) {
      checkAxis(file, "lat", src.lat(), grid.lat().values(), region.lat0(), grid.lat().step());
      checkAxis(file, "lon", src.lon(), grid.lon().values(), region.lon0(), grid.lon().step());
      double[] values = new double[region.size(kind)];
      if (kind == VarKind.TIME) {
        checkTimes(file, src.times(), grid, region);
        int per = region.cellsPerStep();
        for (int t = 0; t < region.nt(); t++) {
          System.arraycopy(src.read(variable, t).values(), 0, values, t * per, per);
        }
      } else {
        GridSlice s = src.readStatic(variable);
        System.arraycopy(s.values(), 0, values, 0, values.length);
      }
      return new Field(variable, kind, region, values, Double.NaN);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void checkStructure(Path file, String variable, VarKind kind, Region region)
      throws IOException {
    List<String> dims = dims(kind);
    long[] shape =
        kind == VarKind.TIME
            ? new long[] {region.nt(), region.nLat(), region.nLon()}
            : new long[] {region.nLat(), region.nLon()};
    try (NetcdfClassicFile nc = NetcdfClassicFile.open(file)) {
      NetcdfClassicFile.Variable v = nc.variables().get(variable);
      if (v == null) {
        throw new IOException(
            file
                + " has no variable '"
                + variable
                + "' (variables: "
                + String.join(", ", nc.variables().keySet())
                + ")");
      }
      if (v.type() == NetcdfClassicFile.NcType.CHAR) {
        throw new IOException(file + ": variable '" + variable + "' holds characters, not numbers");
      }
      if (!v.dimensions().equals(dims) || !Arrays.equals(v.shape(), shape)) {
        throw new IOException(
            file
                + ": variable '"
                + variable
                + "' has dimensions "
                + v.dimensions()
                + " of shape "
                + Arrays.toString(v.shape())
                + ", expected "
                + dims
                + " of shape "
                + Arrays.toString(shape)
                + " (the region "
                + region
                + ")");
      }
    }
  }

  private static void checkAxis(
      Path file, String name, double[] got, double[] grid, int start, double step)
      throws IOException {
    double tolerance = Math.abs(step) * 1e-3;
    for (int i = 0; i < got.length; i++) {
      double want = grid[start + i];
      if (!(Math.abs(got[i] - want) <= tolerance)) {
        throw new IOException(
            file
                + ": coordinate "
                + name
                + "["
                + i
                + "] is "
                + got[i]
                + ", expected "
                + want
                + " (the grid's "
                + name
                + " from index "
                + start
                + ")");
      }
    }
  }

  private static void checkTimes(Path file, Instant[] got, CubeGrid grid, Region region)
      throws IOException {
    if (got.length != region.nt()) {
      throw new IOException(
          file + ": coordinate time has " + got.length + " values, expected " + region.nt());
    }
    Duration tolerance = grid.time().step().dividedBy(1000);
    for (int t = 0; t < got.length; t++) {
      Instant want = grid.time().at(region.t0() + t);
      if (Duration.between(want, got[t]).abs().compareTo(tolerance) > 0) {
        throw new IOException(
            file
                + ": coordinate time["
                + t
                + "] is "
                + got[t]
                + ", expected "
                + want
                + " (the grid's timestep "
                + (region.t0() + t)
                + ")");
      }
    }
  }
}
