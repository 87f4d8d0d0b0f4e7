package org.magg.io.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.Region;
import org.magg.core.engine.VarDtype;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;
import org.magg.io.zarr.ArrayMetadata;
import org.magg.io.zarr.Compressor;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.FileSystemZarrStore;
import org.magg.io.zarr.NdBuffer;
import org.magg.io.zarr.S3ZarrStore;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrFormat;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStore;
import org.magg.io.zarr.ZarrStores;

/**
 * One variable of the cube as a Zarr store {@code <root>/<name>.zarr}: a root group holding the
 * variable's array (dims {@code (time, lat, lon)} or {@code (lat, lon)}, one chunk per tile and
 * timestep, NaN fill, gzip) and the CF coordinate arrays {@code time} (seconds since 1970-01-01,
 * time variables only), {@code lat} and {@code lon}; dimension names as xarray reads them ({@code
 * _ARRAY_DIMENSIONS} in v2, {@code dimension_names} in v3); metadata consolidated.
 */
final class VariableArray {
  private final VarSpec spec;
  private final CubeGrid grid;
  private final ZarrArray array;

  private VariableArray(VarSpec spec, CubeGrid grid, ZarrArray array) {
    this.spec = spec;
    this.grid = grid;
    this.array = array;
  }

  /** The store's location under the cube's root (a directory or an {@code s3://} prefix). */
  static String location(String root, String variable) {
    return Storage.join(root, variable + ".zarr");
  }

  /** The variable's store under {@code root}: a local directory or an S3 prefix. */
  static ZarrStore store(String root, String variable, S3Settings s3) {
    String where = location(root, variable);
    return Storage.isS3(where)
        ? new S3ZarrStore(S3Location.parse(where), s3)
        : new FileSystemZarrStore(Path.of(where));
  }

  /** Whether {@code store} holds a Zarr group (v2 or v3 metadata at its root). */
  static boolean exists(ZarrStore store) throws IOException {
    return store.exists("zarr.json") || store.exists(".zgroup");
  }

  /**
   * Opens the variable's store, creating it when absent; an existing store must have the shape,
   * dimensions and element type the spec and grid give.
   */
  static VariableArray openOrCreate(ZarrStore store, VarSpec spec, CubeGrid grid, ZarrFormat format)
      throws IOException {
    String dir = store.location();
    long[] shape = shape(spec.kind(), grid);
    List<String> dims = dims(spec.kind());
    DataType type = dataType(spec.dtype());
    if (exists(store)) {
      ZarrArray a = ZarrArray.open(store, spec.name());
      ArrayMetadata m = a.metadata();
      if (!Arrays.equals(m.shape(), shape)
          || !m.dimensionNames().equals(dims)
          || m.dataType() != type) {
        throw new IOException(
            "the cube's store "
                + dir
                + " holds "
                + spec.name()
                + " as "
                + m.dataType()
                + " "
                + m.dimensionNames()
                + " "
                + Arrays.toString(m.shape())
                + " but the grid and variable ask for "
                + type
                + " "
                + dims
                + " "
                + Arrays.toString(shape)
                + "; use another cube root");
      }
      return new VariableArray(spec, grid, a);
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("title", "magg-beam engine cube variable " + spec.name());
    attrs.put("Conventions", "CF-1.8");
    ZarrGroup group = ZarrGroup.create(store, "", format, attrs);
    if (spec.kind() == VarKind.TIME) {
      coordinate(
          group,
          format,
          "time",
          grid.time().epochSeconds(),
          Map.of(
              "units", "seconds since 1970-01-01 00:00:00",
              "calendar", "proleptic_gregorian",
              "standard_name", "time"));
    }
    coordinate(
        group,
        format,
        "lat",
        grid.lat().values(),
        Map.of("units", "degrees_north", "standard_name", "latitude"));
    coordinate(
        group,
        format,
        "lon",
        grid.lon().values(),
        Map.of("units", "degrees_east", "standard_name", "longitude"));
    Map<String, Object> varAttrs = new LinkedHashMap<>();
    if (!spec.units().isEmpty()) {
      varAttrs.put("units", spec.units());
    }
    if (!spec.description().isEmpty()) {
      varAttrs.put("long_name", spec.description());
    }
    varAttrs.put("merge_policy", spec.effectiveMergePolicy().id());
    int[] chunks =
        spec.kind() == VarKind.TIME
            ? new int[] {1, grid.tileLat(), grid.tileLon()}
            : new int[] {grid.tileLat(), grid.tileLon()};
    ZarrArray a =
        group.createArray(
            spec.name(),
            ArrayMetadata.builder()
                .withFormat(format)
                .withShape(shape)
                .withChunkShape(chunks)
                .withDataType(type)
                .withFillValue(Double.NaN)
                .withCompressor(Compressor.gzip(1))
                .withDimensionNames(dims)
                .withAttributes(varAttrs)
                .build());
    ZarrStores.consolidate(store, format);
    return new VariableArray(spec, grid, a);
  }

  private static void coordinate(
      ZarrGroup group, ZarrFormat format, String name, double[] values, Map<String, ?> attrs)
      throws IOException {
    group
        .createArray(
            name,
            ArrayMetadata.builder()
                .withFormat(format)
                .withShape(values.length)
                .withChunkShape(values.length)
                .withDataType(DataType.FLOAT64)
                .withFillValue(Double.NaN)
                .withDimensionNames(name)
                .withAttributes(attrs)
                .build())
        .writeChunk(new long[] {0}, values);
  }

  static long[] shape(VarKind kind, CubeGrid g) {
    return kind == VarKind.TIME
        ? new long[] {g.time().count(), g.lat().count(), g.lon().count()}
        : new long[] {g.lat().count(), g.lon().count()};
  }

  static List<String> dims(VarKind kind) {
    return kind == VarKind.TIME ? List.of("time", "lat", "lon") : List.of("lat", "lon");
  }

  static DataType dataType(VarDtype dtype) {
    return dtype == VarDtype.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
  }

  VarSpec spec() {
    return spec;
  }

  /** The values over {@code region} (its time range ignored for a static variable), C order. */
  double[] read(Region r) throws IOException {
    NdBuffer b =
        spec.kind() == VarKind.TIME
            ? array.read(
                new long[] {r.t0(), r.lat0(), r.lon0()}, new long[] {r.nt(), r.nLat(), r.nLon()})
            : array.read(new long[] {r.lat0(), r.lon0()}, new long[] {r.nLat(), r.nLon()});
    return b.toDoubleArray();
  }

  /**
   * The cells of one tile at timestep {@code t} (ignored for static), as stored: {@code tile.nLat *
   * tile.nLon} values, C order.
   */
  double[] readTile(int t, int tileI, int tileJ) throws IOException {
    NdBuffer chunk = array.readChunk(chunkCoords(t, tileI, tileJ));
    Region tile = grid.tile(0, 1, tileI, tileJ);
    double[] out = new double[tile.cellsPerStep()];
    int k = 0;
    for (int i = 0; i < tile.nLat(); i++) {
      for (int j = 0; j < tile.nLon(); j++) {
        out[k++] = chunk.getDouble(i * grid.tileLon() + j);
      }
    }
    return out;
  }

  /**
   * Writes one tile's cells at timestep {@code t} and returns the bytes stored for them
   * (little-endian, C order, the array's element type), what the content hash is taken of.
   */
  byte[] writeTile(int t, int tileI, int tileJ, double[] values) throws IOException {
    Region tile = grid.tile(0, 1, tileI, tileJ);
    int nLat = tile.nLat();
    int nLon = tile.nLon();
    int full = grid.tileLat() * grid.tileLon();
    boolean f64 = spec.dtype() == VarDtype.FLOAT64;
    ByteBuffer bytes =
        ByteBuffer.allocate(values.length * (f64 ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
    long[] coords = chunkCoords(t, tileI, tileJ);
    if (f64) {
      double[] chunk = new double[full];
      Arrays.fill(chunk, Double.NaN);
      for (int i = 0; i < nLat; i++) {
        for (int j = 0; j < nLon; j++) {
          double v = values[i * nLon + j];
          chunk[i * grid.tileLon() + j] = v;
          bytes.putDouble(v);
        }
      }
      array.writeChunk(coords, chunk);
    } else {
      float[] chunk = new float[full];
      Arrays.fill(chunk, Float.NaN);
      for (int i = 0; i < nLat; i++) {
        for (int j = 0; j < nLon; j++) {
          float v = (float) values[i * nLon + j];
          chunk[i * grid.tileLon() + j] = v;
          bytes.putFloat(v);
        }
      }
      array.writeChunk(coords, chunk);
    }
    return bytes.array();
  }

  private long[] chunkCoords(int t, int tileI, int tileJ) {
    return spec.kind() == VarKind.TIME ? new long[] {t, tileI, tileJ} : new long[] {tileI, tileJ};
  }
}
