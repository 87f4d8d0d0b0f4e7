package org.magg.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.magg.pipelines.SampleData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code magg sample --out DIR}: generates the embedded sample granules and catalog. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = "Generate ATL06-layout HDF5 sample granules and their catalog (deterministic).")
final class SampleCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Directory to write into.")
  Path out;

  @Option(names = "--granules", description = "Number of granules (default ${DEFAULT-VALUE}).")
  int granules = SampleData.Spec.defaults().granules();

  @Option(names = "--segments", description = "Points per beam (default ${DEFAULT-VALUE}).")
  int segments = SampleData.Spec.defaults().segmentsPerBeam();

  @Option(
      names = "--parent-order",
      description = "Catalog parent order (default ${DEFAULT-VALUE}).")
  int parentOrder = SampleData.Spec.defaults().parentOrder();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    SampleData.Result r =
        SampleData.generate(
            out,
            new SampleData.Spec(
                granules, segments, parentOrder, SampleData.Spec.defaults().seed()));
    spec.commandLine()
        .getOut()
        .printf(
            "sample: %d granules, %,d points, %d parent cells; catalog %s%n",
            r.granules().size(), r.points(), r.cells(), r.catalog());
    return MaggCli.OK;
  }
}
