package org.magg.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.Json;
import org.magg.io.engine.CubeCatalog;
import org.magg.pipelines.engine.EngineFixtures;

/**
 * {@code magg engine lineage RUN_ID --config CONFIG}: the OpenLineage RunEvent of a run that
 * succeeded and of one that failed in part, checked against digests computed here and the catalog's
 * versions; the versions and git commit are those recorded when the run started.
 */
class EngineLineageCommandTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  /** An external producer that always exits 3, once. */
  private static final String FAILING =
      EngineFixtures.CONFIG.replace(
              "producers:\n", "  risk: {kind: time, dtype: float64, units: \"1\"}\nproducers:\n")
          + "  model: {type: external, needs: [heat_index], produces: [risk],"
          + " command: [/bin/sh, -c, \"exit 3\"], timeout: PT1M}\n";

  @TempDir Path dir;

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private String runId(Path config) throws Exception {
    Path report = dir.resolve("report.json");
    CliRun run = CliRun.of("engine", "run", config.toString(), "--report", report.toString());
    assertTrue(run.code() == 0 || run.code() == 1, run.err() + run.out());
    return Json.mapper().readTree(Files.readString(report)).get("run_id").asText();
  }

  private JsonNode lineage(Path config, String runId) throws Exception {
    CliRun l = CliRun.of("engine", "lineage", runId, "--config", config.toString());
    assertEquals(0, l.code(), l.err());
    assertEquals("", l.err());
    return Json.mapper().readTree(l.out());
  }

  @Test
  void aRunsLineageNamesEveryInputByContentAndEveryVariableVersion() throws Exception {
    // the config sits in a git checkout on branch main at SHA
    Files.createDirectories(dir.resolve(".git/refs/heads"));
    Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(dir.resolve(".git/refs/heads/main"), SHA + "\n");
    Path work = Files.createDirectories(dir.resolve("work"));
    Path config = EngineFixtures.write(work, EngineFixtures.CONFIG);
    String first = runId(config);

    JsonNode e = lineage(config, first);
    assertEquals("COMPLETE", e.get("eventType").asText());
    assertEquals(
        "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent",
        e.get("schemaURL").asText());
    assertTrue(e.get("producer").asText().startsWith("magg-beam/"), e.toString());
    assertEquals(first, e.get("run").get("runId").asText());
    JsonNode facets = e.get("run").get("facets");
    Path root = work.resolve("cube");
    try (CubeCatalog c = CubeCatalog.open(root.resolve(CubeCatalog.FILE_NAME))) {
      var run = c.run(first).orElseThrow();
      assertEquals(run.endedAt().toString(), e.get("eventTime").asText());
      assertEquals(
          run.startedAt().toString(), facets.get("nominalTime").get("nominalStartTime").asText());
      assertEquals(run.configHash(), facets.get("magg_config").get("configHash").asText());
      assertEquals(64, run.configHash().length());
      // every output variable version, as the catalog has it
      Map<String, Long> outputs = new TreeMap<>();
      for (JsonNode o : e.get("outputs")) {
        assertEquals("file", o.get("namespace").asText());
        String name = o.get("name").asText();
        String variable = Path.of(name).getFileName().toString().replace(".zarr", "");
        assertEquals(root.resolve(variable + ".zarr").toString(), name);
        long version = o.get("facets").get("magg_variable").get("version").asLong();
        assertEquals(
            Long.toString(version),
            o.get("facets").get("datasetVersion").get("datasetVersion").asText());
        outputs.put(variable, version);
      }
      assertEquals(
          Map.of(
              "elevation", c.variableVersion("elevation"),
              "heat_index", c.variableVersion("heat_index"),
              "temperature", c.variableVersion("temperature")),
          outputs);
      // by hand: a variable's version goes up once per tile first written, 2 x 2 tiles, 3 steps
      assertEquals(Map.of("elevation", 4L, "heat_index", 12L, "temperature", 12L), outputs);
    }
    assertEquals("succeeded", facets.get("magg_run").get("status").asText());
    assertEquals(
        System.getProperty("java.version"), facets.get("magg_versions").get("java").asText());
    assertEquals("2.70.0", facets.get("magg_versions").get("beam").asText());
    for (String p : List.of("dem", "temps", "heat")) {
      JsonNode o = facets.get("magg_producers").get("producers").get(p);
      assertEquals("ran", o.get("status").asText(), p);
      assertEquals(1, o.get("attempts").asInt(), p);
    }
    // every input file, by content
    Map<String, String> inputs = new TreeMap<>();
    for (JsonNode i : e.get("inputs")) {
      assertEquals("file", i.get("namespace").asText());
      JsonNode f = i.get("facets").get("magg_file");
      Path file = Path.of(i.get("name").asText());
      assertEquals(Files.size(file), f.get("size").asLong());
      inputs.put(file.toString(), f.get("sha256").asText());
    }
    assertEquals(
        Map.of(
            work.resolve("inputs/dem.nc").toString(), sha256(work.resolve("inputs/dem.nc")),
            work.resolve("inputs/t2m.nc").toString(), sha256(work.resolve("inputs/t2m.nc"))),
        inputs);
    assertEquals("magg", e.get("job").get("namespace").asText());
    assertEquals("engine.yaml", e.get("job").get("name").asText());
    JsonNode source = e.get("job").get("facets").get("sourceCodeLocation");
    assertEquals(SHA, source.get("version").asText());
    assertEquals("main", source.get("branch").asText());
    assertEquals("git", source.get("type").asText());

    // a run where the model fails: FAIL; it read no file and left no version (the rest skipped)
    Files.writeString(config, FAILING);
    Files.writeString(dir.resolve(".git/refs/heads/main"), SHA.replace('0', 'f') + "\n");
    String second = runId(config);
    JsonNode f = lineage(config, second);
    assertEquals("FAIL", f.get("eventType").asText());
    JsonNode fFacets = f.get("run").get("facets");
    assertEquals("partial", fFacets.get("magg_run").get("status").asText());
    JsonNode model = fFacets.get("magg_producers").get("producers").get("model");
    assertEquals("failed", model.get("status").asText());
    assertEquals(1, model.get("attempts").asInt());
    assertTrue(model.get("reason").asText().contains("exited with status 3"), model.toString());
    assertEquals(
        "skipped",
        fFacets.get("magg_producers").get("producers").get("heat").get("status").asText());
    assertEquals(0, f.get("inputs").size());
    assertEquals(0, f.get("outputs").size());
    assertEquals(
        SHA.replace('0', 'f'),
        f.get("job").get("facets").get("sourceCodeLocation").get("version").asText());

    // the first run's lineage is what that run recorded, not what this process has
    try (CubeCatalog c = CubeCatalog.open(root.resolve(CubeCatalog.FILE_NAME))) {
      c.recordRunEnvironment(first, Map.of("java", "11.0.1"));
    }
    Path out = dir.resolve("lineage.json");
    CliRun toFile =
        CliRun.of(
            "engine", "lineage", first, "--config", config.toString(), "--output", out.toString());
    assertEquals(0, toFile.code(), toFile.err());
    assertEquals("", toFile.out());
    JsonNode again = Json.mapper().readTree(Files.readString(out));
    assertEquals(
        "11.0.1", again.get("run").get("facets").get("magg_versions").get("java").asText());
    assertEquals(
        SHA, again.get("job").get("facets").get("sourceCodeLocation").get("version").asText());
    assertEquals(2, again.get("inputs").size());

    // an unknown run: one line naming the runs there are, exit 2
    CliRun unknown = CliRun.of("engine", "lineage", "run-nope", "--config", config.toString());
    assertEquals(2, unknown.code());
    assertEquals(
        "magg: cube " + root + " has no run 'run-nope' (runs: [" + first + ", " + second + "])\n",
        unknown.err());
  }

  @Test
  void withoutACheckoutThereIsNoSourceFacetAndACubeWithoutRunsSaysSo() throws Exception {
    Path config = EngineFixtures.write(dir, EngineFixtures.CONFIG);
    CliRun none = CliRun.of("engine", "lineage", "run-1", "--config", config.toString());
    assertEquals(2, none.code());
    assertTrue(
        none.err().startsWith("magg: cube " + dir.resolve("cube") + " has no runs"), none.err());
    assertFalse(Files.exists(dir.resolve("cube/catalog.sqlite")));
    String id = runId(config);
    JsonNode e = lineage(config, id);
    assertFalse(e.get("job").get("facets").has("sourceCodeLocation"), e.toString());
  }
}
