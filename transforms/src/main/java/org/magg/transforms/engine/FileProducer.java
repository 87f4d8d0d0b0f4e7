package org.magg.transforms.engine;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.DataAdapter;
import org.magg.core.engine.Field;
import org.magg.core.engine.ProducerCapabilities;
import org.magg.core.engine.Region;
import org.magg.core.engine.RetryPolicy;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.CachedS3Files;
import org.magg.io.gridded.GridSlice;
import org.magg.io.gridded.GriddedSource;
import org.magg.io.gridded.GriddedSources;
import org.magg.io.s3.S3Location;

/**
 * A source producer: one variable of a gridded file or store (NetCDF-3, NetCDF-4/HDF5 or Zarr, read
 * through {@link GriddedSources}) put into the cube. The file's grid must be the cube's (its {@code
 * lat} and {@code lon} coordinates equal to the cube's cell centres to a thousandth of a cell); a
 * time variable's timesteps are matched by their time coordinate, and every cube timestep must be
 * in the file. A static variable is the file's variable without a time axis (or with one step).
 *
 * <p>An {@code s3://bucket/key} location is one object (NetCDF-3, NetCDF-4/HDF5), read from its
 * local copy in the content cache ({@link CachedS3Files}): fetched once per object version (ETag
 * and size), then shared by runs and cubes.
 *
 * @param name the producer's name
 * @param output the variable it makes
 * @param source the source as the config writes it ({@code inputs/dem.nc#z}), part of its
 *     configuration
 * @param location the file or store to read (the source's path, resolved)
 * @param variable the variable in the file
 * @param capabilities how it may run (the whole grid by default)
 * @param maxAttempts attempts per call (at least 1)
 * @param backoff the pause before the second attempt, doubling
 * @param remote how an {@code s3://} location is fetched (null for a local one)
 */
public record FileProducer(
    String name,
    VarSpec output,
    String source,
    String location,
    String variable,
    ProducerCapabilities capabilities,
    int maxAttempts,
    Duration backoff,
    CachedS3Files remote)
    implements Producer, Serializable {

  /** Checks the fields. */
  public FileProducer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(variable, "variable");
    source = source == null ? location + "#" + variable : source;
    capabilities = capabilities == null ? ProducerCapabilities.defaults() : capabilities;
    backoff = backoff == null ? Duration.ZERO : backoff;
    RetryPolicy.of(maxAttempts, backoff); // checks both
    if (S3Location.isS3(location) && remote == null) {
      throw new IllegalArgumentException(
          "producer '"
              + name
              + "' reads "
              + location
              + " from S3; give the cache and S3 settings it is fetched with");
    }
  }

  /** A producer of a local file or store. */
  public FileProducer(
      String name,
      VarSpec output,
      String source,
      String location,
      String variable,
      ProducerCapabilities capabilities,
      int maxAttempts,
      Duration backoff) {
    this(name, output, source, location, variable, capabilities, maxAttempts, backoff, null);
  }

  /** The same producer, fetching S3 objects through {@code fetch}. */
  public FileProducer withRemote(CachedS3Files fetch) {
    return new FileProducer(
        name, output, source, location, variable, capabilities, maxAttempts, backoff, fetch);
  }

  /** The local path, or for an {@code s3://} location the cached copy of its current version. */
  @Override
  public Path localCopy(String file) throws IOException {
    return S3Location.isS3(file) ? remote.fetch(file) : Path.of(file);
  }

  private String localLocation() throws IOException {
    return localCopy(location).toString();
  }

  @Override
  public DataAdapter needs() {
    return DataAdapter.none();
  }

  @Override
  public List<VarSpec> produces() {
    return List.of(output);
  }

  @Override
  public RetryPolicy retryPolicy() {
    return RetryPolicy.of(maxAttempts, backoff);
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", "file");
    c.put("source", source);
    return c;
  }

  @Override
  public List<String> files() {
    return List.of(location);
  }

  /**
   * Checks, before anything runs, that the file has the variable on the cube's grid and, for a time
   * variable, every cube timestep.
   *
   * @throws IOException naming the file and what does not match
   */
  public void check(CubeGrid grid) throws IOException {
    try (GriddedSource src = GriddedSources.open(localLocation(), null)) {
      if (!src.variables().contains(variable)) {
        throw new IOException(
            location + " has no variable '" + variable + "' (it has " + src.variables() + ")");
      }
      checkGrid(src, grid);
      if (output.kind() == VarKind.TIME) {
        timeIndices(src, grid, grid.whole());
      }
    }
  }

  @Override
  public Map<String, Field> compute(Map<String, Field> inputs, ProducerRequest request)
      throws IOException {
    Region r = request.region();
    CubeGrid grid = request.grid();
    try (GriddedSource src = GriddedSources.open(localLocation(), null)) {
      checkGrid(src, grid);
      double[] out = new double[r.size(output.kind())];
      if (output.kind() == VarKind.STATIC) {
        copy(slice(src.readStatic(variable)), grid, r, out, 0);
      } else {
        int[] index = timeIndices(src, grid, r);
        for (int t = 0; t < r.nt(); t++) {
          copy(slice(src.read(variable, index[t])), grid, r, out, t * r.cellsPerStep());
        }
      }
      return Map.of(output.name(), new Field(output.name(), output.kind(), r, out, Double.NaN));
    }
  }

  private GridSlice slice(GridSlice g) throws IOException {
    if (g.levels() != 1) {
      throw new IOException(
          location
              + " variable '"
              + variable
              + "' has "
              + g.levels()
              + " levels; the cube holds 2-D fields per timestep");
    }
    return g;
  }

  private static void copy(GridSlice g, CubeGrid grid, Region r, double[] out, int offset) {
    int k = offset;
    int nLon = grid.lon().count();
    for (int i = r.lat0(); i < r.lat1(); i++) {
      for (int j = r.lon0(); j < r.lon1(); j++) {
        out[k++] = g.values()[i * nLon + j];
      }
    }
  }

  private void checkGrid(GriddedSource src, CubeGrid grid) throws IOException {
    checkAxis("lat", src.lat(), grid.lat().values(), grid.lat().step());
    checkAxis("lon", src.lon(), grid.lon().values(), grid.lon().step());
  }

  private void checkAxis(String axis, double[] file, double[] cube, double step)
      throws IOException {
    boolean same = file.length == cube.length;
    double tolerance = Math.abs(step) * 1e-3;
    for (int i = 0; same && i < file.length; i++) {
      same = Math.abs(file[i] - cube[i]) <= tolerance;
    }
    if (!same) {
      throw new IOException(
          location
              + ": its "
              + axis
              + " ("
              + describe(file)
              + ") is not the cube's grid ("
              + describe(cube)
              + "); regrid the file or set cube.grid."
              + axis
              + " to match");
    }
  }

  private static String describe(double[] v) {
    if (v.length == 0) {
      return "no values";
    }
    return v.length
        + " values "
        + v[0]
        + " .. "
        + v[v.length - 1]
        + (v.length > 1 ? " by " + (float) (v[1] - v[0]) : "");
  }

  /** The file's time index of each cube timestep of {@code r}, matched by time coordinate. */
  private int[] timeIndices(GriddedSource src, CubeGrid grid, Region r) throws IOException {
    Instant[] times = src.times();
    Map<Instant, Integer> byTime = new LinkedHashMap<>();
    for (int i = 0; i < times.length; i++) {
      byTime.putIfAbsent(times[i], i);
    }
    int[] out = new int[r.nt()];
    for (int t = r.t0(); t < r.t1(); t++) {
      Instant want = grid.time().at(t);
      Integer idx = byTime.get(want);
      if (idx == null) {
        throw new IOException(
            location
                + " has no timestep "
                + want
                + " (cube timestep "
                + t
                + "); its times: "
                + (times.length == 0
                    ? "none"
                    : times.length <= 4
                        ? Arrays.toString(times)
                        : times[0] + " .. " + times[times.length - 1] + " (" + times.length + ")"));
      }
      out[t - r.t0()] = idx;
    }
    return out;
  }
}
