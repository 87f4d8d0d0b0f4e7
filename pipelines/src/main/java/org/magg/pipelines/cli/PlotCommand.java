package org.magg.pipelines.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.magg.io.storage.Storage;
import org.magg.pipelines.config.S3Config;
import org.magg.pipelines.plot.Plotter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magg plot PATH --out FILE.png}: a PNG quick-look of an output. */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    description = {
      "Draw a PNG quick-look: a spatial cell store as a map of its HEALPix cells (polar"
          + " stereographic for polar data, else equirectangular) with a colour bar; an event"
          + " output as footprints and tracks on a map over per-event metric bars; a DA run"
          + " (magg da lorenz96 --output) as RMSE over time.",
      "Exit codes: 0 written, 2 nothing there, not an output that has a plot, or no such"
          + " variable."
    })
final class PlotCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PATH", description = "A local path or s3:// location.")
  String location;

  @Option(names = "--out", required = true, description = "The PNG file to write.")
  String out;

  @Option(
      names = "--var",
      description =
          "The variable of a cell store (default h_mean, else the first) or the metric of an event"
              + " output (default: the first of metrics/events.csv, else max_area_km2).")
  String variable;

  @Mixin S3Options s3Options = new S3Options();

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!Storage.isS3(out)) {
      Preflight.outputFile("--out", Storage.localPath(out));
    }
    Storage storage = Storage.of(s3Options.toConfig().toSettings(S3Config.FieldNames.CLI));
    String what = Plotter.plot(location, variable, out, storage);
    PrintWriter w = spec.commandLine().getOut();
    w.println("wrote " + out + ": " + what);
    w.flush();
    return MaggCli.OK;
  }
}
