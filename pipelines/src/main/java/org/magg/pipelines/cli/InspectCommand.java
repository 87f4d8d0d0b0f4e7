package org.magg.pipelines.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.magg.io.storage.Storage;
import org.magg.pipelines.config.S3Config;
import org.magg.pipelines.inspect.Inspection;
import org.magg.pipelines.inspect.Inspector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code magg inspect PATH}: what a Zarr store, a CDF file, an event or temporal output directory,
 * an engine cube or a DA run directory holds, local or on S3.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Describe an output: a Zarr store (groups, arrays, shapes, chunks, codecs, attributes, the"
          + " dggs description, chunks written, value ranges), a CDF file (global attributes,"
          + " variables, types, records, ranges), an event output directory (events, life cycles,"
          + " tracks, metrics), a temporal output directory, an engine cube or a DA run directory.",
      "Exit codes: 0 described, 2 nothing there or not an output magg reads."
    })
final class InspectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PATH", description = "A local path or s3:// location.")
  String location;

  @Option(names = "--json", description = "Print one JSON document instead of text.")
  boolean json;

  @Option(
      names = "--ranges",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Read the values for their ranges (default: on; --no-ranges reads metadata only).")
  boolean ranges;

  @Mixin S3Options s3Options = new S3Options();

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Storage storage = Storage.of(s3Options.toConfig().toSettings(S3Config.FieldNames.CLI));
    Inspection i = Inspector.inspect(location, storage, ranges);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? i.toJson() + "\n" : i.text());
    out.flush();
    return MaggCli.OK;
  }
}
