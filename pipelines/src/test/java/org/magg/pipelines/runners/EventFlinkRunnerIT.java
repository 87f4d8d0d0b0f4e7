package org.magg.pipelines.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.pipelines.Magg;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.EventConfig;
import org.magg.pipelines.event.EventFixture;
import org.magg.pipelines.event.EventRunOptions;
import org.magg.pipelines.event.EventSummary;

/**
 * The event pipeline on the Flink runner's embedded cluster (parallelism 2) against the Direct
 * runner on the same synthetic fields, with an aggregation and a Zarr mask store: every file
 * written is identical, byte for byte, and so are the summaries' counts. Needs {@code
 * -Pflink-runner}.
 */
class EventFlinkRunnerIT {
  private static final String EXTRA =
      String.join(
          "\n",
          "aggregation:",
          "  variables:",
          "    max_V: {variable: V, collection: V, spatial_func: max, temporal_reducer: max,"
              + " mask: full}",
          "output: {masks: zarr, format: netcdf}",
          "");

  @BeforeAll
  static void requireFlinkRunner() {
    FlinkOnClasspath.require();
  }

  @Test
  void outputsMatchTheDirectRunner(@TempDir Path dir) throws Exception {
    Path fields = EventFixture.write(dir.resolve("fields"));
    EventConfig config =
        (EventConfig) ConfigLoader.parseAny(EventFixture.CONFIG + EXTRA, "fixture");
    EventSummary direct = run(config, fields, dir.resolve("direct"), List.of());
    EventSummary flink =
        run(
            config,
            fields,
            dir.resolve("flink"),
            List.of("--runner=FlinkRunner", "--parallelism=2"));
    assertEquals("FlinkRunner", flink.runner());
    assertEquals(0, flink.exitCode(), flink.toText());
    assertEquals(direct.timestepsRead(), flink.timestepsRead(), flink.toText());
    assertEquals(direct.timestepsDetected(), flink.timestepsDetected());
    assertEquals(direct.objects(), flink.objects());
    assertEquals(direct.eventsKept(), flink.eventsKept());
    assertEquals(direct.eventsDropped(), flink.eventsDropped());
    assertEquals(direct.metricStatuses(), flink.metricStatuses());
    List<Path> files = files(dir.resolve("direct"));
    assertEquals(
        files.stream().map(f -> dir.resolve("direct").relativize(f)).toList(),
        files(dir.resolve("flink")).stream().map(f -> dir.resolve("flink").relativize(f)).toList());
    for (Path f : files) {
      Path other = dir.resolve("flink").resolve(dir.resolve("direct").relativize(f));
      assertEquals(-1L, Files.mismatch(f, other), f.toString());
    }
  }

  private static List<Path> files(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static EventSummary run(EventConfig config, Path fields, Path out, List<String> args) {
    return Magg.run(
        config, EventRunOptions.batch(fields.toString(), out.toString()).withPipelineArgs(args));
  }
}
