package org.magg.pipelines;

import java.nio.file.Path;
import java.util.List;
import org.magg.core.RunResult;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.EngineConfig;
import org.magg.pipelines.config.EventConfig;
import org.magg.pipelines.config.MaggConfig;
import org.magg.pipelines.config.PipelineConfig;
import org.magg.pipelines.config.TemporalConfig;
import org.magg.pipelines.engine.EnginePipeline;
import org.magg.pipelines.engine.EngineRunOptions;
import org.magg.pipelines.engine.EngineSummary;
import org.magg.pipelines.event.EventPipeline;
import org.magg.pipelines.event.EventRunOptions;
import org.magg.pipelines.event.EventSummary;
import org.magg.pipelines.historical.HistoricalProcess;
import org.magg.pipelines.historical.ProcessRunConfig;
import org.magg.pipelines.historical.ProcessRunSummary;
import org.magg.pipelines.spatial.RunOptions;
import org.magg.pipelines.spatial.RunSummary;
import org.magg.pipelines.spatial.SpatialPipeline;
import org.magg.pipelines.temporal.TemporalPipeline;
import org.magg.pipelines.temporal.TemporalRunOptions;
import org.magg.pipelines.temporal.TemporalSummary;

/**
 * The Java API of magg-beam: load a config, run it.
 *
 * <pre>{@code
 * PipelineConfig config = Magg.defaultConfig("atl06");
 * RunSummary summary = Magg.run(config, RunOptions.defaults()
 *     .withCatalog("catalog.json").withStore("out.zarr").withMaxCells(5)
 *     .withPipelineArgs(List.of("--runner=DirectRunner")));
 * }</pre>
 */
public final class Magg {
  private Magg() {}

  /** Loads and validates a YAML config file. */
  public static PipelineConfig loadConfig(Path file) {
    return ConfigLoader.load(file);
  }

  /** Loads a built-in config by name ({@code atl06}, {@code atl06_csv}). */
  public static PipelineConfig defaultConfig(String name) {
    return ConfigLoader.builtin(name);
  }

  /**
   * Runs a pipeline to completion on the runner the pipeline arguments choose (Direct by default)
   * and returns what it did. Config and catalog problems throw before anything runs; failures of
   * single granules or cells are in the summary.
   */
  public static RunSummary run(PipelineConfig config, RunOptions options) {
    switch (config.type()) {
      case SPATIAL:
        return SpatialPipeline.run(config, options);
      default:
        throw new IllegalArgumentException(
            "pipeline type '" + config.type().yamlName() + "' is not available in this version");
    }
  }

  /**
   * Runs an event pipeline (batch, or streaming when the options watch the detection collection):
   * detects and tracks the events in the fields and writes their catalog, lifecycle and tracks (and
   * metrics, with an aggregation).
   */
  public static EventSummary run(EventConfig config, EventRunOptions options) {
    return EventPipeline.run(config, options);
  }

  /**
   * Runs any config: a spatial one with {@code spatial} options, a temporal one with {@code
   * temporal} options, an event one with {@code event} options (the others may be null), an engine
   * one for every variable with the Beam arguments of {@code spatial} (if given).
   *
   * @throws IllegalArgumentException when the options the config's type needs are null
   */
  public static RunResult run(
      MaggConfig config, RunOptions spatial, TemporalRunOptions temporal, EventRunOptions event) {
    if (config instanceof EventConfig e) {
      return run(e, java.util.Objects.requireNonNull(event, "event run options"));
    }
    if (config instanceof TemporalConfig t) {
      return run(t, java.util.Objects.requireNonNull(temporal, "temporal run options"));
    }
    if (config instanceof EngineConfig e) {
      return run(
          e,
          EngineRunOptions.defaults()
              .withPipelineArgs(spatial == null ? List.of() : spatial.pipelineArgs()));
    }
    return run((PipelineConfig) config, java.util.Objects.requireNonNull(spatial, "run options"));
  }

  /**
   * Runs an engine config: resolves the producers the options' targets need, skips those whose
   * outputs the cube holds and whose inputs did not change, and runs the rest on Beam, layer by
   * layer. Producers may be given as objects ({@link EngineConfig#of}).
   */
  public static EngineSummary run(EngineConfig config, EngineRunOptions options) {
    return EnginePipeline.run(config, options);
  }

  /** Runs a temporal pipeline (batch, or streaming when the options watch the collections). */
  public static TemporalSummary run(TemporalConfig config, TemporalRunOptions options) {
    return TemporalPipeline.run(config, options);
  }

  /**
   * Runs historical per-day processing: each UTC day of the range from its export to one CDF (and
   * an upload when asked), with the telemetry CSV recording each day so that a rerun resumes.
   */
  public static ProcessRunSummary run(ProcessRunConfig config) {
    return HistoricalProcess.run(config);
  }
}
