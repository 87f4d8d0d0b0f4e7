package org.magg.pipelines.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.magg.pipelines.Magg;
import org.magg.pipelines.samples.SampleData;
import org.magg.pipelines.spatial.RunOptions;
import org.magg.pipelines.spatial.RunSummary;

/**
 * The embedded default behind {@code mvn -q compile exec:java} with no arguments: generate the
 * sample once under {@code ./output/sample}, bin it with the built-in {@code atl06} config on the
 * Direct runner into {@code ./output/sample.zarr}, and print the summary.
 */
final class DefaultRun {
  static final Path SAMPLE_DIR = Path.of("output", "sample");
  static final Path STORE = Path.of("output", "sample.zarr");

  private DefaultRun() {}

  static int run(PrintWriter out) throws Exception {
    SampleData.Result sample = SampleData.generate(SAMPLE_DIR, SampleData.Spec.defaults());
    out.printf(
        "sample: %d granules, %,d points, %d parent cells in %s%n",
        sample.granules().size(), sample.points(), sample.cells(), SAMPLE_DIR);
    RunSummary summary =
        Magg.run(
            Magg.defaultConfig("atl06"),
            RunOptions.defaults()
                .withCatalog(sample.catalog().toString())
                .withStore(STORE.toString())
                .withOverwrite(true)
                .withPipelineArgs(List.of("--runner=DirectRunner")));
    out.print(summary.toText());
    out.flush();
    return summary.exitCode();
  }
}
