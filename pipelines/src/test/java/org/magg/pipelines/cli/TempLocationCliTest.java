package org.magg.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused run (exit 2) and a failed run (exit 1) leave nothing in the Beam temp location, for
 * every pipeline type: the per-element results a run brings back through it are deleted whatever
 * the outcome. The inputs are those of the bad-input corpus (see its README.md).
 */
class TempLocationCliTest {
  @TempDir Path dir;

  private Path corpus;
  private Path temp;

  @BeforeEach
  void setUp() throws IOException, URISyntaxException {
    corpus = Path.of(getClass().getResource("/bad-inputs").toURI());
    temp = Files.createDirectories(dir.resolve("beam-temp"));
  }

  /** Runs the command line with {@code --tempLocation}; checks its exit code and the temp dir. */
  private void assertLeavesNothing(int exit, String... args) throws IOException {
    String[] withTemp =
        Stream.concat(Stream.of(args), Stream.of("--tempLocation=" + temp)).toArray(String[]::new);
    CliRun r = CliRun.of(withTemp);
    assertEquals(exit, r.code(), r.text());
    try (Stream<Path> s = Files.list(temp)) {
      assertEquals(List.of(), s.toList(), "left in the temp location");
    }
  }

  private String[] spatial(String catalog, Path store) {
    return new String[] {
      "run",
      "--config",
      "atl06",
      "--catalog",
      corpus.resolve(catalog).toString(),
      "--store",
      store.toString()
    };
  }

  private String[] temporal(String events) {
    return new String[] {
      "run",
      "--config",
      corpus.resolve("temporal/temporal.yaml").toString(),
      "--events",
      corpus.resolve(events).toString(),
      "--fields",
      corpus.resolve("temporal/fields").toString(),
      "--output",
      dir.resolve("table").toString()
    };
  }

  private String[] historical(String input) {
    return new String[] {
      "historical",
      "process",
      "--start-date",
      "2025-09-04",
      "--end-date",
      "2025-09-05",
      "--input-dir",
      corpus.resolve(input).toString(),
      "--output-dir",
      dir.resolve("cdf").toString(),
      "--telemetry",
      dir.resolve("telemetry.csv").toString()
    };
  }

  @Test
  void spatial() throws IOException {
    // refused: the store exists (before the catalog, which is broken, is read)
    assertLeavesNothing(
        2,
        spatial("spatial/catalog-malformed.json", corpus.resolve("spatial/existing-store.zarr")));
    // failed: one granule is truncated
    assertLeavesNothing(1, spatial("spatial/catalog-truncated.json", dir.resolve("s.zarr")));
  }

  @Test
  void temporal() throws IOException {
    assertLeavesNothing(2, temporal("temporal/events-malformed.json"));
    // a truncated field file and a broken event
    assertLeavesNothing(1, temporal("temporal/events.json"));
  }

  @Test
  void historical() throws IOException {
    assertLeavesNothing(2, historical("historical/none"));
    // one day's CSV has a malformed row
    assertLeavesNothing(1, historical("historical/malformed-rows"));
  }
}
