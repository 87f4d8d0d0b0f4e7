package org.magg.io.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.magg.core.engine.Axis;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.Field;
import org.magg.core.engine.Region;
import org.magg.core.engine.TimeAxis;
import org.magg.core.engine.VarDtype;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;

class CubeSnapshotsTest {
  @TempDir Path dir;

  // 2 daily timesteps, 4 x 4 cells, tiles of 2 x 2
  static final CubeGrid GRID =
      new CubeGrid(
          new Axis(10, 1, 4),
          new Axis(20, 1, 4),
          new TimeAxis(Instant.parse("2020-01-01T00:00:00Z"), Duration.ofDays(1), 2),
          2,
          2);
  static final VarSpec RAIN = VarSpec.of("rain", VarKind.TIME, VarDtype.FLOAT32, "mm");
  static final VarSpec ELEV = VarSpec.of("elevation", VarKind.STATIC, VarDtype.FLOAT64, "m");

  private Cube open(int format) throws Exception {
    return Cube.open(dir.resolve("cube"), GRID, format, List.of(RAIN, ELEV));
  }

  private static Field rain(Region r, double base) {
    double[] v = new double[r.size(VarKind.TIME)];
    for (int k = 0; k < v.length; k++) {
      v[k] = base + k;
    }
    return new Field("rain", VarKind.TIME, r, v, Double.NaN);
  }

  private record State(double[] rain, double[] elevation, List<TileRecord> tiles, long version) {}

  private static State state(Cube cube) throws Exception {
    return new State(
        cube.read("rain", GRID.whole()).values(),
        cube.read("elevation", GRID.whole()).values(),
        cube.catalog().tiles("rain", 0, 2),
        cube.catalog().variableVersion("rain"));
  }

  private static void assertSame(State want, State got) {
    assertArrayEquals(want.rain(), got.rain());
    assertArrayEquals(want.elevation(), got.elevation());
    assertEquals(want.tiles(), got.tiles());
    assertEquals(want.version(), got.version());
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void aRestoredCubeIsExactlyAsItWasWhenSnapshotted(int format) throws Exception {
    CubeSnapshots snaps = CubeSnapshots.of(dir.resolve("cube"));
    State before;
    try (Cube cube = open(format)) {
      // rain at t = 0 on the tiles of the top row; the rest never written
      cube.write(rain(new Region(0, 1, 0, 2, 0, 4), 1), "radar", "r1");
      double[] e = new double[16];
      Arrays.fill(e, 250);
      cube.write(new Field("elevation", VarKind.STATIC, GRID.whole(), e, Double.NaN), "dem", "r1");
      before = state(cube);
      CubeSnapshots.Snapshot s = snaps.snapshot("before-storm");
      assertEquals("before-storm", s.name());
      assertEquals(s.files(), s.linked(), "links are supported here");
      assertEquals(0, s.copied());
      Path chunk =
          Path.of(cube.location("rain")).resolve(format == 3 ? "rain/c/0/0/0" : "rain/0.0.0");
      assertTrue(
          Files.isSameFile(
              chunk,
              snaps
                  .directory()
                  .resolve("before-storm/files")
                  .resolve(dir.resolve("cube").relativize(chunk))),
          "a chunk is linked, not copied");

      // overwrite a tile, write a tile never written before, change the static variable
      cube.write(rain(new Region(0, 1, 0, 2, 0, 2), 100), "radar", "r2");
      cube.write(rain(new Region(1, 2, 2, 4, 2, 4), 200), "radar", "r2");
      Arrays.fill(e, 300);
      cube.write(new Field("elevation", VarKind.STATIC, GRID.whole(), e, Double.NaN), "dem", "r2");
      State after = state(cube);
      assertNotEquals(before.version(), after.version());
      assertEquals(before.tiles().size() + 1, after.tiles().size());
    }

    snaps.restore("before-storm");
    try (Cube cube = open(format)) {
      State restored = state(cube);
      assertSame(before, restored);
      // by hand: t = 0, lat 0, lon 0..3 holds 1, 2, 3, 4; the tile written after is empty again
      assertArrayEquals(new double[] {1, 2, 3, 4}, Arrays.copyOf(restored.rain(), 4));
      assertTrue(Double.isNaN(restored.rain()[16 + 2 * 4 + 2]));
      assertEquals(250, restored.elevation()[5]);
      assertTrue(cube.catalog().tile("rain", 1, 1, 1).isEmpty());

      // writing after a restore leaves the snapshot as it was: restore again
      cube.write(rain(new Region(0, 1, 0, 2, 0, 2), 500), "radar", "r3");
    }
    snaps.restore("before-storm");
    try (Cube cube = open(format)) {
      assertSame(before, state(cube));
    }
  }

  @Test
  void snapshotsAreListedAndDeletedAndUnknownNamesRefused() throws Exception {
    CubeSnapshots snaps = CubeSnapshots.of(dir.resolve("cube"));
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> snaps.restore("nope"));
    assertEquals(
        "cube " + dir.resolve("cube") + " has no snapshot 'nope' (snapshots: [])",
        none.getMessage());
    try (Cube cube = open(3)) {
      cube.write(rain(new Region(0, 1, 0, 2, 0, 2), 1), "radar", "r1");
      snaps.snapshot("a");
      snaps.snapshot("b.2");
      IllegalArgumentException twice =
          assertThrows(IllegalArgumentException.class, () -> snaps.snapshot("a"));
      assertTrue(twice.getMessage().contains("already has a snapshot 'a'; delete it first"));
      IllegalArgumentException bad =
          assertThrows(IllegalArgumentException.class, () -> snaps.snapshot("../x"));
      assertTrue(bad.getMessage().startsWith("a snapshot name must be"), bad.getMessage());
    }
    List<CubeSnapshots.Snapshot> list = snaps.list();
    assertEquals(List.of("a", "b.2"), list.stream().map(CubeSnapshots.Snapshot::name).toList());
    assertTrue(list.get(0).files() > 0 && list.get(0).bytes() > 0);
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> snaps.delete("c"));
    assertTrue(unknown.getMessage().endsWith("has no snapshot 'c' (snapshots: [a, b.2])"));
    snaps.delete("a");
    assertEquals(List.of("b.2"), snaps.list().stream().map(CubeSnapshots.Snapshot::name).toList());
    try (var left = Files.list(snaps.directory())) {
      assertEquals(List.of("b.2"), left.map(p -> p.getFileName().toString()).toList());
    }
    // the cube itself is untouched by deleting a snapshot
    try (Cube cube = open(3)) {
      assertEquals(1.0, cube.read("rain", GRID.whole()).values()[0]);
    }
    assertThrows(
        java.nio.file.NoSuchFileException.class,
        () -> CubeSnapshots.of(dir.resolve("empty")).snapshot("x"));
    assertFalse(Files.exists(dir.resolve("empty/snapshots")));
  }
}
