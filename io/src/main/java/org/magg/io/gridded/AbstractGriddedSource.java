package org.magg.io.gridded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every format shares: finding the axes, checking a variable's dimensions, CF decoding and
 * putting the dimensions in (lev, lat, lon) order. A format supplies variable descriptions and raw
 * reads of boxes.
 */
abstract class AbstractGriddedSource implements GriddedSource {
  final String location;
  final SourceOptions options;
  private final Map<String, VariableInfo> infos = new HashMap<>();
  private final Map<String, Packing> packings = new HashMap<>();

  /**
   * Stored values of whole time chunks, one per variable: when a chunk holds several timesteps it
   * is read (and inflated) once, not once per timestep. Chunks larger than this are read per step.
   */
  static final long BLOCK_VALUES_LIMIT = 4L << 20;

  private final Map<String, Block> blocks = new HashMap<>();

  /** The stored values of timesteps [start, start + count) of a variable. */
  private record Block(int start, int count, double[] stored) {}

  private double[] lat;
  private double[] lon;
  private double[] levels;
  private Instant[] times;

  AbstractGriddedSource(String location, SourceOptions options) {
    this.location = location;
    this.options = options;
  }

  /** The description of a variable, or null when there is none of this name. */
  abstract VariableInfo describe(String name) throws IOException;

  /** Every variable, coordinates included, for listing and messages. */
  abstract List<String> allVariables() throws IOException;

  /** The stored values of a box of a variable, in C order, before any CF decoding. */
  abstract double[] readStored(VariableInfo v, long[] offset, int[] shape) throws IOException;

  /** A fill value the format declares besides the attributes (Zarr's fill_value), or NaN. */
  double formatFill(VariableInfo v) {
    return Double.NaN;
  }

  /**
   * How many timesteps one stored chunk of the variable holds along its time dimension (1 when each
   * timestep is stored apart, or the format reads timesteps independently).
   */
  int timeChunk(VariableInfo v, int timeDim) throws IOException {
    return 1;
  }

  /** The variable a coordinate name designates (HDF5 searches groups), or the name itself. */
  String resolveCoordinate(String name) throws IOException {
    return name;
  }

  @Override
  public String location() {
    return location;
  }

  final List<String> variablesIO() throws IOException {
    List<String> coords = new ArrayList<>();
    for (String c : List.of(options.lat(), options.lon(), options.time(), options.lev())) {
      coords.add(resolveCoordinate(c));
    }
    List<String> out = new ArrayList<>();
    for (String v : allVariables()) {
      if (!coords.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  private static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e.getMessage(), e);
  }

  @Override
  public List<String> variables() {
    try {
      return variablesIO();
    } catch (IOException e) {
      throw unchecked(e);
    }
  }

  @Override
  public double[] lat() {
    try {
      return latIO();
    } catch (IOException e) {
      throw unchecked(e);
    }
  }

  @Override
  public double[] lon() {
    try {
      return lonIO();
    } catch (IOException e) {
      throw unchecked(e);
    }
  }

  @Override
  public double[] levels() {
    try {
      return levelsIO();
    } catch (IOException e) {
      throw unchecked(e);
    }
  }

  @Override
  public Instant[] times() {
    try {
      return timesIO();
    } catch (IOException e) {
      throw unchecked(e);
    }
  }

  /** The variable's description; fails naming the file and listing the variables it has. */
  final VariableInfo info(String name) throws IOException {
    VariableInfo v = infos.get(name);
    if (v == null) {
      v = describe(name);
      if (v == null) {
        throw new IOException(
            location
                + " has no variable '"
                + name
                + "' (variables: "
                + String.join(", ", allVariables())
                + ")");
      }
      infos.put(name, v);
    }
    return v;
  }

  private Packing packing(VariableInfo v) {
    return packings.computeIfAbsent(
        v.name(), n -> Packing.of(v, formatFill(v), location + " variable " + n));
  }

  /** A 1-D coordinate, decoded; null when absent and not required. */
  private double[] coordinate(String optionName, String what, boolean required) throws IOException {
    String name = resolveCoordinate(optionName);
    VariableInfo v = describe(name);
    if (v == null) {
      if (!required) {
        return null;
      }
      throw new IOException(
          location
              + " has no "
              + what
              + " variable '"
              + optionName
              + "' (variables: "
              + String.join(", ", allVariables())
              + "); set the coordinate names if the file uses others");
    }
    if (v.rank() != 1) {
      throw new IOException(
          location
              + ": the "
              + what
              + " variable '"
              + name
              + "' has dimensions ("
              + String.join(", ", v.dims())
              + "), expected one dimension (only regular lat/lon grids with 1-D axes are read)");
    }
    double[] values = readStored(v, new long[1], new int[] {Math.toIntExact(v.shape()[0])});
    packing(v).decode(values);
    return values;
  }

  final double[] latIO() throws IOException {
    if (lat == null) {
      lat = coordinate(options.lat(), "latitude", true);
    }
    return lat;
  }

  final double[] lonIO() throws IOException {
    if (lon == null) {
      lon = coordinate(options.lon(), "longitude", true);
    }
    return lon;
  }

  final double[] levelsIO() throws IOException {
    if (levels == null) {
      double[] l = coordinate(options.lev(), "level", false);
      levels = l == null ? new double[0] : l;
    }
    return levels;
  }

  final Instant[] timesIO() throws IOException {
    if (times == null) {
      String name = resolveCoordinate(options.time());
      VariableInfo v = describe(name);
      if (v == null) {
        times = new Instant[0];
      } else {
        String where = location + " time variable '" + name + "'";
        CfTime cf = CfTime.parse(v.text("units"), v.text("calendar"), options.calendar(), where);
        double[] values = coordinate(options.time(), "time", true);
        times = cf.decode(values, where);
      }
    }
    return times.clone();
  }

  private static String dimName(String coordinate) {
    return coordinate.substring(coordinate.lastIndexOf('/') + 1);
  }

  /** Where time, the level-like dimension, lat and lon sit among a variable's dimensions. */
  private record Layout(int time, int level, int lat, int lon) {}

  private Layout layout(VariableInfo v, boolean timed) throws IOException {
    int t = -1;
    int k = -1;
    int y = -1;
    int x = -1;
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < v.rank(); i++) {
      String d = v.dims().get(i);
      if (d.equals(dimName(options.time())) && t < 0) {
        t = i;
      } else if (d.equals(dimName(options.lev())) && k < 0) {
        k = i;
      } else if (d.equals(dimName(options.lat())) && y < 0) {
        y = i;
      } else if (d.equals(dimName(options.lon())) && x < 0) {
        x = i;
      } else {
        others.add(i);
      }
    }
    String dims = "(" + String.join(", ", v.dims()) + ")";
    String where = location + ": variable '" + v.name() + "' has dimensions " + dims;
    if (y < 0 || x < 0) {
      throw new IOException(
          where
              + ", expected "
              + dimName(options.lat())
              + " and "
              + dimName(options.lon())
              + " among them (set the coordinate names if the file uses others)");
    }
    if (timed) {
      if (t < 0) {
        throw new IOException(
            where
                + ", expected a time dimension '"
                + dimName(options.time())
                + "' (read variables without time with readStatic)");
      }
      if (!others.isEmpty()) {
        throw new IOException(
            where
                + ", expected only "
                + dimName(options.time())
                + ", "
                + dimName(options.lev())
                + " (optional), "
                + dimName(options.lat())
                + " and "
                + dimName(options.lon()));
      }
    } else {
      if (t >= 0) {
        others.add(t);
      }
      if (k >= 0) {
        others.add(k);
      }
      if (others.size() > 1) {
        throw new IOException(
            where
                + ", expected "
                + dimName(options.lat())
                + ", "
                + dimName(options.lon())
                + " and at most one other dimension for a static field");
      }
      k = others.isEmpty() ? -1 : others.get(0);
      t = -1;
    }
    checkLength(v, y, latIO().length, "latitude");
    checkLength(v, x, lonIO().length, "longitude");
    return new Layout(t, k, y, x);
  }

  private void checkLength(VariableInfo v, int dim, int expected, String what) throws IOException {
    if (v.shape()[dim] != expected) {
      throw new IOException(
          location
              + ": variable '"
              + v.name()
              + "' has "
              + v.shape()[dim]
              + " values along "
              + v.dims().get(dim)
              + ", the "
              + what
              + " variable has "
              + expected);
    }
  }

  /**
   * Checks, without reading data, that a variable can be read by time: it exists, its dimensions
   * are time, lat, lon and optionally lev, and it has one value per timestep of the time axis.
   */
  void checkTimed(String variable) throws IOException {
    VariableInfo v = info(variable);
    Layout l = layout(v, true);
    int nt = timesIO().length;
    if (v.shape()[l.time()] != nt) {
      throw new IOException(
          location
              + ": variable '"
              + variable
              + "' has "
              + v.shape()[l.time()]
              + " timesteps, the time variable has "
              + nt);
    }
  }

  @Override
  public GridSlice read(String variable, int timeIndex) throws IOException {
    VariableInfo v = info(variable);
    Layout l = layout(v, true);
    long nt = v.shape()[l.time()];
    if (timeIndex < 0 || timeIndex >= nt) {
      throw new IndexOutOfBoundsException(
          location
              + ": time index "
              + timeIndex
              + " of variable '"
              + variable
              + "' is outside 0.."
              + (nt - 1));
    }
    return slice(v, l, timeIndex);
  }

  @Override
  public GridSlice readStatic(String variable) throws IOException {
    VariableInfo v = info(variable);
    return slice(v, layout(v, false), -1);
  }

  /**
   * The stored values of one timestep cut from its cached time chunk, reading the chunk when it is
   * not the cached one; null when chunks hold single timesteps or are too large to keep.
   */
  private double[] readTimestep(
      VariableInfo v, int timeDim, int timeIndex, long[] offset, int[] shape) throws IOException {
    int ct = timeChunk(v, timeDim);
    if (ct <= 1) {
      return null;
    }
    long nt = v.shape()[timeDim];
    long perStep = 1;
    for (int d = 0; d < shape.length; d++) {
      perStep *= d == timeDim ? 1 : shape[d];
    }
    int start = (timeIndex / ct) * ct;
    int count = (int) Math.min(ct, nt - start);
    if (count * perStep > BLOCK_VALUES_LIMIT) {
      return null;
    }
    Block b = blocks.get(v.name());
    int[] blockShape = shape.clone();
    blockShape[timeDim] = count;
    if (b == null || b.start() != start) {
      long[] blockOffset = offset.clone();
      blockOffset[timeDim] = start;
      b = new Block(start, count, readStored(v, blockOffset, blockShape));
      blocks.put(v.name(), b);
    }
    int k = timeIndex - start;
    if (timeDim == 0) {
      int from = Math.toIntExact(k * perStep);
      return Arrays.copyOfRange(b.stored(), from, Math.toIntExact(from + perStep));
    }
    long[] full = new long[shape.length];
    long[] at = new long[shape.length];
    for (int d = 0; d < shape.length; d++) {
      full[d] = blockShape[d];
    }
    at[timeDim] = k;
    return Boxes.extract(b.stored(), full, at, shape);
  }

  private GridSlice slice(VariableInfo v, Layout l, int timeIndex) throws IOException {
    int rank = v.rank();
    long[] offset = new long[rank];
    int[] shape = new int[rank];
    for (int d = 0; d < rank; d++) {
      shape[d] = Math.toIntExact(v.shape()[d]);
    }
    if (l.time() >= 0) {
      offset[l.time()] = timeIndex;
      shape[l.time()] = 1;
    }
    double[] values;
    try {
      values = l.time() >= 0 ? readTimestep(v, l.time(), timeIndex, offset, shape) : null;
      if (values == null) {
        values = readStored(v, offset, shape);
      }
    } catch (IOException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IOException(
          location
              + ": cannot read variable '"
              + v.name()
              + "'"
              + (timeIndex >= 0 ? " at time index " + timeIndex : "")
              + ": "
              + e.getMessage(),
          e);
    }
    packing(v).decode(values);
    int ny = shape[l.lat()];
    int nx = shape[l.lon()];
    int nk = l.level() >= 0 ? shape[l.level()] : 1;
    long[] strides = new long[rank];
    long s = 1;
    for (int d = rank - 1; d >= 0; d--) {
      strides[d] = s;
      s *= shape[d];
    }
    long sk = l.level() >= 0 ? strides[l.level()] : 0;
    long sy = strides[l.lat()];
    long sx = strides[l.lon()];
    double[] lat = latIO();
    double[] lon = lonIO();
    if (sx == 1 && sy == nx && (nk == 1 || sk == (long) ny * nx)) {
      return new GridSlice(lat, lon, nk, values);
    }
    double[] out = new double[values.length];
    int o = 0;
    for (int k = 0; k < nk; k++) {
      for (int y = 0; y < ny; y++) {
        long base = k * sk + y * sy;
        for (int x = 0; x < nx; x++) {
          out[o++] = values[(int) (base + x * sx)];
        }
      }
    }
    return new GridSlice(lat, lon, nk, out);
  }
}
