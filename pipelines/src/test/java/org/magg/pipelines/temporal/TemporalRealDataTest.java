package org.magg.pipelines.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.netcdf.NetcdfClassicWriter;
import org.magg.pipelines.cli.MaggCli;
import org.magg.testing.SharedData;
import org.magg.testing.ZarrReaders;

/**
 * {@code magg run} on the real MERRA-2 subset (PS, 2 half-hour steps on a 21 x 17 grid), with an
 * event covering the whole subset at both (shifted) hours and unit cell areas: the area-weighted
 * sum over the event is the sum of PS over both timesteps, and the weighted mean that sum over the
 * valid cells, both computed independently by h5py ({@code real_expected.json} of the gridded IO
 * tests: 35,570,026.625 + 35,597,840.1015625). Written as NetCDF and as Zarr (read back by
 * zarr-python when installed).
 */
class TemporalRealDataTest {
  private static final double SUM_T0 = 35570026.625;
  private static final double SUM_T1 = 35597840.1015625;
  private static final int VALID = 357; // per timestep, all cells

  @TempDir Path dir;

  private String config(String format) {
    return String.join(
        "\n",
        "pipeline: {type: temporal}",
        "data_source:",
        "  collections:",
        "    SLV: {half_hour: true, time_step: PT1H, variables: [PS]}",
        "  static_data:",
        "    cell_areas: 'static/area.nc#area'",
        "aggregation:",
        "  variables:",
        "    total_PS: {variable: PS, collection: SLV, spatial_func: weighted_sum,"
            + " temporal_reducer: sum, mask: full}",
        "    mean_PS: {variable: PS, collection: SLV, spatial_func: weighted_mean,"
            + " temporal_reducer: weighted_mean, mask: full}",
        "output: {format: " + format + "}",
        "");
  }

  private Path setUp(String format) throws Exception {
    Path merra = SharedData.require("data/merra2/M2T1NXSLV_geo_temporal.nc4");
    Path fields = dir.resolve("fields");
    double[] lat = new double[21];
    double[] lon = new double[17];
    for (int i = 0; i < 21; i++) {
      lat[i] = -30 + 0.5 * i;
    }
    for (int j = 0; j < 17; j++) {
      lon[j] = 40 + 0.625 * j;
    }
    NetcdfClassicWriter area = new NetcdfClassicWriter().dimension("lat", 21).dimension("lon", 17);
    area.doubleVariable("lat", List.of("lat"), lat).attribute("units", "degrees_north");
    area.doubleVariable("lon", List.of("lon"), lon).attribute("units", "degrees_east");
    double[] ones = new double[21 * 17];
    java.util.Arrays.fill(ones, 1);
    area.doubleVariable("area", List.of("lat", "lon"), ones).attribute("units", "m2");
    TemporalPipelineFixture.write(area, fields.resolve("static/area.nc"));
    String cells =
        IntStream.range(0, 21 * 17).mapToObj(Integer::toString).collect(Collectors.joining(","));
    Files.writeString(
        dir.resolve("events.json"),
        "{\"grid\": {\"lat\": {\"start\": -30, \"step\": 0.5, \"count\": 21},"
            + " \"lon\": {\"start\": 40, \"step\": 0.625, \"count\": 17}},"
            + " \"events\": [{\"id\": \"whole-subset\", \"start\": \"2021-01-10T01:00:00Z\","
            + " \"end\": \"2021-01-10T02:00:00Z\", \"masks\": {"
            + "\"2021-01-10T01:00:00Z\": ["
            + cells
            + "], \"2021-01-10T02:00:00Z\": ["
            + cells
            + "]}}]}");
    Files.writeString(dir.resolve("config.yaml"), config(format));
    return merra;
  }

  private int run(Path merra, StringWriter out) {
    return MaggCli.execute(
        new PrintWriter(out, true),
        new PrintWriter(out, true),
        "run",
        "--config",
        dir.resolve("config.yaml").toString(),
        "--events",
        dir.resolve("events.json").toString(),
        "--fields",
        dir.resolve("fields").toString(),
        "--collection",
        "SLV=" + merra,
        "--output",
        dir.resolve("out").toString(),
        "--summary-json",
        dir.resolve("summary.json").toString());
  }

  @Test
  void netcdfTableHoldsTheH5pySums() throws Exception {
    Path merra = setUp("netcdf");
    StringWriter out = new StringWriter();
    assertEquals(0, run(merra, out), out.toString());
    Map<String, Map<String, String>> rows =
        TemporalPipelineFixture.readCsv(dir.resolve("out/events.csv"));
    Map<String, String> r = rows.get("whole-subset");
    assertEquals("ok", r.get("status"), r.toString());
    assertEquals(SUM_T0 + SUM_T1, Double.parseDouble(r.get("total_PS")), 1e-3);
    assertEquals((SUM_T0 + SUM_T1) / (2 * VALID), Double.parseDouble(r.get("mean_PS")), 1e-9);
    assertEquals("2", r.get("timesteps"));
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertEquals(1, summary.get("statuses").get("ok").asInt());
    assertEquals(2, summary.get("timesteps_read").asInt());
    assertTrue(summary.get("bytes_read").asLong() > 0);
    assertTrue(
        out.toString().contains("events: 1 = ok 1 + incomplete 0 + failed 0"), out.toString());
  }

  @Test
  void zarrTableReadsBackWithZarrPython() throws Exception {
    Path merra = setUp("zarr");
    StringWriter out = new StringWriter();
    assertEquals(0, run(merra, out), out.toString());
    Path store = dir.resolve("out/events.zarr");
    assertTrue(Files.isDirectory(store), out.toString());
    JsonNode z =
        ZarrReaders.zarrPython(store, List.of(""), List.of("total_PS", "timesteps"), List.of(""));
    assertEquals(
        SUM_T0 + SUM_T1,
        ZarrReaders.number(z.get("arrays").get("total_PS").get("values").get(0)),
        1e-3);
    assertEquals(2, z.get("arrays").get("timesteps").get("values").get(0).asInt());
    assertEquals(
        "whole-subset", z.get("groups").get("").get("attrs").get("event_ids").get(0).asText());
    assertEquals(
        List.of("event"),
        List.of(
            z.get("xarray").get("").get("variables").get("total_PS").get("dims").get(0).asText()));
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    Path merra = setUp("netcdf");
    StringWriter out = new StringWriter();
    int code =
        MaggCli.execute(
            new PrintWriter(out, true),
            new PrintWriter(out, true),
            "run",
            "--config",
            dir.resolve("config.yaml").toString(),
            "--fields",
            dir.resolve("fields").toString(),
            "--collection",
            "SLV=" + merra,
            "--output",
            dir.resolve("out").toString());
    assertEquals(2, code, out.toString());
    assertTrue(out.toString().contains("--events"), out.toString());
  }
}
