package org.magg.pipelines.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.magg.core.ConfigException;
import org.magg.core.Json;
import org.magg.core.YamlBinding;
import org.magg.core.engine.CostHint;
import org.magg.core.engine.DataAdapter;
import org.magg.core.engine.ProducerCapabilities;
import org.magg.core.engine.VarDtype;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;
import org.magg.transforms.engine.ExternalModelException;
import org.magg.transforms.engine.ExternalModelException.Kind;
import org.magg.transforms.engine.ExternalProducer;
import org.magg.transforms.engine.Producer;

/** The engine config's YAML: the external producer's record, defaults and field errors. */
class EngineConfigTest {
  private static final String HEAD =
      String.join(
          "\n",
          "pipeline: {type: engine}",
          "cube:",
          "  root: cube",
          "  grid: {lat: {start: 30.0, step: 0.1, count: 40}, lon: {start: -120.0, step: 0.1,"
              + " count: 60}}",
          "  tile: {lat: 16, lon: 32}",
          "  time: {start: \"2021-07-01T00:00:00Z\", step: PT1H, count: 6}",
          "variables:",
          "  heat_index: {kind: time, units: K}",
          "  risk: {kind: time, units: \"1\"}",
          "producers:",
          "");

  @Test
  void anExternalProducerParsesIntoItsRecord() throws Exception {
    String model =
        "{type: external, needs: [heat_index], produces: [risk], command: [python3, model.py,"
            + " \"{inputs}\", \"{outputs}\"], timeout: PT2M, retry: {max_attempts: 3, backoff:"
            + " PT1S}, capabilities: {tile_parallel: true, halo_cells: 2}}";
    EngineConfigParser.ProducerSection s =
        YamlBinding.bind(Json.yaml().readTree(model), EngineConfigParser.ProducerSection.class);
    VarSpec heat = VarSpec.of("heat_index", VarKind.TIME, VarDtype.FLOAT32, "K");
    VarSpec risk = VarSpec.of("risk", VarKind.TIME, VarDtype.FLOAT32, "1");
    DataAdapter needs =
        DataAdapter.of(org.magg.core.engine.DataNeed.of("heat_index", VarKind.TIME));
    ProducerCapabilities caps = s.capabilities().toCapabilities("producers.model.capabilities");
    ExternalSpec spec =
        EngineConfigParser.external("model", s, needs, List.of(risk), caps, Path.of("/cfg"));
    ProducerCapabilities expectedCaps =
        new ProducerCapabilities(2, true, false, false, false, CostHint.CPU, 0);
    assertEquals(expectedCaps, caps);
    assertEquals(
        new ExternalSpec(
            "model",
            needs,
            List.of(risk),
            List.of("python3", "model.py", "{inputs}", "{outputs}"),
            "/cfg",
            Duration.ofMinutes(2),
            3,
            Duration.ofSeconds(1),
            expectedCaps),
        spec);
    assertEquals(heat.name(), spec.needs().names().get(0));
    // the config builds the producer that runs it: command, timeout, retry and capabilities
    EngineConfig c =
        (EngineConfig)
            ConfigLoader.parseAny(
                HEAD
                    + "  heat: {type: expression, produces: [heat_index], expression: \"290\"}\n"
                    + "  model: "
                    + model
                    + "\n",
                "test");
    Producer p = c.producer("model");
    assertTrue(p instanceof ExternalProducer, p.toString());
    assertEquals(expectedCaps, p.capabilities());
    assertEquals(3, p.retryPolicy().maxAttempts());
    assertEquals(Duration.ofSeconds(1), p.retryPolicy().backoff());
    assertTrue(
        p.retryPolicy().retryable().test(new ExternalModelException(Kind.EXIT, "x", null, null)));
    assertFalse(p.retryPolicy().retryable().test(new IllegalStateException("x")));
    assertEquals(
        List.of("python3", "model.py", "{inputs}", "{outputs}"), p.configuration().get("command"));
    assertEquals("PT2M", p.configuration().get("timeout"));
    assertEquals(
        Path.of(c.cube().root(), "logs", "{run_id}", "model.log"),
        EngineProducers.runLog(c.cube().root(), "model"));
  }

  @Test
  void fieldErrorsNameThePath() {
    ConfigException a =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parseAny(
                    HEAD.replace("root: cube", "root: cube\n  zarr_format: 4"), "test"));
    assertEquals("cube.zarr_format: must be 2 or 3, got 4", a.getMessage());
    ConfigException b =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parseAny(HEAD + "  x: {type: shell, produces: [risk]}\n", "test"));
    assertEquals(
        "producers.x.type: 'shell' is not a producer type (allowed: [file, expression,"
            + " external])",
        b.getMessage());
    ConfigException c =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parseAny(
                    HEAD
                        + "  x: {type: file, produces: [risk], source: a.nc#v, expression: \"1\"}\n",
                    "test"));
    assertEquals(
        "producers.x.expression: only expression producers take expression (this one is file)",
        c.getMessage());
    ConfigException d =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parseAny(
                    HEAD.replace("risk: {kind: time", "risk: {kind: hourly"), "test"));
    assertEquals("variables.risk.kind: kind must be static or time, got 'hourly'", d.getMessage());
  }

  @Test
  void theDefaultsAndTheConfigHash() {
    EngineConfig c =
        (EngineConfig)
            ConfigLoader.parseAny(
                HEAD
                    + "  h: {type: file, produces: [heat_index], source: h.nc#h}\n"
                    + "  r: {type: expression, needs: [heat_index], produces: [risk],"
                    + " expression: \"heat_index / 300\"}\n",
                "test");
    assertEquals(3, c.cube().zarrFormat());
    assertEquals(16, c.cube().grid().tileLat());
    assertEquals(Path.of("cube").toAbsolutePath().toString(), c.cube().root());
    assertEquals(VarDtype.FLOAT32, c.variables().get("risk").dtype());
    EngineConfig same =
        (EngineConfig)
            ConfigLoader.parseAny(
                HEAD
                    + "  h: {type: file, produces: [heat_index], source: h.nc#h}\n"
                    + "  r: {type: expression, needs: [heat_index], produces: [risk],"
                    + " expression: \"heat_index/300\"}\n",
                "test");
    // the expression's canonical form is hashed, not its spelling
    assertEquals(c.configHash(), same.configHash());
    assertEquals(64, c.configHash().length());
  }

  @Test
  void theSampleConfigLoads() {
    Path file = org.magg.testing.SharedData.projectDir().resolve("configs/engine_heat.yaml");
    EngineConfig c = ConfigLoader.loadEngine(file.toString(), null);
    assertEquals(
        List.of("dem", "temps", "heat"),
        c.producers().stream().map(org.magg.transforms.engine.Producer::name).toList());
    assertEquals(file.getParent().resolve("cube").toString(), c.cube().root());
    assertEquals(2, c.cube().zarrFormat());
    assertEquals(3, c.producer("temps").retryPolicy().maxAttempts());
    assertEquals(true, c.producer("heat").capabilities().tileParallel());
  }
}
