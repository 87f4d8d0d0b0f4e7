package org.magg.pipelines.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.pipelines.Magg;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.TemporalConfig;
import org.magg.pipelines.temporal.TemporalPipelineFixture;
import org.magg.pipelines.temporal.TemporalRunOptions;
import org.magg.pipelines.temporal.TemporalSummary;

/**
 * The temporal pipeline on the Flink runner's embedded cluster (parallelism 2) against the Direct
 * runner on the same fields and events: the event tables are identical, byte for byte, and so are
 * the summaries' counts. Needs {@code -Pflink-runner}.
 */
class TemporalFlinkRunnerIT {
  @BeforeAll
  static void requireFlinkRunner() {
    FlinkOnClasspath.require();
  }

  @Test
  void eventTableMatchesTheDirectRunner(@TempDir Path dir) throws Exception {
    Path fields = TemporalPipelineFixture.writeFields(dir.resolve("fields"));
    Path events = dir.resolve("events.json");
    Files.writeString(events, TemporalPipelineFixture.EVENTS);
    TemporalConfig config =
        (TemporalConfig) ConfigLoader.parseAny(TemporalPipelineFixture.CONFIG, "fixture");
    TemporalSummary direct = run(config, events, fields, dir.resolve("direct"), List.of());
    TemporalSummary flink =
        run(
            config,
            events,
            fields,
            dir.resolve("flink"),
            List.of("--runner=FlinkRunner", "--parallelism=2"));
    assertEquals("FlinkRunner", flink.runner());
    assertEquals(direct.statuses(), flink.statuses(), flink.toText());
    assertEquals(direct.timestepsRead(), flink.timestepsRead());
    assertEquals(direct.bytesRead(), flink.bytesRead());
    assertEquals(
        Files.readString(dir.resolve("direct/events.csv")),
        Files.readString(dir.resolve("flink/events.csv")));
    assertEquals(
        -1L, Files.mismatch(dir.resolve("direct/events.nc"), dir.resolve("flink/events.nc")));
  }

  private static TemporalSummary run(
      TemporalConfig config, Path events, Path fields, Path out, List<String> args) {
    return Magg.run(
        config,
        TemporalRunOptions.batch(events.toString(), fields.toString(), out.toString())
            .withPipelineArgs(args));
  }
}
