package org.magg.io.gridded;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.magg.io.zarr.ArrayMetadata;
import org.magg.io.zarr.Compressor;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrFormat;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStore;
import org.magg.io.zarr.ZarrStores;

/**
 * Synthetic hourly MERRA-2-like files on the 0.5 x 0.625 degree grid (361 x 576), for tests and
 * measurements: {@code T(time, lat, lon)} float32 with {@link #value} at every cell, time in
 * minutes since {@code <day> 00:30:00}, one chunk per timestep. HDF5 files are written with jhdf
 * (datasets carry a {@code DimensionNames} attribute instead of dimension scales, which jhdf does
 * not write); Zarr stores with the project's writer.
 */
final class SyntheticGrids {
  static final int NLAT = 361;
  static final int NLON = 576;

  private SyntheticGrids() {}

  /** T at timestep t (hours after the first), lat index y, lon index x. */
  static float value(int t, int y, int x) {
    double lat = -90 + 0.5 * y;
    return (float) (250 + 30 * Math.cos(Math.toRadians(lat)) + 0.01 * t + (x % 7) * 0.1);
  }

  static double[] lat() {
    double[] lat = new double[NLAT];
    for (int y = 0; y < NLAT; y++) {
      lat[y] = -90 + 0.5 * y;
    }
    return lat;
  }

  static double[] lon() {
    double[] lon = new double[NLON];
    for (int x = 0; x < NLON; x++) {
      lon[x] = -180 + 0.625 * x;
    }
    return lon;
  }

  static String units(Instant day) {
    return "minutes since " + day.toString().substring(0, 10) + " 00:30:00";
  }

  /** A NetCDF-4-like HDF5 file of {@code hours} timesteps, chunked per timestep and deflated. */
  static void writeHdf5(Path path, Instant day, int hours) {
    float[][][] t = new float[hours][NLAT][NLON];
    for (int h = 0; h < hours; h++) {
      for (int y = 0; y < NLAT; y++) {
        for (int x = 0; x < NLON; x++) {
          t[h][y][x] = value(h, y, x);
        }
      }
    }
    int[] minutes = new int[hours];
    for (int h = 0; h < hours; h++) {
      minutes[h] = 60 * h;
    }
    try (WritableHdfFile f = HdfFile.write(path)) {
      WritableDataset time = f.putDataset("time", minutes);
      time.putAttribute("units", units(day));
      f.putDataset("lat", lat()).putAttribute("units", "degrees_north");
      f.putDataset("lon", lon()).putAttribute("units", "degrees_east");
      WritableDataset ds =
          f.putDataset(
              "T",
              t,
              DatasetCreationOptions.builder().chunkDimensions(1, NLAT, NLON).deflate(4).build());
      ds.putAttribute("DimensionNames", "time,lat,lon");
      ds.putAttribute("units", "K");
      ds.putAttribute("_FillValue", new float[] {1e15f});
    }
  }

  /** The same content as a Zarr store (zstd level 3, one chunk per timestep). */
  static void writeZarr(Path path, ZarrFormat format, Instant day, int hours) throws IOException {
    ZarrStore store = ZarrStores.open(path.toString());
    ZarrGroup root = ZarrGroup.create(store, "", format, Map.of());
    ZarrArray time =
        root.createArray(
            "time",
            ArrayMetadata.builder()
                .withFormat(format)
                .withShape(hours)
                .withChunkShape(hours)
                .withDataType(DataType.INT32)
                .withFillValue(0L)
                .withDimensionNames("time")
                .withAttributes(Map.of("units", units(day)))
                .build());
    int[] minutes = new int[hours];
    for (int h = 0; h < hours; h++) {
      minutes[h] = 60 * h;
    }
    time.writeChunk(new long[] {0}, minutes);
    for (String axis : new String[] {"lat", "lon"}) {
      double[] v = axis.equals("lat") ? lat() : lon();
      root.createArray(
              axis,
              ArrayMetadata.builder()
                  .withFormat(format)
                  .withShape(v.length)
                  .withChunkShape(v.length)
                  .withDataType(DataType.FLOAT64)
                  .withFillValue(Double.NaN)
                  .withDimensionNames(axis)
                  .build())
          .writeChunk(new long[] {0}, v);
    }
    ZarrArray t =
        root.createArray(
            "T",
            ArrayMetadata.builder()
                .withFormat(format)
                .withShape(hours, NLAT, NLON)
                .withChunkShape(1, NLAT, NLON)
                .withDataType(DataType.FLOAT32)
                .withFillValue(Double.NaN)
                .withCompressor(Compressor.zstd(3))
                .withDimensionNames("time", "lat", "lon")
                .build());
    float[] chunk = new float[NLAT * NLON];
    for (int h = 0; h < hours; h++) {
      for (int y = 0; y < NLAT; y++) {
        for (int x = 0; x < NLON; x++) {
          chunk[y * NLON + x] = value(h, y, x);
        }
      }
      t.writeChunk(new long[] {h, 0, 0}, chunk);
    }
  }
}
