package org.magg.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.config.ConfigLoader;
import org.magg.config.TemporalConfig;
import org.magg.io.netcdf.NetcdfClassicFile;
import org.magg.io.netcdf.NetcdfClassicWriter;

/**
 * The temporal pipeline end to end on a 3 x 4 grid: one half-hour collection (files per day, NetCDF
 * classic), a region (the southernmost row), unit cell areas and four events. Every expected value
 * is worked out by hand in the comments from the rules of the README (regular metrics at the
 * event's mask times, first landfall, precipitation summed per hour under the rolling 24 h union of
 * masks).
 *
 * <p>Fields: {@code T = 100 + h + c} at hour {@code h} since 2021-01-01T00:00Z and cell {@code c}
 * (row-major, 4 per row); {@code P = 1/3600} kg m-2 s-1 everywhere (1 mm per hour).
 */
class TemporalPipelineTest {
  private static final String CONFIG =
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

  static final String EVENTS =
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

  @TempDir Path dir;

  static final double[] LAT = {-80, -75, -70};
  static final double[] LON = {0, 90, 180, 270};

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

  private Path fields() throws IOException {
    Path root = dir.resolve("fields");
    writeDay(root.resolve("A/day1.nc"), 0);
    writeDay(root.resolve("A/day2.nc"), 1);
    // day 3 is missing: E4 is incomplete
    writeStatic(root);
    return root;
  }

  /** The region (the southernmost row) and unit cell areas. */
  static void writeStatic(Path root) throws IOException {
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

  @Test
  void eventTableMatchesHandComputedValues() throws Exception {
    Path root = fields();
    Path events = dir.resolve("events.json");
    Files.writeString(events, EVENTS);
    TemporalConfig config = (TemporalConfig) ConfigLoader.parseAny(CONFIG, "test");
    Path out = dir.resolve("out");
    TemporalPipeline.Plan plan =
        TemporalPipeline.plan(
            config, TemporalRunOptions.batch(events.toString(), root.toString(), out.toString()));
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    TemporalPipeline.Outputs outputs = TemporalPipeline.build(p, plan);
    outputs
        .rows()
        .apply(
            org.magg.io.EventTableIO.write(
                out.toString(),
                plan.metricNames(),
                List.of("E1", "E2", "E3", "E4"),
                "netcdf",
                plan.s3()));
    // a missing day is no failure of any file: E4 reports it
    org.apache.beam.sdk.testing.PAssert.that(outputs.failures()).empty();
    org.apache.beam.sdk.PipelineResult result = p.run();
    result.waitUntilFinish();
    // each field timestep is read once although E1 and E2 overlap from 12h to 35h: the range
    // read is 03h (E1's start) to 71h (E4's last block), of which 03h..47h exist: 45 timesteps,
    // while the events took 33 + 27 + 3 = 63 steps from them
    Map<String, Long> counters = RunMetrics.countersUnder(result, "");
    assertEquals(45L, counters.get("gridded/A/timesteps_read"), counters.toString());
    assertEquals(63L, counters.get("temporal/event_steps"), counters.toString());

    Map<String, Map<String, String>> rows = readCsv(out.resolve("events.csv"));
    assertEquals(List.of("E1", "E2", "E3", "E4"), List.copyOf(rows.keySet()));

    Map<String, String> e1 = rows.get("E1");
    assertEquals("ok", e1.get("status"), e1.toString());
    // max over ais at the mask times: 03h {0} -> 100 + 3 + 0; 06h and 09h have no ais cell
    assertEquals(103.0, Double.parseDouble(e1.get("max_T_ais")));
    // first landfall at 03h: max over the full mask {0, 4} = 100 + 3 + 4
    assertEquals(107.0, Double.parseDouble(e1.get("landfall_T")));
    // blocks b (3 hours of 1 mm on each cell of the union of masks in [b - 21 h, b]):
    // b03 {0,4}: 6; b06 {0,4,5}: 9; b09..b24 (6 blocks) {0,4,5}: 54; b27 {4,5}: 6; b30 {5}: 3;
    // b33: 0 -> 78
    assertEquals(78.0, Double.parseDouble(e1.get("rain")), 1e-9);
    // hourly steps from 03h to 35h (the last block, b33, ends at 35h)
    assertEquals("33", e1.get("timesteps"));

    Map<String, String> e2 = rows.get("E2");
    assertEquals("ok", e2.get("status"), e2.toString());
    assertEquals("", e2.get("max_T_ais")); // never over ais: NaN, written empty
    assertEquals("", e2.get("landfall_T"));
    // blocks b12..b33 (8) hold the 12h mask {11}: 8 * 3 = 24; b36 holds nothing
    assertEquals(24.0, Double.parseDouble(e2.get("rain")), 1e-9);
    assertEquals("27", e2.get("timesteps")); // 12h .. 38h

    Map<String, String> e3 = rows.get("E3");
    assertEquals("failed", e3.get("status"));
    assertTrue(e3.get("reason").contains("99"), e3.get("reason"));

    Map<String, String> e4 = rows.get("E4");
    assertEquals("incomplete", e4.get("status"), e4.toString());
    assertTrue(e4.get("reason").contains("A: "), e4.get("reason"));
    assertTrue(e4.get("reason").contains("2021-01-03T00:00:00Z"), e4.get("reason"));
    // only 21h of day 2 is a mask time with data: cell 1 at hour 45 -> 100 + 45 + 1
    assertEquals(146.0, Double.parseDouble(e4.get("max_T_ais")));

    try (NetcdfClassicFile nc = NetcdfClassicFile.open(out.resolve("events.nc"))) {
      assertEquals(List.of("E1", "E2", "E3", "E4"), nc.readStrings("event_id"));
      assertEquals(78.0, nc.readDoubles("rain")[0], 1e-9);
      assertEquals(33.0, nc.readDoubles("timesteps")[0]);
    }
  }

  static Map<String, Map<String, String>> readCsv(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    String[] header = lines.get(0).split(",", -1);
    Map<String, Map<String, String>> rows = new java.util.LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> cells = splitCsv(line);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells.get(i));
      }
      rows.put(row.get("event_id"), row);
    }
    return rows;
  }

  private static List<String> splitCsv(String line) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cur.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    out.add(cur.toString());
    return out;
  }

  static Instant at(String iso) {
    return Instant.parse(iso);
  }
}
