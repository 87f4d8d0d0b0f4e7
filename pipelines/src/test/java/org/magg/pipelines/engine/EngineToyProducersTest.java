package org.magg.pipelines.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.Json;
import org.magg.core.engine.Field;
import org.magg.io.engine.Cube;
import org.magg.io.engine.DeadLetter;
import org.magg.io.engine.ProducerRun;
import org.magg.pipelines.Magg;
import org.magg.pipelines.config.EngineConfig;
import org.magg.pipelines.config.EngineConfig.CubeSettings;
import org.magg.transforms.engine.DependencyResolver;

/**
 * The engine over {@link ToyProducers} given as Java objects: the order it resolves, retries, dead
 * letters with their dependants upstream_failed while an independent branch completes, the report,
 * and a halo-coupled tile-parallel producer equal to the whole-grid computation at the tile edges.
 */
class EngineToyProducersTest {
  @TempDir Path dir;

  @BeforeEach
  void resetAttempts() {
    ToyProducers.ATTEMPTS.clear();
  }

  private EngineConfig config() {
    return EngineConfig.of(
        new CubeSettings(dir.resolve("cube").toString(), 3, ToyProducers.GRID), ToyProducers.all());
  }

  @Test
  void resolvesInLayersFromTheSources() {
    assertEquals(
        List.of(
            List.of("clock", "ramp"),
            List.of("broken", "flaky", "smooth", "total"),
            List.of("after_broken")),
        DependencyResolver.resolve(config().producers(), List.of()).layerNames());
  }

  @Test
  void retriesDeadLettersUpstreamFailedAndTheReport() throws Exception {
    EngineConfig config = config();
    EngineSummary s = Magg.run(config, EngineRunOptions.defaults().withRunId("run-toys"));
    assertEquals(1, s.exitCode(), s.toText());
    assertEquals("partial", s.status());
    assertEquals(3, s.layers());
    // 7 resolved = 5 ran + 0 skipped + 1 failed + 1 upstream_failed
    assertEquals(7, s.producers().size());
    assertEquals(5, s.count(ProducerOutcome.RAN));
    assertEquals(1, s.count(ProducerOutcome.FAILED));
    assertEquals(1, s.count(ProducerOutcome.UPSTREAM_FAILED));
    assertTrue(s.toText().contains("7 resolved in 3 layers = 5 ran + 0 skipped + 1 failed + 1"));
    assertEquals(3, s.producer("flaky").attempts());
    assertEquals(3, ToyProducers.ATTEMPTS.get("flaky").get());
    assertEquals(2, ToyProducers.ATTEMPTS.get("broken").get());
    assertEquals(
        new ProducerOutcome("broken", "failed", 2, "all: broken: model diverged"),
        s.producer("broken"));
    assertEquals(
        new ProducerOutcome(
            "after_broken", "upstream_failed", 0, "needs 'broken_out' from 'broken', which failed"),
        s.producer("after_broken"));
    assertFalse(ToyProducers.ATTEMPTS.containsKey("after_broken"));

    JsonNode report = Json.mapper().readTree(s.reportJson());
    List<String> keys = new ArrayList<>();
    report.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("run_id", "status", "producers"), keys);
    assertEquals("run-toys", report.get("run_id").asText());
    assertEquals("partial", report.get("status").asText());
    JsonNode flaky = report.get("producers").get("flaky");
    assertEquals("ran", flaky.get("status").asText());
    assertEquals(3, flaky.get("attempts").asInt());
    assertEquals("never ran", flaky.get("reason").asText().substring(0, 9));
    assertEquals("failed", report.get("producers").get("broken").get("status").asText());

    try (Cube cube = CubeRefs.open(config)) {
      assertEquals(
          List.of("all"),
          cube.catalog().deadLetters("run-toys").stream().map(DeadLetter::subject).toList());
      DeadLetter d = cube.catalog().deadLetters("run-toys").get(0);
      assertEquals("broken", d.producer());
      assertEquals(2, d.attempts());
      assertEquals("broken: model diverged", d.reason());
      assertEquals("partial", cube.catalog().run("run-toys").orElseThrow().status());
      assertEquals(
          new ProducerRun("run-toys", "flaky", "ran", 3, s.producer("flaky").reason()),
          cube.catalog().producerRuns("run-toys").stream()
              .filter(r -> r.producer().equals("flaky"))
              .findFirst()
              .orElseThrow());
      // the independent branch completed: flaky = clock + 1, total = ramp + clock
      Field flakyOut = cube.read("flaky", ToyProducers.GRID.whole());
      Field total = cube.read("total", ToyProducers.GRID.whole());
      for (int t = 0; t < 2; t++) {
        for (int i = 0; i < 6; i++) {
          for (int j = 0; j < 8; j++) {
            assertEquals(ToyProducers.clock(t, i, j) + 1, flakyOut.at(t, i, j));
            assertEquals(ToyProducers.ramp(i, j) + ToyProducers.clock(t, i, j), total.at(t, i, j));
          }
        }
      }
    }
    // again: what succeeded is skipped, the broken branch is tried again
    ToyProducers.ATTEMPTS.clear();
    EngineSummary again = Magg.run(config, EngineRunOptions.defaults());
    assertEquals(5, again.count(ProducerOutcome.SKIPPED), again.toText());
    assertEquals(ProducerOutcome.FAILED, again.producer("broken").status());
    assertFalse(ToyProducers.ATTEMPTS.containsKey("flaky"));
  }

  @Test
  void aHaloCoupledTileParallelProducerEqualsTheWholeGridAtTileEdges() throws Exception {
    EngineConfig config = config();
    Magg.run(config, EngineRunOptions.defaults().withTargets(List.of("smooth")));
    // 4 tiles, one call each
    assertEquals(4, ToyProducers.ATTEMPTS.get("smooth").get());
    try (Cube cube = CubeRefs.open(config)) {
      Field smooth = cube.read("smooth", ToyProducers.GRID.whole());
      // by hand: cell (3, 3) is a tile corner (tiles are 4 x 4): its 3 x 3 neighbourhood spans all
      // four tiles: ramp rows 2..4, cols 2..4 sum to 9 * (10 * 3 + 3) = 297
      assertEquals(297.0, smooth.at(0, 3, 3));
      // (4, 4) is the first cell of tile (1, 1): rows 3..5, cols 3..5: 9 * (10 * 4 + 4) = 396
      assertEquals(396.0, smooth.at(0, 4, 4));
      // (5, 7) is the grid's corner: only rows 4..5, cols 6..7 exist
      assertEquals(46 + 47 + 56 + 57, smooth.at(0, 5, 7));
      // every cell against the whole-grid 3 x 3 sum
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 8; j++) {
          double sum = 0;
          for (int a = Math.max(0, i - 1); a <= Math.min(5, i + 1); a++) {
            for (int b = Math.max(0, j - 1); b <= Math.min(7, j + 1); b++) {
              sum += ToyProducers.ramp(a, b);
            }
          }
          assertEquals(sum, smooth.at(0, i, j), i + "," + j);
        }
      }
    }
  }
}
