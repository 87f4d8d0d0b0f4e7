package org.magg.pipelines.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.magg.pipelines.samples.SampleData;
import org.magg.pipelines.samples.SampleFields;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code magg sample --out DIR}: generates the embedded sample granules and catalog; {@code magg
 * sample --temporal DIR}: MERRA-2-shaped fields, static data and an event catalog for the temporal
 * pipeline.
 */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description =
        "Generate ATL06-layout HDF5 sample granules and their catalog (--out), or MERRA-2-shaped"
            + " fields, static data and synthetic events for `run --config merra2_storm`"
            + " (--temporal). Deterministic.")
final class SampleCommand implements Callable<Integer> {
  @Option(names = "--out", description = "Directory to write the granules into.")
  Path out;

  @Option(names = "--granules", description = "Number of granules (default ${DEFAULT-VALUE}).")
  int granules = SampleData.Spec.defaults().granules();

  @Option(names = "--segments", description = "Points per beam (default ${DEFAULT-VALUE}).")
  int segments = SampleData.Spec.defaults().segmentsPerBeam();

  @Option(
      names = "--parent-order",
      description = "Catalog parent order (default ${DEFAULT-VALUE}).")
  int parentOrder = SampleData.Spec.defaults().parentOrder();

  @Option(
      names = "--temporal",
      description =
          "Directory to write MERRA-2-shaped fields into (DIR/fields) and an event catalog"
              + " (DIR/events.json).")
  Path temporal;

  @Option(
      names = "--days",
      description = "--temporal: days of fields, at least 3 (default ${DEFAULT-VALUE}).")
  int days = 4;

  @Option(
      names = "--events",
      description = "--temporal: synthetic events (default ${DEFAULT-VALUE}).")
  int events = 50;

  @Option(
      names = "--first-day",
      description = "--temporal: the first day of fields (default ${DEFAULT-VALUE}).")
  LocalDate firstDay = LocalDate.of(2021, 1, 1);

  @Option(
      names = "--seed",
      description = "--temporal: seed of the events (default ${DEFAULT-VALUE}).")
  long seed = 42L;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if ((out == null) == (temporal == null)) {
      throw new ParameterException(
          spec.commandLine(), "give either --out DIR (granules) or --temporal DIR (fields)");
    }
    if (temporal != null) {
      return temporal();
    }
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

  private int temporal() throws Exception {
    if (days < 3) {
      throw new ParameterException(
          spec.commandLine(),
          "--days must be at least 3 (events and their 24 h precipitation tail must fit), got "
              + days);
    }
    if (events < 1) {
      throw new ParameterException(spec.commandLine(), "--events must be at least 1");
    }
    SampleFields.Spec s = SampleFields.Spec.merra2(firstDay, days);
    SampleFields.Result r = SampleFields.generate(temporal.resolve("fields"), s);
    Path catalog = temporal.resolve("events.json");
    SampleFields.events(s, events, seed).writeJson(catalog);
    spec.commandLine()
        .getOut()
        .printf(
            "sample: %d field files + %d static files (%.0f MB%s) in %s; %d events in %s%n"
                + "try:    magg run --config merra2_storm --events %s --fields %s --output %s%n",
            r.files().size(),
            r.staticFiles().size(),
            r.bytes() / 1e6,
            r.reused() ? ", reused" : "",
            r.dir(),
            events,
            catalog,
            catalog,
            r.dir(),
            temporal.resolve("out"));
    return MaggCli.OK;
  }
}
