package org.magg.pipelines.temporal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.magg.core.csv.CsvReader;
import org.magg.core.csv.CsvRow;
import org.magg.io.netcdf.NetcdfClassicWriter;

/**
 * The small temporal fixture the pipeline tests share: a 3 x 4 grid, one half-hour collection
 * {@code A} in daily NetCDF classic files with {@code T = 100 + h + c} at hour {@code h} since
 * 2021-01-01T00:00Z and cell {@code c} (row-major, 4 per row) and {@code P = 1/3600} kg m-2 s-1 (1
 * mm per hour), the region {@code ais} = the southernmost row, unit cell areas, and four events
 * (see {@link TemporalPipelineTest} for the values each should get).
 */
public final class TemporalPipelineFixture {
  private TemporalPipelineFixture() {}

  public static final String CONFIG =
      String.join(
          "\n",
          "pipeline: {type: temporal}",
          "data_source:",
          "  collections:",
          "    A: {half_hour: true, files: 'A/*.nc', time_step: PT1H, variables: [T, P]}",
          "  static_data:",
          "    ais_mask: 'static/region.nc#mask'",
          "    cell_areas: 'static/area.nc#area'",
          "aggregation:",
          "  variables:",
          "    max_T_ais: {variable: T, collection: A, spatial_func: max, temporal_reducer: max,"
              + " mask: ais}",
          "    landfall_T: {variable: T, collection: A, spatial_func: max, temporal_reducer:"
              + " first_landfall, mask: full}",
          "    rain: {variable: P, collection: A, spatial_func: weighted_sum, temporal_reducer: sum,"
              + " mask: full, precip: true}",
          "output: {format: netcdf}",
          "");

  public static final String EVENTS =
      String.join(
          "\n",
          "{\"grid\": {\"lat\": {\"start\": -80, \"step\": 5, \"count\": 3},",
          "          \"lon\": {\"start\": 0, \"step\": 90, \"count\": 4}},",
          " \"events\": [",
          "  {\"id\": \"E1\", \"start\": \"2021-01-01T03:00:00Z\", \"end\": \"2021-01-01T09:00:00Z\",",
          "   \"masks\": {\"2021-01-01T03:00:00Z\": [0, 4], \"2021-01-01T06:00:00Z\": [4, 5],",
          "             \"2021-01-01T09:00:00Z\": [5]}},",
          "  {\"id\": \"E2\", \"start\": \"2021-01-01T12:00:00Z\", \"end\": \"2021-01-01T12:00:00Z\",",
          "   \"masks\": {\"2021-01-01T12:00:00Z\": [11]}},",
          "  {\"id\": \"E3\", \"start\": \"2021-01-01T12:00:00Z\", \"end\": \"2021-01-01T12:00:00Z\",",
          "   \"masks\": {\"2021-01-01T12:00:00Z\": [99]}},",
          "  {\"id\": \"E4\", \"start\": \"2021-01-02T21:00:00Z\", \"end\": \"2021-01-03T03:00:00Z\",",
          "   \"masks\": {\"2021-01-02T21:00:00Z\": [1], \"2021-01-03T00:00:00Z\": [1],",
          "             \"2021-01-03T03:00:00Z\": [1]}}",
          " ]}",
          "");

  static final double[] LAT = {-80, -75, -70};
  static final double[] LON = {0, 90, 180, 270};

  /** Days 1 and 2 of collection A and the static files under {@code root}; day 3 is missing. */
  public static Path writeFields(Path root) throws IOException {
    writeDay(root.resolve("A/day1.nc"), 0);
    writeDay(root.resolve("A/day2.nc"), 1);
    writeStatic(root);
    return root;
  }

  /** One day of the collection: 24 hourly steps stamped hh:30. */
  static void writeDay(Path file, int day) throws IOException {
    int hours = 24;
    double[] time = new double[hours];
    double[] t = new double[hours * 12];
    double[] p = new double[hours * 12];
    for (int k = 0; k < hours; k++) {
      time[k] = k;
      int h = day * 24 + k;
      for (int c = 0; c < 12; c++) {
        t[k * 12 + c] = 100 + h + c;
        p[k * 12 + c] = 1.0 / 3600;
      }
    }
    NetcdfClassicWriter w = coordinates().dimension("time", hours);
    w.doubleVariable("time", List.of("time"), time)
        .attribute("units", "hours since 2021-01-0" + (day + 1) + " 00:30:00");
    w.doubleVariable("T", List.of("time", "lat", "lon"), t).attribute("units", "K");
    w.doubleVariable("P", List.of("time", "lat", "lon"), p).attribute("units", "kg m-2 s-1");
    write(w, file);
  }

  static NetcdfClassicWriter coordinates() {
    NetcdfClassicWriter w = new NetcdfClassicWriter().dimension("lat", 3).dimension("lon", 4);
    w.doubleVariable("lat", List.of("lat"), LAT).attribute("units", "degrees_north");
    w.doubleVariable("lon", List.of("lon"), LON).attribute("units", "degrees_east");
    return w;
  }

  static void write(NetcdfClassicWriter w, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".part");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      w.write(out);
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The region (the southernmost row) and unit cell areas. */
  public static void writeStatic(Path root) throws IOException {
    NetcdfClassicWriter region = coordinates();
    region.doubleVariable(
        "mask", List.of("lat", "lon"), new double[] {1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0});
    write(region, root.resolve("static/region.nc"));
    NetcdfClassicWriter area = coordinates();
    double[] ones = new double[12];
    java.util.Arrays.fill(ones, 1);
    area.doubleVariable("area", List.of("lat", "lon"), ones).attribute("units", "km2");
    write(area, root.resolve("static/area.nc"));
  }

  /** The rows of a CSV written by the project, by event id, each as column -> cell. */
  static Map<String, Map<String, String>> readCsv(Path csv) throws IOException {
    List<CsvRow> lines = CsvReader.readAll(Files.readString(csv), csv.toString());
    List<String> header = lines.get(0).fields();
    Map<String, Map<String, String>> rows = new java.util.LinkedHashMap<>();
    for (CsvRow cells : lines.subList(1, lines.size())) {
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), cells.get(i));
      }
      rows.put(row.get("event_id"), row);
    }
    return rows;
  }
}
