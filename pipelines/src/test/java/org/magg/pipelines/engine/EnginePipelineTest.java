package org.magg.pipelines.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.ConfigException;
import org.magg.core.engine.Field;
import org.magg.core.engine.Region;
import org.magg.io.engine.Cube;
import org.magg.pipelines.Magg;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.EngineConfig;

/**
 * The engine on the Direct runner over {@link EngineFixture}'s files: two file producers, then a
 * tile-parallel expression over them; what is skipped, what reruns, and the cube's values.
 */
class EnginePipelineTest {
  @TempDir Path dir;

  private EngineConfig load(Path file) {
    return ConfigLoader.loadEngine(file.toString(), null);
  }

  private static EngineSummary run(EngineConfig config) {
    return Magg.run(config, EngineRunOptions.defaults());
  }

  @Test
  void runsLayerByLayerAndTheCubeHoldsTheValues() throws Exception {
    EngineConfig config = load(EngineFixture.write(dir));
    EngineSummary s = run(config);
    assertEquals(0, s.exitCode(), s.toText());
    assertEquals("succeeded", s.status());
    assertEquals(2, s.layers());
    assertEquals(
        List.of("dem", "temps", "heat"),
        s.producers().stream().map(ProducerOutcome::name).toList());
    for (ProducerOutcome p : s.producers()) {
      assertEquals(ProducerOutcome.RAN, p.status(), s.toText());
      assertEquals(1, p.attempts());
      assertTrue(p.reason().startsWith("never ran"), p.reason());
    }
    try (Cube cube = CubeRefs.open(config)) {
      Field heat = cube.read("heat_index", new Region(0, 3, 0, 6, 0, 8));
      Field temp = cube.read("temperature", new Region(0, 3, 0, 6, 0, 8));
      for (int t = 0; t < 3; t++) {
        for (int i = 0; i < 6; i++) {
          for (int j = 0; j < 8; j++) {
            // float32 storage of the inputs, float64 of the output
            double tk = (float) EngineFixture.temperature(t, i, j);
            double z = (float) EngineFixture.elevation(i, j, 0);
            assertEquals(tk, temp.at(t, i, j), 0.0);
            assertEquals(tk - 0.0065 * z, heat.at(t, i, j), 1e-12, "t=" + t + " " + i + "," + j);
          }
        }
      }
    }
  }

  @Test
  void aSecondRunSkipsEverythingAndATouchedFileChangesNothing() throws Exception {
    Path file = EngineFixture.write(dir);
    EngineConfig config = load(file);
    run(config);
    EngineSummary again = run(config);
    assertEquals(3, again.count(ProducerOutcome.SKIPPED), again.toText());
    Path dem = dir.resolve("inputs/dem.nc");
    Files.setLastModifiedTime(dem, FileTime.from(Instant.now().plusSeconds(3600)));
    EngineFixture.writeT2m(dir); // the same bytes again
    EngineSummary touched = run(config);
    assertEquals(3, touched.count(ProducerOutcome.SKIPPED), touched.toText());
    assertEquals(0, touched.exitCode());
  }

  @Test
  void changedContentRerunsExactlyWhatDependsOnIt() throws Exception {
    EngineConfig config = load(EngineFixture.write(dir));
    run(config);
    EngineFixture.writeDem(dir, 1000);
    EngineSummary s = run(config);
    assertEquals(ProducerOutcome.RAN, s.producer("dem").status(), s.toText());
    assertTrue(s.producer("dem").reason().contains("file '"), s.producer("dem").reason());
    assertTrue(s.producer("dem").reason().contains("dem.nc' changed"));
    assertEquals(ProducerOutcome.SKIPPED, s.producer("temps").status());
    assertEquals(ProducerOutcome.RAN, s.producer("heat").status());
    assertTrue(
        s.producer("heat").reason().contains("input variable 'elevation' changed"),
        s.producer("heat").reason());
    try (Cube cube = CubeRefs.open(config)) {
      Field heat = cube.read("heat_index", new Region(2, 3, 5, 6, 7, 8));
      double tk = (float) EngineFixture.temperature(2, 5, 7);
      assertEquals(tk - 0.0065 * (float) EngineFixture.elevation(5, 7, 1000), heat.at(0, 0, 0));
    }
  }

  @Test
  void changedConfigurationRerunsTheProducerAndForceRerunsAll() throws Exception {
    Path file = EngineFixture.write(dir);
    run(load(file));
    Files.writeString(
        file,
        EngineFixture.CONFIG.replace(
            "temperature - 0.0065 * elevation", "temperature - 0.0098 * elevation"));
    EngineConfig changed = load(file);
    EngineSummary s = run(changed);
    assertEquals(ProducerOutcome.SKIPPED, s.producer("dem").status());
    assertEquals(ProducerOutcome.SKIPPED, s.producer("temps").status());
    assertEquals(ProducerOutcome.RAN, s.producer("heat").status());
    assertTrue(
        s.producer("heat").reason().startsWith("configuration changed"),
        s.producer("heat").reason());
    EngineSummary forced = Magg.run(changed, EngineRunOptions.defaults().withForce(true));
    assertEquals(3, forced.count(ProducerOutcome.RAN), forced.toText());
    assertEquals("--force", forced.producer("dem").reason());
  }

  @Test
  void aTargetResolvesOnlyWhatItNeeds() throws Exception {
    EngineConfig config = load(EngineFixture.write(dir));
    EngineSummary s =
        Magg.run(config, EngineRunOptions.defaults().withTargets(List.of("elevation")));
    assertEquals(List.of("elevation"), s.targets());
    assertEquals(List.of("dem"), s.producers().stream().map(ProducerOutcome::name).toList());
  }

  @Test
  void aFileOffTheCubesGridIsAConfigError() throws Exception {
    Path file =
        EngineFixture.write(
            dir, EngineFixture.CONFIG.replace("start: 30.0, step: 1.0", "start: 30.5, step: 1.0"));
    EngineConfig config = load(file);
    ConfigException e = assertThrows(ConfigException.class, () -> run(config));
    assertTrue(
        e.getMessage().startsWith("producers.dem.source: " + dir.resolve("inputs/dem.nc")),
        e.getMessage());
    assertTrue(e.getMessage().contains("its lat (6 values 30.0 .. 35.0 by 1.0)"), e.getMessage());
    assertTrue(e.getMessage().contains("is not the cube's grid (6 values 30.5 .. 35.5 by 1.0)"));
  }
}
