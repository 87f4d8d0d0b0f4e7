package org.magg.transforms.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.engine.Axis;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.DataAdapter;
import org.magg.core.engine.DataNeed;
import org.magg.core.engine.Field;
import org.magg.core.engine.ProducerCapabilities;
import org.magg.core.engine.Region;
import org.magg.core.engine.TimeAxis;
import org.magg.core.engine.VarDtype;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.Cube;
import org.magg.io.engine.TileWrite;

/** A producer's call against a real cube: extract with halo, compute, checked update. */
class ProducerTest {
  @TempDir Path dir;

  // 2 timesteps, 4 x 4 cells, 2 x 2 tiles
  static final CubeGrid GRID =
      new CubeGrid(
          new Axis(0, 1, 4),
          new Axis(0, 1, 4),
          new TimeAxis(Instant.parse("2020-01-01T00:00:00Z"), Duration.ofDays(1), 2),
          2,
          2);
  static final VarSpec ELEV = VarSpec.of("elevation", VarKind.STATIC, VarDtype.FLOAT32, "m");
  static final VarSpec TEMP = VarSpec.of("temperature", VarKind.TIME, VarDtype.FLOAT32, "K");
  static final VarSpec HEAT = VarSpec.of("heat_index", VarKind.TIME, VarDtype.FLOAT32, "K");
  static final VarSpec SMOOTH = VarSpec.of("smooth", VarKind.STATIC, VarDtype.FLOAT64, "m");

  private Cube cube() throws Exception {
    return Cube.open(dir.resolve("cube"), GRID, 3, List.of(ELEV, TEMP, HEAT, SMOOTH));
  }

  private static double[] ramp(int n, double scale) {
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = k * scale;
    }
    return v;
  }

  @Test
  void theHeatIndexOfTheIssueIsComputedCellByCell() throws Exception {
    try (Cube cube = cube()) {
      Region all = GRID.whole();
      cube.write(
          new Field("elevation", VarKind.STATIC, all, ramp(16, 100), Double.NaN), "dem", "r1");
      cube.write(
          new Field("temperature", VarKind.TIME, all, ramp(32, 1).clone(), Double.NaN),
          "temps",
          "r1");
      ToyProducer heat =
          new ToyProducer(
              "heat",
              DataAdapter.of(
                  DataNeed.of("elevation", VarKind.STATIC),
                  DataNeed.of("temperature", VarKind.TIME)),
              List.of(HEAT),
              ProducerCapabilities.defaults(),
              (in, req) -> {
                Field e = in.get("elevation");
                Field t = in.get("temperature");
                double[] out = new double[t.values().length];
                for (int k = 0; k < out.length; k++) {
                  out[k] = t.values()[k] - 0.0065 * e.values()[k % 16];
                }
                return Map.of(
                    "heat_index",
                    new Field("heat_index", VarKind.TIME, req.region(), out, Double.NaN));
              });
      List<TileWrite> w = heat.run(cube, ProducerRequest.whole("r1", GRID));
      assertEquals(List.of(new TileWrite("heat_index", 8, 8, 8)), w);
      // t=1, cell (2, 3) = k 11: temperature 16 + 11 = 27, elevation 1100 -> 27 - 7.15 = 19.85
      double got = cube.read("heat_index", new Region(1, 2, 2, 3, 3, 4)).values()[0];
      assertEquals((float) 19.85, (float) got);
      assertEquals("heat", cube.catalog().tile("heat_index", 1, 1, 1).orElseThrow().source());
    }
  }

  @Test
  void aTileParallelProducerReadsItsHaloAndWritesOnlyItsTile() throws Exception {
    try (Cube cube = cube()) {
      cube.write(
          new Field("elevation", VarKind.STATIC, GRID.whole(), ramp(16, 1), Double.NaN),
          "dem",
          "r1");
      // the sum of the 3 x 3 neighbourhood that lies on the grid
      ToyProducer smooth =
          new ToyProducer(
              "smooth",
              DataAdapter.of(DataNeed.of("elevation", VarKind.STATIC)),
              List.of(SMOOTH),
              ProducerCapabilities.defaults().withTileParallel(true).withBoundaryCoupling(1),
              (in, req) -> {
                Field e = in.get("elevation");
                Region read = e.region();
                Region r = req.region();
                double[] out = new double[r.cellsPerStep()];
                for (int i = r.lat0(); i < r.lat1(); i++) {
                  for (int j = r.lon0(); j < r.lon1(); j++) {
                    double s = 0;
                    for (int a = Math.max(read.lat0(), i - 1);
                        a <= Math.min(read.lat1() - 1, i + 1);
                        a++) {
                      for (int b = Math.max(read.lon0(), j - 1);
                          b <= Math.min(read.lon1() - 1, j + 1);
                          b++) {
                        s += e.at(0, a - read.lat0(), b - read.lon0());
                      }
                    }
                    out[(i - r.lat0()) * r.nLon() + (j - r.lon0())] = s;
                  }
                }
                return Map.of("smooth", new Field("smooth", VarKind.STATIC, r, out, Double.NaN));
              });
      Region tile = GRID.tile(0, 1, 1, 0); // lat [2, 4), lon [0, 2)
      ProducerRequest req =
          new ProducerRequest("r1", GRID, tile, smooth.capabilities().haloCells());
      assertEquals(new Region(0, 1, 1, 4, 0, 3), req.readRegion());
      smooth.run(cube, req);
      // elevation k = 4 i + j. cell (2, 0): rows 1..3, cols 0..1 -> 4+5+8+9+12+13 = 51
      // (2, 1): rows 1..3, cols 0..2 -> 4+5+6+8+9+10+12+13+14 = 81; (3, 0): 8+9+12+13 = 42;
      // (3, 1): 8+9+10+12+13+14 = 66
      assertArrayEquals(new double[] {51, 81, 42, 66}, cube.read("smooth", tile).values());
      double[] rest = cube.read("smooth", GRID.tile(0, 1, 0, 0)).values();
      assertEquals(true, Double.isNaN(rest[0]));
    }
  }

  @Test
  void updateRefusesOutputsOtherThanDeclaredAndWritesNothing() throws Exception {
    try (Cube cube = cube()) {
      ProducerRequest req = ProducerRequest.whole("r1", GRID);
      Region all = GRID.whole();
      Field heat = new Field("heat_index", VarKind.TIME, all, new double[32], Double.NaN);
      Field temp = new Field("temperature", VarKind.TIME, all, new double[32], Double.NaN);
      ToyProducer p = ToyProducer.of("heat", List.of(), List.of("heat_index"));
      p = new ToyProducer("heat", p.needs(), List.of(HEAT), p.capabilities(), p.work());
      ToyProducer q = p;
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> q.update(cube, req, Map.of("heat_index", heat, "temperature", temp)));
      assertEquals(
          "producer 'heat' must return exactly [heat_index]; not declared [temperature]",
          e.getMessage());
      e = assertThrows(IllegalStateException.class, () -> q.update(cube, req, Map.of()));
      assertEquals(
          "producer 'heat' must return exactly [heat_index]; missing [heat_index]", e.getMessage());
      Field part =
          new Field("heat_index", VarKind.TIME, GRID.tile(0, 2, 0, 0), new double[8], Double.NaN);
      e =
          assertThrows(
              IllegalStateException.class, () -> q.update(cube, req, Map.of("heat_index", part)));
      assertEquals(
          "producer 'heat' returned 'heat_index' over time[0:2] lat[0:2] lon[0:2] but was asked for"
              + " time[0:2] lat[0:4] lon[0:4]",
          e.getMessage());
      assertEquals(0, cube.catalog().variableVersion("heat_index"));
    }
  }
}
