package org.magg.pipelines.runners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.engine.Field;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.Cube;
import org.magg.pipelines.Magg;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.EngineConfig;
import org.magg.pipelines.engine.EngineFixtures;
import org.magg.pipelines.engine.EngineRunOptions;
import org.magg.pipelines.engine.EngineSummary;
import org.magg.pipelines.engine.ProducerOutcome;

/**
 * The engine on the Flink runner's embedded cluster (parallelism 2) against the Direct runner on
 * the same inputs (two file producers, then a tile-parallel expression over them): the same
 * producers run, and every cube array is identical, value for value. Needs {@code -Pflink-runner}.
 */
class EngineFlinkRunnerIT {
  @BeforeAll
  static void requireFlinkRunner() {
    FlinkOnClasspath.require();
  }

  @Test
  void cubesMatchTheDirectRunner(@TempDir Path dir) throws Exception {
    EngineConfig direct =
        ConfigLoader.loadEngine(
            EngineFixtures.write(dir.resolve("direct"), EngineFixtures.CONFIG).toString(), null);
    EngineConfig flink =
        ConfigLoader.loadEngine(
            EngineFixtures.write(dir.resolve("flink"), EngineFixtures.CONFIG).toString(), null);
    EngineSummary d = Magg.run(direct, EngineRunOptions.defaults());
    EngineSummary f =
        Magg.run(
            flink,
            EngineRunOptions.defaults()
                .withPipelineArgs(List.of("--runner=FlinkRunner", "--parallelism=2")));
    assertEquals("FlinkRunner", f.runner());
    assertEquals(0, f.exitCode(), f.toText());
    assertEquals(3, f.count(ProducerOutcome.RAN), f.toText());
    assertEquals(statuses(d), statuses(f));
    try (Cube a = open(direct);
        Cube b = open(flink)) {
      for (String v : direct.variables().keySet()) {
        Field x = a.read(v, direct.cube().grid().whole());
        Field y = b.read(v, flink.cube().grid().whole());
        assertArrayEquals(x.values(), y.values(), v);
        assertEquals(a.catalog().variableVersion(v), b.catalog().variableVersion(v), v);
      }
    }
  }

  private static List<String> statuses(EngineSummary s) {
    return s.producers().stream().map(p -> p.name() + " " + p.status()).toList();
  }

  private static Cube open(EngineConfig c) throws Exception {
    List<VarSpec> vars = new ArrayList<>(c.variables().values());
    return Cube.open(Path.of(c.cube().root()), c.cube().grid(), c.cube().zarrFormat(), vars);
  }
}
