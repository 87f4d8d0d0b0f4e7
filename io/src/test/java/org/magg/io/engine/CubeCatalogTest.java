package org.magg.io.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.engine.MergePolicy;
import org.magg.core.engine.VarDtype;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;

/** The catalog's rows survive closing and reopening; its schema migrates and refuses newer ones. */
class CubeCatalogTest {
  @TempDir Path dir;

  private static final Instant T1 = Instant.parse("2021-07-01T00:00:00Z");
  private static final Instant T2 = Instant.parse("2021-07-01T01:00:00Z");

  @Test
  void variablesTilesRunsAndDeadLettersRoundTrip() throws IOException {
    Path file = dir.resolve("catalog.sqlite");
    VarSpec burned =
        new VarSpec(
            "burned",
            VarKind.STATIC,
            VarDtype.FLOAT32,
            "1",
            MergePolicy.UNION,
            "burned area",
            30.0,
            false);
    try (CubeCatalog c = CubeCatalog.open(file)) {
      assertEquals(1, c.schemaVersion());
      c.registerVariable(burned);
      c.registerVariable(VarSpec.of("temperature", VarKind.TIME, VarDtype.FLOAT64, "K"));
      TileRecord first =
          c.recordTile("burned", CubeCatalog.STATIC_T, 0, 1, "fire", 10.0, "aa", T1, "run-1");
      assertEquals(1, first.version());
      TileRecord same =
          c.recordTile("burned", CubeCatalog.STATIC_T, 0, 1, "fire", 10.0, "aa", T2, "run-2");
      assertEquals(1, same.version());
      TileRecord other =
          c.recordTile(
              "burned", CubeCatalog.STATIC_T, 0, 1, "fire2", Double.NaN, "bb", T2, "run-2");
      assertEquals(2, other.version());
      c.recordTile("temperature", 4, 1, 0, "temps", 11119.5, "cc", T1, "run-1");
      c.startRun("run-1", T1, "cfg");
      c.finishRun("run-1", T2, "partial");
      c.recordDeadLetter(new DeadLetter("run-1", "model", "t=3 tile (0, 1)", 3, "exit code 2", T2));
      c.recordDeadLetter(new DeadLetter("run-1", "model", "all", 1, "timeout after PT2M", T2));
    }
    try (CubeCatalog c = CubeCatalog.open(file)) {
      assertEquals(Optional.of(burned), c.variable("burned"));
      assertEquals(List.of("burned", "temperature"), c.variableNames());
      // new tile (1) + changed hash (1); the same-hash write changes nothing
      assertEquals(2, c.variableVersion("burned"));
      assertEquals(1, c.variableVersion("temperature"));
      TileRecord t = c.tile("burned", CubeCatalog.STATIC_T, 0, 1).orElseThrow();
      assertEquals(
          new TileRecord("burned", -1, 0, 1, "fire2", Double.NaN, 2, "bb", T2, "run-2"), t);
      assertEquals(
          List.of(new TileRecord("temperature", 4, 1, 0, "temps", 11119.5, 1, "cc", T1, "run-1")),
          c.tiles("temperature", 0, 10));
      assertEquals(List.of(), c.tiles("temperature", 5, 10));
      assertEquals(Optional.of(new RunRecord("run-1", T1, T2, "partial", "cfg")), c.run("run-1"));
      assertEquals(Optional.empty(), c.run("run-2"));
      assertEquals(
          List.of(
              new DeadLetter("run-1", "model", "t=3 tile (0, 1)", 3, "exit code 2", T2),
              new DeadLetter("run-1", "model", "all", 1, "timeout after PT2M", T2)),
          c.deadLetters("run-1"));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> c.startRun("run-1", T2, "cfg"));
      assertEquals("run 'run-1' is already in the catalog", e.getMessage());
    }
  }

  @Test
  void aVariableCannotChangeKindOrType() throws IOException {
    try (CubeCatalog c = CubeCatalog.open(dir.resolve("c.sqlite"))) {
      c.registerVariable(VarSpec.of("wind", VarKind.TIME, VarDtype.FLOAT32, "m s-1"));
      c.registerVariable(VarSpec.of("wind", VarKind.TIME, VarDtype.FLOAT32, "m/s"));
      assertEquals("m/s", c.variable("wind").orElseThrow().units());
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  c.registerVariable(VarSpec.of("wind", VarKind.STATIC, VarDtype.FLOAT32, "m/s")));
      assertEquals(
          "variable 'wind' is static float32 but the cube holds it as time float32; use another"
              + " name or another cube root",
          e.getMessage());
    }
  }

  @Test
  void migrationsRunOnceInOrderAndANewerSchemaIsRefused() throws Exception {
    Path file = dir.resolve("m.sqlite");
    try (CubeCatalog c = CubeCatalog.open(file)) {
      assertEquals(1, c.schemaVersion());
    }
    List<String> applied = new ArrayList<>();
    List<CatalogMigration> withV2 = new ArrayList<>(CubeCatalog.MIGRATIONS);
    withV2.add(
        conn -> {
          applied.add("v2");
          try (Statement s = conn.createStatement()) {
            s.execute("ALTER TABLE runs ADD COLUMN git_sha TEXT");
          }
        });
    try (CubeCatalog c = CubeCatalog.open(file, withV2)) {
      assertEquals(2, c.schemaVersion());
    }
    try (CubeCatalog c = CubeCatalog.open(file, withV2)) {
      assertEquals(2, c.schemaVersion());
    }
    assertEquals(List.of("v2"), applied);
    try (java.sql.Connection conn = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = conn.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT COUNT(*) FROM pragma_table_info('runs') WHERE name = 'git_sha'")) {
      assertTrue(r.next());
      assertEquals(1, r.getInt(1));
    }
    IOException e = assertThrows(IOException.class, () -> CubeCatalog.open(file));
    assertTrue(
        e.getMessage().contains("has schema version 2, newer than this build supports (1)"),
        e.getMessage());
  }

  @Test
  void aFailedMigrationLeavesTheVersionAsItWas() throws IOException {
    Path file = dir.resolve("f.sqlite");
    List<CatalogMigration> broken = new ArrayList<>(CubeCatalog.MIGRATIONS);
    broken.add(
        conn -> {
          try (Statement s = conn.createStatement()) {
            s.execute("ALTER TABLE no_such_table ADD COLUMN x TEXT");
          }
        });
    IOException e = assertThrows(IOException.class, () -> CubeCatalog.open(file, broken));
    assertTrue(e.getMessage().contains("from schema version 1 to 2"), e.getMessage());
    try (CubeCatalog c = CubeCatalog.open(file)) {
      assertEquals(1, c.schemaVersion());
    }
  }
}
