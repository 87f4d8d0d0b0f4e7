package org.magg.io.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.engine.Axis;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.Field;
import org.magg.core.engine.MergePolicy;
import org.magg.core.engine.Region;
import org.magg.core.engine.TimeAxis;
import org.magg.core.engine.VarDtype;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;
import org.magg.testing.ZarrReaders;

/**
 * The cube on a 3 x 4 x 6 grid with 2 x 4 tiles (so the second tile along lon has 2 columns):
 * merges by policy against hand-worked values, versions, satisfaction, and the stores as
 * zarr-python, xarray and zarrita read them.
 */
class CubeTest {
  @TempDir Path dir;

  static final Instant T0 = Instant.parse("2021-07-01T00:00:00Z");
  static final CubeGrid GRID =
      new CubeGrid(
          new Axis(30.0, 0.5, 4),
          new Axis(-120.0, 0.5, 6),
          new TimeAxis(T0, Duration.ofHours(1), 3),
          2,
          4);
  static final double N = Double.NaN;

  static final VarSpec BURNED =
      VarSpec.of("burned", VarKind.STATIC, VarDtype.FLOAT32, "1")
          .withMergePolicy(MergePolicy.MONOTONE_MAX);
  static final VarSpec RAIN =
      VarSpec.of("rain", VarKind.TIME, VarDtype.FLOAT64, "mm")
          .withMergePolicy(MergePolicy.ACCUMULATE);
  static final VarSpec ELEV = VarSpec.of("elevation", VarKind.STATIC, VarDtype.FLOAT32, "m");

  private Cube open(int format) throws IOException {
    return Cube.open(dir.resolve("cube"), GRID, format, List.of(BURNED, RAIN, ELEV));
  }

  private static Field staticField(String var, double[] v, double res) {
    return new Field(var, VarKind.STATIC, new Region(0, 1, 0, 4, 0, 6), v, res);
  }

  private static double[] fill(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  @Test
  void monotoneMaxMergesCellByCellAcrossTiles() throws IOException {
    double[] a = new double[24];
    double[] b = new double[24];
    for (int k = 0; k < 24; k++) {
      a[k] = k;
      b[k] = 23 - k;
    }
    a[0] = N; // no value yet: b's 23 is taken
    b[5] = N; // nothing new: a's 5 stays
    try (Cube cube = open(3)) {
      cube.write(staticField("burned", a, 30.0), "fire", "r1");
      cube.write(staticField("burned", b, 30.0), "fire", "r1");
      double[] expected = {
        23, 22, 21, 20, 19, 5, //
        17, 16, 15, 14, 13, 12, //
        12, 13, 14, 15, 16, 17, //
        18, 19, 20, 21, 22, 23
      };
      assertArrayEquals(expected, cube.read("burned", new Region(0, 1, 0, 4, 0, 6)).values());
      // a box across the tile boundaries
      assertArrayEquals(
          new double[] {14, 13, 15, 16},
          cube.read("burned", new Region(0, 1, 1, 3, 3, 5)).values());
    }
  }

  @Test
  void accumulateAddsPerTileAndVersionsCountContentChanges() throws IOException {
    Region all = new Region(0, 3, 0, 4, 0, 6);
    try (Cube cube = open(3)) {
      Field ones = new Field("rain", VarKind.TIME, all, fill(72, 1.0), Double.NaN);
      TileWrite w1 = cube.write(ones, "gauge", "r1");
      assertEquals(new TileWrite("rain", 12, 12, 12), w1);
      cube.write(ones, "gauge", "r1");
      // one tile at one timestep: t=1, lat [2, 4), lon [4, 6) is tile (1, 1), 2 x 2 cells
      Region tile = GRID.tile(1, 2, 1, 1);
      assertEquals(new Region(1, 2, 2, 4, 4, 6), tile);
      TileWrite w3 =
          cube.write(
              new Field("rain", VarKind.TIME, tile, new double[] {0.5, N, 0.25, 1}, 5.0),
              "radar",
              "r2");
      assertEquals(new TileWrite("rain", 1, 1, 25), w3);
      double[] t1 = cube.read("rain", new Region(1, 2, 0, 4, 0, 6)).values();
      double[] expected = fill(24, 2.0);
      expected[2 * 6 + 4] = 2.5;
      expected[2 * 6 + 5] = 2.0;
      expected[3 * 6 + 4] = 2.25;
      expected[3 * 6 + 5] = 3.0;
      assertArrayEquals(expected, t1);
      assertArrayEquals(fill(24, 2.0), cube.read("rain", new Region(0, 1, 0, 4, 0, 6)).values());
      TileRecord rec = cube.catalog().tile("rain", 1, 1, 1).orElseThrow();
      assertEquals(3, rec.version());
      assertEquals("radar", rec.source());
      assertEquals(5.0, rec.nativeResM());
      assertEquals(2, cube.catalog().tile("rain", 1, 0, 0).orElseThrow().version());
      // the grid's nominal resolution when the field gives none: 0.5 degree
      assertEquals(
          GRID.nominalResolutionM(),
          cube.catalog().tile("rain", 0, 0, 0).orElseThrow().nativeResM());
    }
  }

  @Test
  void rewritingTheSameValuesChangesNoVersionAndLastWriterReplaces() throws IOException {
    try (Cube cube = open(2)) {
      double[] v = new double[24];
      for (int k = 0; k < 24; k++) {
        v[k] = 100 + k * 0.5;
      }
      cube.write(staticField("elevation", v, 30.0), "dem", "r1");
      TileWrite again = cube.write(staticField("elevation", v, 30.0), "dem", "r2");
      assertEquals(new TileWrite("elevation", 4, 0, 4), again);
      double[] w = v.clone();
      w[0] = N;
      w[23] = -1;
      TileWrite changed = cube.write(staticField("elevation", w, 30.0), "dem", "r3");
      assertEquals(new TileWrite("elevation", 4, 2, 6), changed);
      assertArrayEquals(w, cube.read("elevation", new Region(0, 1, 0, 4, 0, 6)).values());
    }
  }

  @Test
  void satisfactionIsResolutionAndTimeAware() throws IOException {
    try (Cube cube = open(3)) {
      assertFalse(cube.satisfies(ELEV, T0, T0));
      cube.write(staticField("elevation", fill(24, 1.0), 90.0), "dem", "r1");
      assertTrue(cube.satisfies(ELEV, T0, T0));
      Satisfaction fine = cube.satisfaction(ELEV.withMaxNativeResM(30.0), T0, T0);
      assertFalse(fine.satisfied());
      assertEquals(4, fine.tilesTooCoarse());
      assertEquals(
          "elevation: 0 of 4 tiles missing, 4 too coarse; first: tile (0, 0) has native resolution"
              + " 90.0 m, coarser than max_native_res_m 30.0 m",
          fine.reason());
      assertTrue(cube.satisfies(ELEV.withMaxNativeResM(90.0), T0, T0));

      cube.write(
          new Field("rain", VarKind.TIME, new Region(0, 2, 0, 4, 0, 6), fill(48, 0.0), 1000.0),
          "gauge",
          "r1");
      Instant h2 = T0.plus(Duration.ofHours(2));
      Instant h3 = T0.plus(Duration.ofHours(3));
      assertTrue(cube.satisfies(RAIN, T0, h2));
      assertTrue(cube.satisfies(RAIN, T0.plusSeconds(1), h2));
      Satisfaction later = cube.satisfaction(RAIN, T0, h3);
      assertEquals(
          new Satisfaction(
              false,
              12,
              4,
              0,
              "rain: 4 of 12 tiles missing, 0 too coarse; first: t=2 tile (0, 0) was never written"),
          later);
      assertFalse(cube.satisfies(RAIN.withMaxNativeResM(500.0), T0, h2));
      Satisfaction outside = cube.satisfaction(RAIN, T0.minusSeconds(3600), h2);
      assertFalse(outside.satisfied());
      assertTrue(
          outside.reason().contains("reaches outside the cube's time axis"), outside.reason());
    }
  }

  @Test
  void writesMustCoverWholeTilesOfAKnownVariable() throws IOException {
    try (Cube cube = open(3)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  cube.write(
                      new Field(
                          "elevation", VarKind.STATIC, new Region(0, 1, 1, 3, 0, 4), fill(8, 1), N),
                      "dem",
                      "r"));
      assertEquals(
          "a write of 'elevation' over time[0:1] lat[1:3] lon[0:4] does not cover whole tiles of 2 x"
              + " 4 cells; write whole tiles (the last along each axis may be smaller)",
          e.getMessage());
      e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  cube.write(
                      new Field(
                          "fuel", VarKind.STATIC, new Region(0, 1, 0, 2, 0, 4), fill(8, 1), N),
                      "x",
                      "r"));
      assertEquals(
          "the cube has no variable 'fuel' (it has [burned, elevation, rain])", e.getMessage());
    }
  }

  @Test
  void reopeningKeepsDataAndRefusesAnotherGrid() throws IOException {
    try (Cube cube = open(2)) {
      cube.write(staticField("elevation", fill(24, 7.0), 30.0), "dem", "r1");
    }
    try (Cube cube = open(2)) {
      assertArrayEquals(
          fill(24, 7.0), cube.read("elevation", new Region(0, 1, 0, 4, 0, 6)).values());
      assertEquals(4, cube.catalog().variableVersion("elevation"));
    }
    CubeGrid wider =
        new CubeGrid(new Axis(30.0, 0.5, 4), new Axis(-120.0, 0.5, 8), GRID.time(), 2, 4);
    IOException e =
        assertThrows(
            IOException.class, () -> Cube.open(dir.resolve("cube"), wider, 2, List.of(ELEV)));
    assertTrue(
        e.getMessage()
            .contains("[4, 6] but the grid and variable ask for float32 [lat, lon] [4, 8]"),
        e.getMessage());
    IllegalArgumentException f =
        assertThrows(
            IllegalArgumentException.class, () -> Cube.open(dir.resolve("c2"), GRID, 4, List.of()));
    assertEquals("cube.zarr_format must be 2 or 3, got 4", f.getMessage());
  }

  @Test
  void zarrPythonAndXarrayReadAV2Cube() throws Exception {
    ZarrReaders.requireZarrPython();
    try (Cube cube = open(2)) {
      double[] v = new double[72];
      for (int k = 0; k < 72; k++) {
        v[k] = k * 0.25;
      }
      v[7] = N;
      cube.write(
          new Field("rain", VarKind.TIME, new Region(0, 3, 0, 4, 0, 6), v, N), "gauge", "r1");
      Path store = Path.of(cube.location("rain"));
      assertTrue(Files.exists(store.resolve(".zmetadata")));
      JsonNode out =
          ZarrReaders.zarrPython(store, List.of(""), List.of("rain", "time"), List.of(""));
      JsonNode arr = out.get("arrays").get("rain");
      assertEquals("[3,4,6]", arr.get("shape").toString());
      assertEquals("[1,2,4]", arr.get("chunks").toString());
      assertEquals("<f8", arr.get("dtype").asText());
      assertEquals(
          "[\"time\",\"lat\",\"lon\"]", arr.get("attrs").get("_ARRAY_DIMENSIONS").toString());
      assertValues(v, arr.get("values"));
      assertValues(
          new double[] {1625097600, 1625101200, 1625104800},
          out.get("arrays").get("time").get("values"));
      JsonNode vars = out.get("xarray").get("").get("variables");
      assertEquals("[\"time\",\"lat\",\"lon\"]", vars.get("rain").get("dims").toString());
      assertEquals("mm", vars.get("rain").get("attrs").get("units").asText());
      assertValues(v, vars.get("rain").get("values"));
      assertValues(new double[] {30.0, 30.5, 31.0, 31.5}, vars.get("lat").get("values"));
      assertValues(
          new double[] {-120.0, -119.5, -119.0, -118.5, -118.0, -117.5},
          vars.get("lon").get("values"));
      assertEquals("degrees_north", vars.get("lat").get("attrs").get("units").asText());
      // xarray decodes the CF time coordinate to datetimes
      assertEquals("<M8[ns]", vars.get("time").get("decoded_dtype").asText());
    }
  }

  @Test
  void zarritaReadsAV3CubeWithDimensionNames() throws Exception {
    ZarrReaders.requireZarrita();
    try (Cube cube = open(3)) {
      double[] v = new double[24];
      for (int k = 0; k < 24; k++) {
        v[k] = k - 10.5;
      }
      v[23] = N;
      cube.write(staticField("elevation", v, 30.0), "dem", "r1");
      JsonNode out =
          ZarrReaders.zarrita(
              Path.of(cube.location("elevation")),
              "v3",
              List.of(""),
              List.of("elevation", "lat", "lon"));
      JsonNode arr = out.get("arrays").get("elevation");
      assertEquals("[4,6]", arr.get("shape").toString());
      assertEquals("float32", arr.get("dtype").asText());
      assertEquals("[\"lat\",\"lon\"]", arr.get("dimension_names").toString());
      assertEquals("m", arr.get("attrs").get("units").asText());
      assertValues(v, arr.get("values"));
      assertValues(
          new double[] {30.0, 30.5, 31.0, 31.5}, out.get("arrays").get("lat").get("values"));
      assertEquals("[\"lon\"]", out.get("arrays").get("lon").get("dimension_names").toString());
    }
  }

  private static void assertValues(double[] expected, JsonNode values) {
    List<Double> got = new ArrayList<>();
    values.forEach(n -> got.add(ZarrReaders.number(n)));
    assertEquals(expected.length, got.size());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], got.get(i), 0.0, "value " + i);
    }
  }
}
