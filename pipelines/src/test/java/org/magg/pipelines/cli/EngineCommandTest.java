package org.magg.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.Json;
import org.magg.pipelines.engine.EngineFixtures;
import org.magg.testing.ZarrReaders;

/** {@code magg engine run | status} and {@code magg run} of an engine config, in process. */
class EngineCommandTest {
  @TempDir Path dir;

  @Test
  void runWritesTheReportThenStatusAndASecondRunSkip() throws Exception {
    Path config = EngineFixtures.write(dir, EngineFixtures.CONFIG);
    Path report = dir.resolve("report.json");
    CliRun before = CliRun.of("engine", "status", config.toString());
    assertEquals(0, before.code(), before.err());
    assertTrue(
        before.out().contains("variables: 3 = 0 satisfied + 0 stale + 3 missing"), before.out());

    CliRun run = CliRun.of("engine", "run", config.toString(), "--report", report.toString());
    assertEquals(0, run.code(), run.err() + run.out());
    assertTrue(
        run.out().contains("3 resolved in 2 layers = 3 ran + 0 skipped + 0 failed + 0"), run.out());
    JsonNode r = Json.mapper().readTree(Files.readString(report));
    List<String> keys = new ArrayList<>();
    r.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("run_id", "status", "producers"), keys);
    assertEquals("succeeded", r.get("status").asText());
    assertTrue(r.get("run_id").asText().startsWith("run-"));
    for (String p : List.of("dem", "temps", "heat")) {
      JsonNode n = r.get("producers").get(p);
      assertEquals("ran", n.get("status").asText(), p);
      assertEquals(1, n.get("attempts").asInt());
      List<String> fields = new ArrayList<>();
      n.fieldNames().forEachRemaining(fields::add);
      assertEquals(List.of("status", "attempts", "reason"), fields);
    }

    CliRun satisfied = CliRun.of("engine", "status", config.toString());
    assertTrue(
        satisfied.out().contains("variables: 3 = 3 satisfied + 0 stale + 0 missing"),
        satisfied.out());

    EngineFixtures.rewriteDem(dir, 5);
    CliRun stale = CliRun.of("engine", "status", config.toString(), "--json");
    JsonNode s = Json.mapper().readTree(stale.out());
    assertEquals("stale", s.get("variables").get("elevation").get("state").asText());
    assertTrue(
        s.get("variables").get("elevation").get("reason").asText().contains("dem.nc' changed"));
    assertEquals("stale", s.get("variables").get("heat_index").get("state").asText());
    assertEquals(
        "upstream producer 'dem' is stale",
        s.get("variables").get("heat_index").get("reason").asText());
    assertEquals("satisfied", s.get("variables").get("temperature").get("state").asText());

    // magg run --config runs an engine config too
    CliRun again = CliRun.of("run", "--config", config.toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("= 2 ran + 1 skipped + 0 failed + 0"), again.out());
  }

  @Test
  void progressReportsEachLayersCallsDoneOfTotal() throws Exception {
    Path config = EngineFixtures.write(dir, EngineFixtures.CONFIG);
    CliRun run = CliRun.of("--log-format", "json", "engine", "run", config.toString());
    assertEquals(0, run.code(), run.err() + run.out());
    // the fixture: dem and temps (one call each) in layer 1; heat in layer 2, one call per tile
    // of 4 x 4 cells over the 6 x 8 grid: 2 x 2 = 4 calls
    java.util.Map<String, JsonNode> last = new java.util.TreeMap<>();
    for (String line : run.err().lines().toList()) {
      JsonNode n = Json.mapper().readTree(line);
      assertEquals("progress", n.get("event").asText(), line);
      last.put(n.get("label").asText(), n);
    }
    assertEquals(2, last.size(), run.err());
    JsonNode layer1 = last.get("engine layer 1 of 2 [dem, temps]");
    assertTrue(layer1.get("final").asBoolean(), run.err());
    assertEquals(2, layer1.get("done").asLong());
    assertEquals(2, layer1.get("total").asLong());
    assertEquals("calls", layer1.get("unit").asText());
    assertEquals(0, layer1.get("errors").asLong());
    JsonNode layer2 = last.get("engine layer 2 of 2 [heat]");
    assertTrue(layer2.get("final").asBoolean(), run.err());
    assertEquals(4, layer2.get("done").asLong(), run.err());
    assertEquals(4, layer2.get("total").asLong(), run.err());
    assertEquals(0, layer2.get("errors").asLong());
  }

  @Test
  void configErrorsExitTwoNamingTheField() throws Exception {
    Path unknown =
        EngineFixtures.write(
            dir,
            EngineFixtures.CONFIG.replace("needs: [elevation, temperature]", "needs: [slope]"));
    CliRun a = CliRun.of("engine", "run", unknown.toString());
    assertEquals(2, a.code(), a.out());
    assertEquals(
        "magg: producers.heat.needs: 'slope' is not declared under variables (declared:"
            + " [elevation, heat_index, temperature])\n",
        a.err());

    Path cycle =
        EngineFixtures.write(
            dir,
            EngineFixtures.CONFIG.replace(
                "temps: {type: file, produces: [temperature], source: \"inputs/t2m.nc#t2m\"}",
                "temps: {type: expression, needs: [heat_index], produces: [temperature],"
                    + " expression: \"heat_index + 1\"}"));
    CliRun b = CliRun.of("engine", "run", cycle.toString());
    assertEquals(2, b.code());
    assertEquals(
        "magg: producers: a cycle: 'heat' needs 'temperature' from 'temps', 'temps' needs"
            + " 'heat_index' from 'heat'\n",
        b.err());

    Path twoMakers =
        EngineFixtures.write(
            dir,
            EngineFixtures.CONFIG
                + "  dem2: {type: file, produces: [elevation], source: \"inputs/dem.nc#z\"}\n");
    CliRun c = CliRun.of("engine", "run", twoMakers.toString());
    assertEquals(2, c.code());
    assertEquals(
        "magg: variables.elevation.merge: variable 'elevation' is produced by 'dem' and 'dem2'"
            + " but declares no merge policy; set merge to one of last_writer, monotone_min,"
            + " monotone_max, accumulate, union\n",
        c.err());

    Path badExpression =
        EngineFixtures.write(
            dir, EngineFixtures.CONFIG.replace("0.0065 * elevation", "0.0065 * mean(elevation)"));
    CliRun d = CliRun.of("config", "validate", badExpression.toString());
    assertEquals(2, d.code());
    assertTrue(
        d.err().startsWith("magg: producers.heat.expression: 'temperature - 0.0065 *"), d.err());

    Path external =
        EngineFixtures.write(
            dir,
            EngineFixtures.CONFIG
                + "  model: {type: external, needs: [heat_index], produces: [temperature],"
                + " timeout: PT0S, command: [python3, model.py]}\n");
    CliRun e = CliRun.of("engine", "run", external.toString());
    assertEquals(2, e.code());
    assertEquals("magg: producers.model.timeout: must be positive, e.g. PT2M\n", e.err());
  }

  @Test
  void xarrayReadsTheCubeTheRunWrote() throws Exception {
    ZarrReaders.requireZarrPython();
    Path config = EngineFixtures.write(dir, EngineFixtures.CONFIG);
    assertEquals(0, CliRun.of("engine", "run", config.toString()).code());
    JsonNode out =
        ZarrReaders.zarrPython(
            dir.resolve("cube/heat_index.zarr"), List.of(""), List.of("heat_index"), List.of(""));
    JsonNode v = out.get("xarray").get("").get("variables").get("heat_index");
    assertEquals("[\"time\",\"lat\",\"lon\"]", v.get("dims").toString());
    JsonNode values = v.get("values");
    assertEquals(3 * 6 * 8, values.size());
    for (int t = 0; t < 3; t++) {
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 8; j++) {
          double tk = (float) (280 + t + 0.5 * i + 0.25 * j);
          double z = (float) (100 * i + j);
          assertEquals(tk - 0.0065 * z, ZarrReaders.number(values.get((t * 6 + i) * 8 + j)), 1e-12);
        }
      }
    }
    assertEquals(
        "<M8[ns]",
        out.get("xarray").get("").get("variables").get("time").get("decoded_dtype").asText());
  }
}
