package org.magg.pipelines.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.magg.io.netcdf.NetcdfClassicWriter;

/**
 * Small NetCDF inputs and an engine config over them, values known by construction. The grid is 6
 * lat x 8 lon cells of 1 degree (lat 30..35, lon -120..-113) in tiles of 4 x 4 (2 x 2 tiles, the
 * last lat tile 2 rows), 3 hourly timesteps from 2021-07-01T00:00Z.
 *
 * <ul>
 *   <li>{@code inputs/dem.nc}: {@code z(lat, lon) = 100 i + j + offset} (static);
 *   <li>{@code inputs/t2m.nc}: {@code t2m(time, lat, lon) = 280 + h + 0.5 i + 0.25 j}, at hours
 *       {@code h} = -1, 0, 1, 2 since 2021-07-01T00:00Z: the cube's timesteps are the file's
 *       indices 1..3, matched by the time coordinate.
 * </ul>
 */
final class EngineFixture {
  static final int NLAT = 6;
  static final int NLON = 8;
  static final int STEPS = 3;

  static final String CONFIG =
      String.join(
          "\n",
          "pipeline: {type: engine}",
          "cube:",
          "  root: cube",
          "  zarr_format: 2",
          "  grid: {lat: {start: 30.0, step: 1.0, count: 6}, lon: {start: -120.0, step: 1.0,"
              + " count: 8}}",
          "  tile: {lat: 4, lon: 4}",
          "  time: {start: \"2021-07-01T00:00:00Z\", step: PT1H, count: 3}",
          "variables:",
          "  elevation:   {kind: static, dtype: float32, units: m}",
          "  temperature: {kind: time, dtype: float32, units: K}",
          "  heat_index:  {kind: time, dtype: float64, units: K, merge: last_writer}",
          "producers:",
          "  dem:   {type: file, produces: [elevation], source: \"inputs/dem.nc#z\"}",
          "  temps: {type: file, produces: [temperature], source: \"inputs/t2m.nc#t2m\"}",
          "  heat:  {type: expression, needs: [elevation, temperature], produces: [heat_index],",
          "          expression: \"temperature - 0.0065 * elevation\","
              + " capabilities: {tile_parallel: true}}",
          "");

  private EngineFixture() {}

  /** Writes the inputs and the config under {@code dir}; returns the config file. */
  static Path write(Path dir) throws IOException {
    return write(dir, CONFIG);
  }

  static Path write(Path dir, String config) throws IOException {
    Files.createDirectories(dir.resolve("inputs"));
    writeDem(dir, 0);
    writeT2m(dir);
    Path file = dir.resolve("engine.yaml");
    Files.writeString(file, config);
    return file;
  }

  static double elevation(int i, int j, double offset) {
    return 100 * i + j + offset;
  }

  static double temperature(int t, int i, int j) {
    return 280 + t + 0.5 * i + 0.25 * j;
  }

  static void writeDem(Path dir, double offset) throws IOException {
    NetcdfClassicWriter w = coordinates();
    double[] z = new double[NLAT * NLON];
    for (int i = 0; i < NLAT; i++) {
      for (int j = 0; j < NLON; j++) {
        z[i * NLON + j] = elevation(i, j, offset);
      }
    }
    w.doubleVariable("z", List.of("lat", "lon"), z).attribute("units", "m");
    write(w, dir.resolve("inputs/dem.nc"));
  }

  static void writeT2m(Path dir) throws IOException {
    NetcdfClassicWriter w = coordinates().dimension("time", 4);
    w.doubleVariable("time", List.of("time"), new double[] {-1, 0, 1, 2})
        .attribute("units", "hours since 2021-07-01 00:00:00");
    double[] v = new double[4 * NLAT * NLON];
    for (int h = -1; h <= 2; h++) {
      for (int i = 0; i < NLAT; i++) {
        for (int j = 0; j < NLON; j++) {
          v[((h + 1) * NLAT + i) * NLON + j] = temperature(h, i, j);
        }
      }
    }
    w.doubleVariable("t2m", List.of("time", "lat", "lon"), v).attribute("units", "K");
    write(w, dir.resolve("inputs/t2m.nc"));
  }

  static NetcdfClassicWriter coordinates() {
    NetcdfClassicWriter w = new NetcdfClassicWriter().dimension("lat", NLAT).dimension("lon", NLON);
    double[] lat = new double[NLAT];
    for (int i = 0; i < NLAT; i++) {
      lat[i] = 30 + i;
    }
    double[] lon = new double[NLON];
    for (int j = 0; j < NLON; j++) {
      lon[j] = -120 + j;
    }
    w.doubleVariable("lat", List.of("lat"), lat).attribute("units", "degrees_north");
    w.doubleVariable("lon", List.of("lon"), lon).attribute("units", "degrees_east");
    return w;
  }

  private static void write(NetcdfClassicWriter w, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      w.write(out);
    }
  }
}
