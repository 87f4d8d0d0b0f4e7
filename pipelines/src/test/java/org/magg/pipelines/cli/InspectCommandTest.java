package org.magg.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.engine.Axis;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.Field;
import org.magg.core.engine.Region;
import org.magg.core.engine.TimeAxis;
import org.magg.core.engine.VarDtype;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.Cube;

/**
 * {@code magg inspect} on the outputs the other tests produce, its figures checked against the
 * files read another way: chunk counts from the shapes in the metadata documents and the chunk
 * files on disk, value ranges from the raw chunk bytes, CDF ranges from the REACH input worked out
 * by hand, the event figures from the fixture's blobs.
 */
class InspectCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path spatial;
  private static Path events;
  private static Path cdf;

  @BeforeAll
  static void outputs(@TempDir Path dir) throws IOException {
    spatial = SampleOutputs.spatialStore(dir.resolve("s"));
    events = SampleOutputs.eventOutput(dir.resolve("e"));
    cdf = SampleOutputs.reachCdf(dir.resolve("h"));
  }

  private static JsonNode json(Path p) throws IOException {
    CliRun r = CliRun.of("inspect", p.toString(), "--json");
    assertEquals(0, r.code(), r.text());
    assertEquals("", r.err());
    return JSON.readTree(r.out());
  }

  private static JsonNode array(JsonNode inspection, String path) {
    for (JsonNode a : inspection.get("arrays")) {
      if (a.get("path").asText().equals(path)) {
        return a;
      }
    }
    throw new AssertionError("no array " + path + " in " + inspection);
  }

  @Test
  void spatialStoreChunksAndRangesMatchTheRawChunks() throws IOException {
    JsonNode i = json(spatial);
    assertEquals("zarr", i.get("kind").asText());
    assertEquals(3, i.get("zarr_format").asInt());
    long total = 0;
    long written = 0;
    List<Path> arrays;
    try (Stream<Path> s = Files.list(spatial.resolve("12"))) {
      arrays = s.filter(Files::isDirectory).sorted().toList();
    }
    assertEquals(11, arrays.size(), "cell_ids, morton and the 9 statistics of atl06");
    for (Path dir : arrays) {
      String name = dir.getFileName().toString();
      JsonNode meta = JSON.readTree(dir.resolve("zarr.json").toFile());
      long shape = meta.get("shape").get(0).asLong();
      long chunk = meta.at("/chunk_grid/configuration/chunk_shape").get(0).asLong();
      long expectedTotal = (shape + chunk - 1) / chunk;
      long files;
      try (Stream<Path> s = Files.list(dir.resolve("c"))) {
        files = s.count();
      }
      JsonNode a = array(i, "/12/" + name);
      assertEquals(expectedTotal, a.get("chunks_total").asLong(), name);
      assertEquals(files, a.get("chunks_written").asLong(), name);
      assertEquals(2, files, name + ": two parent cells were run");
      total += expectedTotal;
      written += files;
    }
    assertTrue(total > 0 && written > 0);

    // h_mean: float32, the bytes codec alone, so each chunk file is the raw little-endian floats
    Path hMean = spatial.resolve("12/h_mean");
    JsonNode meta = JSON.readTree(hMean.resolve("zarr.json").toFile());
    assertEquals("[\"bytes\"]", JSON.writeValueAsString(meta.get("codecs").findValues("name")));
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long nan = 0;
    long values = 0;
    try (Stream<Path> s = Files.list(hMean.resolve("c"))) {
      for (Path chunk : s.toList()) {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(chunk)).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 4) {
          float v = b.getFloat();
          values++;
          if (Float.isNaN(v)) {
            nan++;
          } else {
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
      }
    }
    JsonNode range = array(i, "/12/h_mean").get("range");
    assertEquals(values, range.get("values").asLong());
    assertEquals(nan, range.get("nan").asLong());
    assertEquals(min, range.get("min").asDouble(), 0.0);
    assertEquals(max, range.get("max").asDouble(), 0.0);
    assertTrue(nan > 0 && nan < values, "some children of the parent cells have no points");

    JsonNode group = i.get("groups").get(1);
    assertEquals("/12", group.get("path").asText());
    assertEquals(12, group.at("/dggs/refinement_level").asInt());
    assertEquals("nested", group.at("/dggs/indexing_scheme").asText());

    CliRun text = CliRun.of("inspect", spatial.toString());
    assertEquals(0, text.code(), text.text());
    assertThat(
        text.out(),
        containsString("dggs: healpix, refinement level 12, indexing nested, spatial dimension"));
    assertThat(text.out(), containsString(written + " of " + total + " chunks written"));
  }

  @Test
  void noRangesReadsMetadataOnly() throws IOException {
    CliRun r = CliRun.of("inspect", spatial.toString(), "--json", "--no-ranges");
    assertEquals(0, r.code(), r.text());
    JsonNode a = array(JSON.readTree(r.out()), "/12/h_mean");
    assertTrue(a.get("range") == null);
    assertEquals(2, a.get("chunks_written").asInt());
  }

  @Test
  void cdfGlobalsVariablesAndRangesFromTheReachInput() throws IOException {
    JsonNode i = json(cdf);
    assertEquals("cdf", i.get("kind").asText());
    assertEquals("REACH", i.at("/global_attributes/Mission_group/0").asText());
    assertEquals(
        "reach_all_l1c_prelim_20250904T000000_v1.0.0",
        i.at("/global_attributes/Logical_file_id/0").asText());
    // The input keeps 9 records at 00:00:00, 00:00:05 and 00:00:10 (one row has no sensor id, the
    // row at lat 10 among them; two repeat a sensor and time): three Epoch records, and lat from
    // -63.3098145203956 (REACH-105 at 00:00:10) to -15.31 (REACH-171 at 00:00:05).
    JsonNode epoch = variable(i, "Epoch");
    assertEquals("TIME_TT2000", epoch.get("type").asText());
    assertEquals(3, epoch.get("records").asInt());
    assertThat(epoch.at("/range/min").asText(), containsString("2025-09-04T00:00:00.000"));
    assertThat(epoch.at("/range/max").asText(), containsString("2025-09-04T00:00:10.000"));
    JsonNode lat = variable(i, "lat");
    assertEquals(-63.3098145203956, lat.at("/range/min").asDouble(), 0.0);
    assertEquals(-15.31, lat.at("/range/max").asDouble(), 0.0);
    assertEquals("deg", lat.at("/attributes/UNITS").asText());
    assertEquals("Epoch", lat.at("/attributes/DEPEND_0").asText());
    // three sensors at three times, 9 values, 6 of them present: 3 fill
    assertEquals(9, lat.at("/range/values").asInt());
    assertEquals(3, lat.at("/range/fill").asInt());
    JsonNode dose = variable(i, "dose_rate");
    assertEquals(4.51636e-05, dose.at("/range/max").asDouble(), 0.0);
    assertEquals(0.0, dose.at("/range/min").asDouble(), 0.0);

    CliRun text = CliRun.of("inspect", cdf.toString());
    assertThat(text.out(), containsString("CDF file " + cdf + ": 14 variables"));
    assertThat(text.out(), containsString("Logical_source"));
  }

  private static JsonNode variable(JsonNode i, String name) {
    for (JsonNode v : i.get("variables")) {
      if (v.get("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no variable " + name);
  }

  @Test
  void eventOutputEventsLifeCyclesAndMetrics() throws IOException {
    JsonNode i = json(events);
    assertEquals("event_output", i.get("kind").asText());
    // EventFixture: A (t0-t2), D (t2-t3, merges into E), E (t2-t6), H (t5-t6, splits from E)
    assertEquals(4, i.get("events").asInt());
    assertEquals("2021-01-10T00:00:00Z", i.get("first_genesis").asText());
    assertEquals("2021-01-10T18:00:00Z", i.get("last_lysis").asText());
    assertEquals(3 + 2 + 5 + 2, i.get("track_rows").asInt());
    assertEquals(4, i.at("/catalog/events").asInt());
    assertEquals(4, i.at("/metrics/events").asInt());
    JsonNode life = i.get("lifecycle");
    assertEquals("merged", life.get(1).get("end_reason").asText());
    assertEquals(life.get(2).get("event_id").asText(), life.get(1).get("merged_into").asText());
    assertEquals(5, life.get(2).get("steps").asInt());
    JsonNode maxV = i.at("/metrics/columns/0");
    assertEquals("max_v", maxV.get("name").asText());
    // the blobs' values: A 280, D 295, E 330, H 340 at their peaks
    assertEquals(280.0, maxV.at("/range/min").asDouble(), 0.0);
    assertEquals(340.0, maxV.at("/range/max").asDouble(), 0.0);

    CliRun text = CliRun.of("inspect", events.toString());
    assertEquals(0, text.code(), text.text());
    assertThat(text.out(), containsString("4 events, first genesis 2021-01-10T00:00:00Z"));
    assertThat(text.out(), containsString("tracks.csv: 12 rows"));
    assertThat(text.out(), containsString("masks.zarr/"));
  }

  @Test
  void theMaskStoreIsAV2StoreWithTheEventNumbers() throws IOException {
    JsonNode i = json(events.resolve("masks.zarr"));
    assertEquals(2, i.get("zarr_format").asInt());
    JsonNode n = array(i, "/event_number");
    JsonNode zarray = JSON.readTree(events.resolve("masks.zarr/event_number/.zarray").toFile());
    long steps = zarray.get("shape").get(0).asLong() / zarray.get("chunks").get(0).asLong();
    assertEquals(7, steps, "7 timesteps, one chunk each");
    assertEquals(steps, n.get("chunks_total").asLong());
    // every timestep holds an event except none: t0..t6 all have one
    assertEquals(steps, n.get("chunks_written").asLong());
    assertEquals(1, n.at("/range/min").asInt());
    assertEquals(4, n.at("/range/max").asInt(), "events are numbered 1..4");
  }

  @Test
  void aTemporalOutputByStatusWithItsMetricRanges(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("events.csv"),
        String.join(
            "\n",
            "event_id,status,start,end,max_v,timesteps,bytes_read,pane,reason",
            "a,ok,2021-01-01T00:00:00Z,2021-01-02T00:00:00Z,5.5,9,100,0,",
            "b,incomplete,2021-01-01T06:00:00Z,2021-01-03T00:00:00Z,7,8,90,0,V: 1 of 9 missing",
            "c,failed,,,,0,0,0,bad mask",
            ""));
    JsonNode i = json(dir);
    assertEquals("temporal_output", i.get("kind").asText());
    assertEquals(3, i.get("events").asInt());
    assertEquals(1, i.at("/statuses/ok").asInt());
    assertEquals(1, i.at("/statuses/incomplete").asInt());
    assertEquals(1, i.at("/statuses/failed").asInt());
    assertEquals("2021-01-01T00:00:00Z", i.get("first_start").asText());
    assertEquals("2021-01-03T00:00:00Z", i.get("last_end").asText());
    JsonNode maxV = i.at("/metrics/0");
    assertEquals("max_v", maxV.get("name").asText());
    assertEquals(1, i.get("metrics").size(), "timesteps, bytes_read and pane are no metrics");
    assertEquals(5.5, maxV.at("/range/min").asDouble(), 0.0);
    assertEquals(7.0, maxV.at("/range/max").asDouble(), 0.0);
    assertEquals(1, maxV.at("/range/nan").asInt(), "c has no value");
  }

  @Test
  void anEngineCubeItsVariablesTilesAndStores(@TempDir Path dir) throws IOException {
    // 3 hours x 4 x 6 cells in tiles of 2 x 4: 2 x 2 tiles per hour
    CubeGrid grid =
        new CubeGrid(
            new Axis(30.0, 0.5, 4),
            new Axis(-120.0, 0.5, 6),
            new TimeAxis(Instant.parse("2021-07-01T00:00:00Z"), Duration.ofHours(1), 3),
            2,
            4);
    VarSpec rain = VarSpec.of("rain", VarKind.TIME, VarDtype.FLOAT64, "mm");
    VarSpec elevation = VarSpec.of("elevation", VarKind.STATIC, VarDtype.FLOAT32, "m");
    Path root = dir.resolve("cube");
    try (Cube cube = Cube.open(root, grid, 3, List.of(rain, elevation))) {
      double[] values = new double[72];
      for (int k = 0; k < values.length; k++) {
        values[k] = k % 5;
      }
      cube.write(
          new Field("rain", VarKind.TIME, new Region(0, 3, 0, 4, 0, 6), values, 5.0),
          "gauge",
          "r1");
    }
    JsonNode i = json(root);
    assertEquals("cube", i.get("kind").asText());
    JsonNode r = null;
    JsonNode e = null;
    for (JsonNode v : i.get("variables")) {
      r = v.get("name").asText().equals("rain") ? v : r;
      e = v.get("name").asText().equals("elevation") ? v : e;
    }
    assertEquals(3 * 2 * 2, r.get("tiles").asInt());
    assertEquals(1, r.get("runs").asInt());
    assertEquals("mm", r.get("units").asText());
    assertEquals(0, e.get("tiles").asInt());
    JsonNode store = array(r.get("store"), "/rain");
    assertEquals(0.0, store.at("/range/min").asDouble(), 0.0);
    assertEquals(4.0, store.at("/range/max").asDouble(), 0.0);
    assertEquals(72, store.at("/range/values").asInt());
  }

  @Test
  void aPathThatIsNoOutputIsAUsageError(@TempDir Path dir) throws IOException {
    CliRun missing = CliRun.of("inspect", dir.resolve("nothing").toString());
    assertEquals(2, missing.code());
    assertThat(missing.err(), containsString(dir.resolve("nothing") + ": no such file"));
    assertThat(missing.err(), containsString("expected a Zarr store"));
    assertThat(missing.err(), not(containsString("Exception")));
    assertEquals(1, missing.err().strip().lines().count(), missing.err());

    Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
    CliRun other = CliRun.of("inspect", text.toString());
    assertEquals(2, other.code());
    assertThat(other.err(), containsString(text + ": not an output magg reads"));
    CliRun empty = CliRun.of("inspect", dir.toString());
    assertEquals(2, empty.code());
    assertThat(empty.err(), containsString(dir + ": not an output magg reads"));
  }
}
