package org.magg.pipelines.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.magg.pipelines.config.S3Config;
import org.magg.pipelines.historical.HistoricalProcess;
import org.magg.pipelines.historical.ProcessRunConfig;
import org.magg.pipelines.historical.ProcessRunSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code magg historical process ...}: per-day REACH CSV to CDF (to S3) with telemetry. */
@Command(
    name = "historical",
    mixinStandardHelpOptions = true,
    description = "Historical per-day processing (REACH dosimeter CSV -> CDF -> S3).",
    subcommands = {HistoricalCommand.Process.class})
final class HistoricalCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return MaggCli.USAGE;
  }

  /** {@code magg historical process}. */
  @Command(
      name = "process",
      mixinStandardHelpOptions = true,
      description = {
        "Turn each UTC day's REACH UDL export in --input-dir into an ISTP CDF under --output-dir"
            + " (and S3 with --upload-to-s3), recording each day in an append-only telemetry CSV so"
            + " that reruns resume. Unknown options (--runner=...) go to Beam.",
        "Exit codes: 0 every day done or skipped, 1 a day failed, 2 usage or config error."
      })
  static final class Process implements Callable<Integer> {
    @Option(names = "--summary-json", description = "Also write the summary as JSON to this file.")
    Path summaryJson;

    @Option(names = "--start-date", required = true, description = "First UTC day, YYYY-MM-DD.")
    String startDate;

    @Option(names = "--end-date", required = true, description = "Last UTC day (inclusive).")
    String endDate;

    @Option(names = "--input-dir", required = true, description = "Per-day input files.")
    Path inputDir;

    @Option(names = "--output-dir", required = true, description = "Where CDFs are written.")
    Path outputDir;

    @Option(
        names = {"--telemetry", "--telemetry-file"},
        description = "Telemetry CSV (default: <input-dir>/download_telemetry.csv).")
    Path telemetry;

    @Option(names = "--sensor-id", defaultValue = "ALL", description = "ALL or a sensor id.")
    String sensorId;

    @Option(
        names = "--descriptor",
        defaultValue = "QUICKLOOK",
        description = "QUICKLOOK or PRELIMINARY (default: ${DEFAULT-VALUE}).")
    String descriptor;

    @Option(
        names = "--output-format",
        defaultValue = "csv",
        description = "Input files' format: csv or json (default: ${DEFAULT-VALUE}).")
    String outputFormat;

    @Option(names = "--retry-failed", description = "Process days whose last status is FAILED.")
    boolean retryFailed;

    @Option(names = "--limit-days", description = "At most N days that need work.")
    Integer limitDays;

    @Option(names = "--dry-run", description = "Plan and log only; no work, no telemetry.")
    boolean dryRun;

    @Option(names = "--upload-to-s3", description = "Upload each CDF (needs --s3-bucket).")
    boolean uploadToS3;

    @Option(names = "--s3-bucket", description = "Destination bucket.")
    String s3Bucket;

    @Mixin S3Options s3Options = new S3Options();

    @Unmatched List<String> beamArgs = new ArrayList<>();

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
      S3Config s3 = s3Options.toConfig();
      ProcessRunConfig c =
          new ProcessRunConfig(
              date("--start-date", startDate),
              date("--end-date", endDate),
              inputDir,
              outputDir,
              telemetry,
              sensorId,
              descriptor,
              outputFormat,
              retryFailed,
              limitDays,
              dryRun,
              uploadToS3,
              s3Bucket,
              s3.toSettings(S3Config.FieldNames.CLI),
              beamArgs);
      Preflight.inputDirectory("--input-dir", inputDir.toString());
      Preflight.outputDirectory("--output-dir", outputDir.toString());
      Preflight.outputFile(
          telemetry != null ? "--telemetry" : "telemetry file", c.telemetry(), outputDir);
      Preflight.outputFile("--summary-json", summaryJson);
      ProcessRunSummary summary = HistoricalProcess.run(c);
      return Summaries.report(summary, spec.commandLine().getOut(), summaryJson);
    }

    private static LocalDate date(String option, String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            option + ": '" + value + "' is not a date (expected YYYY-MM-DD)");
      }
    }
  }
}
