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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.engine.InputFingerprint;
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
      assertEquals(3, c.schemaVersion());
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
      assertEquals(3, c.schemaVersion());
    }
    List<String> applied = new ArrayList<>();
    List<CatalogMigration> withV4 = new ArrayList<>(CubeCatalog.MIGRATIONS);
    withV4.add(
        conn -> {
          applied.add("v4");
          try (Statement s = conn.createStatement()) {
            s.execute("ALTER TABLE runs ADD COLUMN git_sha TEXT");
          }
        });
    try (CubeCatalog c = CubeCatalog.open(file, withV4)) {
      assertEquals(4, c.schemaVersion());
    }
    try (CubeCatalog c = CubeCatalog.open(file, withV4)) {
      assertEquals(4, c.schemaVersion());
    }
    assertEquals(List.of("v4"), applied);
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
        e.getMessage().contains("has schema version 4, newer than this build supports (3)"),
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
    assertTrue(e.getMessage().contains("from schema version 3 to 4"), e.getMessage());
    try (CubeCatalog c = CubeCatalog.open(file)) {
      assertEquals(3, c.schemaVersion());
    }
  }

  @Test
  void aVersion1CatalogMigratesToFingerprintsAndRunLineage() throws IOException {
    Path file = dir.resolve("v1.sqlite");
    try (CubeCatalog c = CubeCatalog.open(file, CubeCatalog.MIGRATIONS.subList(0, 1))) {
      assertEquals(1, c.schemaVersion());
      c.registerVariable(VarSpec.of("elevation", VarKind.STATIC, VarDtype.FLOAT32, "m"));
      c.recordTile("elevation", CubeCatalog.STATIC_T, 0, 0, "dem", 10.0, "aa", T1, "run-1");
      c.startRun("run-1", T1, "cfg");
    }
    InputFingerprint fp =
        new InputFingerprint("c0ffee", Map.of("temperature", 3L), Map.of("inputs/dem.nc", "ab12"));
    try (CubeCatalog c = CubeCatalog.open(file)) {
      assertEquals(3, c.schemaVersion());
      assertEquals(1, c.variableVersion("elevation")); // kept through the migration
      assertEquals(Optional.empty(), c.fingerprint("heat"));
      c.recordFingerprint("heat", fp, "run-1", T2);
      c.recordProducerRun(new ProducerRun("run-1", "heat", "ran", 2, "never ran"));
      c.recordProducerRun(new ProducerRun("run-1", "dem", "skipped", 0, "satisfied"));
      c.recordInputFile("run-1", "dem", new FileDigest("inputs/dem.nc", "ab12", 1234));
      c.recordOutputVersion("run-1", "heat", "heat_index", 4);
    }
    try (CubeCatalog c = CubeCatalog.open(file)) {
      assertEquals(Optional.of(fp), c.fingerprint("heat"));
      assertEquals(
          List.of(
              new ProducerRun("run-1", "dem", "skipped", 0, "satisfied"),
              new ProducerRun("run-1", "heat", "ran", 2, "never ran")),
          c.producerRuns("run-1"));
      assertEquals(
          Map.of("dem", List.of(new FileDigest("inputs/dem.nc", "ab12", 1234))),
          c.inputFiles("run-1"));
      assertEquals(Map.of("heat", Map.of("heat_index", 4L)), c.outputVersions("run-1"));
      assertEquals(List.of("run-1"), c.runs().stream().map(RunRecord::runId).toList());
    }
  }

  @Test
  void aVersion2CatalogMigratesToRunEnvironments() throws Exception {
    Path file = dir.resolve("v2.sqlite");
    try (CubeCatalog c = CubeCatalog.open(file, CubeCatalog.MIGRATIONS.subList(0, 2))) {
      assertEquals(2, c.schemaVersion());
      c.startRun("run-1", T1, "cfg");
      c.finishRun("run-1", T2, "succeeded");
      c.recordOutputVersion("run-1", "heat", "heat_index", 4);
    }
    try (java.sql.Connection conn = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = conn.createStatement();
        ResultSet r =
            s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = 'run_environment'")) {
      assertTrue(r.next());
      assertEquals(0, r.getInt(1));
    }
    try (CubeCatalog c = CubeCatalog.open(file)) {
      assertEquals(3, c.schemaVersion());
      // the old run is kept and has no recorded environment
      assertEquals(Optional.of(new RunRecord("run-1", T1, T2, "succeeded", "cfg")), c.run("run-1"));
      assertEquals(Map.of("heat", Map.of("heat_index", 4L)), c.outputVersions("run-1"));
      assertEquals(Map.of(), c.runEnvironment("run-1"));
      c.startRun("run-2", T2, "cfg");
      c.recordRunEnvironment("run-2", Map.of("java", "17.0.9", "beam", "2.70.0"));
      c.recordRunEnvironment("run-2", Map.of("java", "17.0.10"));
    }
    try (CubeCatalog c = CubeCatalog.open(file)) {
      assertEquals(List.of("beam", "java"), new ArrayList<>(c.runEnvironment("run-2").keySet()));
      assertEquals(Map.of("java", "17.0.10", "beam", "2.70.0"), c.runEnvironment("run-2"));
      assertEquals(Map.of(), c.runEnvironment("run-1"));
    }
  }
}
