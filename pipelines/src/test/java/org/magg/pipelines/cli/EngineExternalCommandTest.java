package org.magg.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.Json;
import org.magg.core.engine.Field;
import org.magg.io.engine.Cube;
import org.magg.io.engine.DeadLetter;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.EngineConfig;
import org.magg.pipelines.engine.EngineFixtures;
import org.magg.testing.SharedData;

/**
 * {@code magg engine run} of a config with file, expression and external producers, the external
 * one a real separate program ({@code risk_model.py}, Python 3 with xarray and scipy) run in the
 * config file's directory: {@code risk = (heat_index - 280) / SCALE}, SCALE its command's second
 * argument, and {@code alert = 100 * risk} after it. The fixture's inputs give {@code heat_index(t,
 * i, j) = temperature - 0.0065 elevation} with {@code temperature = 280 + t + 0.5 i + 0.25 j} and
 * {@code elevation = 100 i + j} (both float32 in the cube), so every value is known by hand.
 */
class EngineExternalCommandTest {
  private static final String PYTHON = "/usr/bin/python3";

  static final String CONFIG =
      EngineFixtures.CONFIG.replace(
              "producers:\n",
              "  risk:        {kind: time, dtype: float64, units: \"1\"}\n"
                  + "  alert:       {kind: time, dtype: float64, units: \"%\"}\n"
                  + "producers:\n")
          + "  model:\n"
          + "    type: external\n"
          + "    needs: [heat_index]\n"
          + "    produces: [risk]\n"
          + "    command: [\""
          + PYTHON
          + "\", risk_model.py, MODE, \"SCALE\", \"{inputs}\", \"{outputs}\"]\n"
          + "    timeout: PT2M\n"
          + "    retry: {max_attempts: 3, backoff: PT0.05S}\n"
          + "    capabilities: {tile_parallel: false}\n"
          + "  alert: {type: expression, needs: [risk], produces: [alert], expression: \"100 *"
          + " risk\"}\n";

  @TempDir Path dir;

  @BeforeAll
  static void requirePython() {
    SharedData.requireOrSkip(
        commandWorks(PYTHON, "-c", "import xarray, scipy"),
        "the external risk model needs Python 3 with xarray and scipy: run"
            + " `apt-get update && apt-get install -y python3-xarray python3-scipy`");
  }

  private static boolean commandWorks(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private Path config(String mode, int scale) throws Exception {
    Path file = dir.resolve("engine.yaml");
    String text = CONFIG.replace("MODE", mode).replace("SCALE", Integer.toString(scale));
    if (Files.exists(file)) {
      Files.writeString(file, text);
      return file;
    }
    Files.copy(
        Path.of(EngineExternalCommandTest.class.getResource("risk_model.py").toURI()),
        dir.resolve("risk_model.py"));
    return EngineFixtures.write(dir, text);
  }

  private CliRun run(Path config, Path report) {
    return CliRun.of("engine", "run", config.toString(), "--report", report.toString());
  }

  private static JsonNode read(Path report) throws Exception {
    return Json.mapper().readTree(Files.readString(report));
  }

  private static Map<String, String> statuses(JsonNode report) {
    Map<String, String> out = new java.util.TreeMap<>();
    report
        .get("producers")
        .fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().get("status").asText()));
    return out;
  }

  /** heat_index as the cube holds it: float32 inputs, the expression in doubles. */
  static double heat(int t, int i, int j) {
    double tk = (float) (280 + t + 0.5 * i + 0.25 * j);
    double z = (float) (100 * i + j);
    return tk - 0.0065 * z;
  }

  @Test
  void aFailingModelIsRetriedThenDeadLetteredAndAChangedCommandRerunsItAndItsDependants()
      throws Exception {
    Path report = dir.resolve("report.json");

    // 1. the model exits 3: three attempts, a dead letter, alert upstream_failed, exit 1
    Path config = config("fail", 20);
    CliRun failing = run(config, report);
    assertEquals(1, failing.code(), failing.err() + failing.out());
    JsonNode r1 = read(report);
    assertEquals("partial", r1.get("status").asText());
    assertEquals(
        Map.of(
            "alert", "upstream_failed",
            "dem", "ran",
            "heat", "ran",
            "model", "failed",
            "temps", "ran"),
        statuses(r1));
    JsonNode model = r1.get("producers").get("model");
    assertEquals(3, model.get("attempts").asInt());
    assertTrue(model.get("reason").asText().contains("exited with status 3"), model.toString());
    assertEquals(
        "needs 'risk' from 'model', which failed",
        r1.get("producers").get("alert").get("reason").asText());
    String runId = r1.get("run_id").asText();
    Path log = dir.resolve("cube/logs/" + runId + "/model.log");
    String logText = Files.readString(log);
    assertEquals(3, count(logText, "==== exit status 3"), logText);
    assertEquals(3, count(logText, "risk model broke: no fuel map"), logText);
    assertTrue(
        failing.out().contains("= 3 ran + 0 skipped + 1 failed + 1 upstream_failed"),
        failing.out());
    EngineConfig loaded = ConfigLoader.loadEngine(config.toString(), null);
    try (Cube cube = open(loaded)) {
      List<DeadLetter> letters = cube.catalog().deadLetters(runId);
      assertEquals(1, letters.size(), letters.toString());
      assertEquals("model", letters.get(0).producer());
      assertEquals(3, letters.get(0).attempts());
    }

    // 2. the command changes (the model works now): only it and its dependant run
    config = config("ok", 20);
    CliRun ok = run(config, report);
    assertEquals(0, ok.code(), ok.err() + ok.out());
    JsonNode r2 = read(report);
    assertEquals(
        Map.of(
            "alert", "ran", "dem", "skipped", "heat", "skipped", "model", "ran", "temps",
            "skipped"),
        statuses(r2));
    assertTrue(
        r2.get("producers").get("model").get("reason").asText().contains("never ran")
            || r2.get("producers").get("model").get("reason").asText().contains("configuration"),
        r2.toString());
    checkRisk(config, 20);

    // 3. nothing changed: everything is skipped
    CliRun again = run(config, report);
    assertEquals(0, again.code(), again.err() + again.out());
    JsonNode r3 = read(report);
    assertEquals("succeeded", r3.get("status").asText());
    for (String s : statuses(r3).values()) {
      assertEquals("skipped", s, r3.toString());
    }

    // 4. the model's command changes its scale: it and alert rerun, nothing upstream does
    config = config("ok", 10);
    CliRun rescaled = run(config, report);
    assertEquals(0, rescaled.code(), rescaled.err() + rescaled.out());
    JsonNode r4 = read(report);
    assertEquals(
        Map.of(
            "alert", "ran", "dem", "skipped", "heat", "skipped", "model", "ran", "temps",
            "skipped"),
        statuses(r4));
    assertTrue(
        r4.get("producers").get("model").get("reason").asText().contains("configuration changed"),
        r4.toString());
    assertTrue(
        r4.get("producers")
            .get("alert")
            .get("reason")
            .asText()
            .contains("input variable 'risk' changed"),
        r4.toString());
    checkRisk(config, 10);
  }

  private void checkRisk(Path config, int scale) throws Exception {
    EngineConfig c = ConfigLoader.loadEngine(config.toString(), null);
    try (Cube cube = open(c)) {
      Field risk = cube.read("risk", cube.grid().whole());
      Field alert = cube.read("alert", cube.grid().whole());
      for (int t = 0; t < 3; t++) {
        for (int i = 0; i < 6; i++) {
          for (int j = 0; j < 8; j++) {
            double expected = (heat(t, i, j) - 280) / scale;
            assertEquals(expected, risk.at(t, i, j), 1e-12, "risk at " + t + "," + i + "," + j);
            assertEquals(100 * expected, alert.at(t, i, j), 1e-10);
          }
        }
      }
      // e.g. t=2, i=3, j=4: heat = 284.5 - 0.0065 * 304 = 282.524, risk = 0.1262 at 20
      assertEquals(scale == 20 ? 0.1262 : 0.2524, risk.at(2, 3, 4), 1e-9);
    }
  }

  private static Cube open(EngineConfig c) throws Exception {
    return Cube.open(
        Path.of(c.cube().root()),
        c.cube().grid(),
        c.cube().zarrFormat(),
        new ArrayList<>(c.variables().values()));
  }

  private static int count(String text, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
