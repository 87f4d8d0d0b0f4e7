package org.magg.pipelines.cli;

import java.util.concurrent.Callable;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.EngineConfig;
import org.magg.pipelines.config.EventConfig;
import org.magg.pipelines.config.MaggConfig;
import org.magg.pipelines.config.PipelineConfig;
import org.magg.pipelines.config.TemporalConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magg config validate FILE|NAME} and {@code magg config show NAME}. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Validate or show pipeline configs.",
    subcommands = {ConfigCommand.Validate.class, ConfigCommand.Show.class})
final class ConfigCommand {

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = "Check a config file or built-in config; exit 2 with the reason when invalid.")
  static final class Validate implements Callable<Integer> {
    @Parameters(paramLabel = "FILE|NAME", description = "A YAML file or a built-in config name.")
    String config;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      MaggConfig any = ConfigLoader.loadAny(config, org.magg.io.s3.S3Settings.defaults());
      if (any instanceof TemporalConfig t) {
        spec.commandLine()
            .getOut()
            .println(
                "valid: "
                    + t.origin()
                    + " (temporal, "
                    + t.metrics().size()
                    + " metrics over "
                    + t.usedCollections().size()
                    + " collections: "
                    + String.join(", ", t.usedCollections().stream().map(c -> c.name()).toList())
                    + ")");
        return MaggCli.OK;
      }
      if (any instanceof EngineConfig g) {
        spec.commandLine()
            .getOut()
            .println(
                "valid: "
                    + g.origin()
                    + " (engine, "
                    + g.variables().size()
                    + " variables, "
                    + g.producers().size()
                    + " producers, cube "
                    + g.cube().root()
                    + ")");
        return MaggCli.OK;
      }
      if (any instanceof EventConfig e) {
        EventConfig.Detection d = e.detection();
        spec.commandLine()
            .getOut()
            .println(
                "valid: "
                    + e.origin()
                    + " (event, detection on "
                    + d.collection()
                    + ": "
                    + d.expression()
                    + ", "
                    + (e.aggregation() == null
                        ? "no aggregation"
                        : e.aggregation().metrics().size() + " metrics")
                    + ")");
        return MaggCli.OK;
      }
      PipelineConfig c = (PipelineConfig) any;
      spec.commandLine()
          .getOut()
          .println(
              "valid: "
                  + c.origin()
                  + " ("
                  + c.type().yamlName()
                  + ", "
                  + c.aggregation().variables().size()
                  + " variables, child order "
                  + c.output().grid().childOrder()
                  + ")");
      return MaggCli.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print a built-in config (built-in: atl06, atl06_csv, merra2_storm).")
  static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Built-in config name.")
    String name;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print(ConfigLoader.builtinText(name));
      spec.commandLine().getOut().flush();
      return MaggCli.OK;
    }
  }
}
