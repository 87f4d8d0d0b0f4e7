package org.magg.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.magg.config.ConfigLoader;
import org.magg.config.PipelineConfig;
import org.magg.grid.Morton;
import org.magg.pipelines.Magg;
import org.magg.pipelines.RunOptions;
import org.magg.pipelines.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code magg run --config FILE|NAME [...] [Beam options]}: runs a pipeline. Options it does not
 * know (such as {@code --runner=FlinkRunner}) are passed to Beam.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run a pipeline. Unknown options (--runner=..., --parallelism=...) go to Beam.")
final class RunCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      required = true,
      description = "A YAML config file or a built-in config name (atl06, atl06_csv).")
  String config;

  @Option(names = "--catalog", description = "Granule catalog JSON (overrides the config).")
  String catalog;

  @Option(names = "--store", description = "Output store (overrides output.store).")
  String store;

  @Option(names = "--max-cells", description = "Process only the first N catalog cells.")
  Integer maxCells;

  @Option(names = "--morton-cell", description = "Process only this parent cell.")
  String mortonCell;

  @Option(names = "--overwrite", description = "Replace an existing store.")
  boolean overwrite;

  @Option(names = "--dry-run", description = "Print the plan; read and write nothing.")
  boolean dryRun;

  @Option(names = "--summary-json", description = "Also write the summary as JSON to this file.")
  Path summaryJson;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PipelineConfig c = ConfigLoader.loadFileOrName(config);
    RunOptions options =
        new RunOptions(
            catalog,
            store,
            maxCells,
            mortonCell == null ? null : Morton.parse(mortonCell),
            overwrite,
            dryRun,
            beamArgs);
    RunSummary summary = Magg.run(c, options);
    spec.commandLine().getOut().print(summary.toText());
    spec.commandLine().getOut().flush();
    if (summaryJson != null) {
      Path parent = summaryJson.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(summaryJson, summary.toJson(), StandardCharsets.UTF_8);
    }
    return summary.exitCode();
  }
}
