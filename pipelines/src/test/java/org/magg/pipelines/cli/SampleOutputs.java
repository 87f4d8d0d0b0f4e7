package org.magg.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.magg.pipelines.event.EventFixture;
import org.magg.pipelines.samples.SampleData;

/** The outputs the pipelines' own tests produce, made through the command line for inspect/plot. */
public final class SampleOutputs {
  /** The REACH day of the historical tests (9 records kept at three times). */
  static final String REACH_DAY = "REACH-ALL_20250904T000000_20250905T000000.csv";

  private SampleOutputs() {}

  /** The atl06 config over two generated granules, two parent cells: a v3 store, child order 12. */
  public static Path spatialStore(Path dir) throws IOException {
    SampleData.Result sample =
        SampleData.generate(dir.resolve("sample"), new SampleData.Spec(2, 800, 6, 7L));
    Path store = dir.resolve("spatial.zarr");
    CliRun r =
        CliRun.of(
            "run",
            "--config",
            "atl06",
            "--catalog",
            sample.catalog().toString(),
            "--store",
            store.toString(),
            "--max-cells",
            "2",
            "--runner=DirectRunner");
    assertEquals(0, r.code(), r.text());
    return store;
  }

  /** The event pipeline on {@link EventFixture}'s blobs, with the mask store: events A, D, E, H. */
  public static Path eventOutput(Path dir) throws IOException {
    Path fields = EventFixture.write(dir.resolve("fields"));
    Path config = dir.resolve("ev.yaml");
    Files.writeString(
        config,
        EventFixture.CONFIG
            + "aggregation:\n  variables:\n    max_v: {variable: V, collection: V,"
            + " spatial_func: max, temporal_reducer: max, mask: full}\n"
            + "output: {masks: zarr}\n");
    Path out = dir.resolve("events");
    CliRun r =
        CliRun.of(
            "run",
            "--config",
            config.toString(),
            "--fields",
            fields.toString(),
            "--output",
            out.toString());
    assertEquals(0, r.code(), r.text());
    return out;
  }

  /** The CDF of the historical tests' REACH day 2025-09-04. */
  public static Path reachCdf(Path dir) throws IOException {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    try (InputStream s =
        SampleOutputs.class.getResourceAsStream("/org/magg/io/historical/" + REACH_DAY)) {
      Files.copy(s, in.resolve(REACH_DAY));
    }
    Path out = dir.resolve("cdf");
    CliRun r =
        CliRun.of(
            "historical",
            "process",
            "--start-date",
            "2025-09-04",
            "--end-date",
            "2025-09-04",
            "--input-dir",
            in.toString(),
            "--output-dir",
            out.toString(),
            "--telemetry",
            dir.resolve("telemetry.csv").toString());
    assertEquals(0, r.code(), r.text());
    try (Stream<Path> files = Files.walk(out)) {
      return files.filter(p -> p.toString().endsWith(".cdf")).findFirst().orElseThrow();
    }
  }
}
