package org.magg.pipelines.temporal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.magg.core.ConfigException;
import org.magg.io.gridded.GriddedCollection;
import org.magg.io.gridded.TimeRanges;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;
import org.magg.io.temporal.Event;
import org.magg.io.temporal.EventCatalog;
import org.magg.io.temporal.StaticData;
import org.magg.io.temporal.StaticDataSpec;
import org.magg.pipelines.config.TemporalConfig;
import org.magg.pipelines.config.TemporalConfig.CollectionSpec;
import org.magg.transforms.temporal.EvaluateSlices;
import org.magg.transforms.temporal.EventWindow;
import org.magg.transforms.temporal.EventWindows;
import org.magg.transforms.temporal.MetricSpec;
import org.magg.transforms.temporal.SliceEvaluator;

/**
 * Everything a temporal run needs, resolved from the config and the run options on the launcher
 * (event catalog, static data, collections' files); the graph takes its pieces from it.
 *
 * @param config the config
 * @param options the run options
 * @param catalog the events (good ones) and the catalog's per-event failures
 * @param eventSource how workers get the events' masks
 * @param collections the gridded collections the metrics read
 * @param statics the static fields
 * @param evaluator the metrics' per-timestep evaluation
 * @param windows each event's window
 * @param output the output directory
 * @param s3 how {@code s3://} locations are reached
 */
public record TemporalPlan(
    TemporalConfig config,
    TemporalRunOptions options,
    EventCatalog catalog,
    EvaluateSlices.EventSource eventSource,
    List<GriddedCollection> collections,
    StaticData statics,
    SliceEvaluator evaluator,
    EventWindows windows,
    String output,
    S3Settings s3) {

  /** Metric names in config order. */
  public List<String> metricNames() {
    return config.metrics().stream().map(MetricSpec::name).toList();
  }

  /**
   * The times a collection is read over: the union of its events' reach ({@code [start,
   * reachEnd]}), so the gaps between events are not read.
   */
  TimeRanges timeRanges(String collection) {
    List<Instant[]> reach = new ArrayList<>();
    for (Event e : catalog.events()) {
      reach.add(
          new Instant[] {
            e.start(), Instant.ofEpochMilli(evaluator.reachEnd(collection, e.end().toEpochMilli()))
          });
    }
    return reach.isEmpty() ? TimeRanges.of(Instant.EPOCH, Instant.EPOCH) : TimeRanges.union(reach);
  }

  /**
   * Resolves config and options into a plan on the launcher: loads the event catalog and the static
   * data, and names each collection's files.
   */
  public static TemporalPlan load(TemporalConfig config, TemporalRunOptions options) {
    S3Settings s3 = config.s3().overriddenBy(options.s3()).toSettings();
    if (options.events() == null) {
      throw new ConfigException("--events", "no event catalog given: pass --events FILE");
    }
    EventCatalog catalog;
    try {
      catalog = EventCatalog.load(options.events(), s3);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the event catalog " + options.events(), e);
    }
    return of(config, options, catalog, EvaluateSlices.EventSource.load(options.events(), s3));
  }

  /** The output directory: {@code --output}, else the config's {@code output.location}. */
  public static String output(TemporalConfig config, TemporalRunOptions options) {
    String output = options.output() != null ? options.output() : config.output().location();
    if (output == null) {
      throw new ConfigException(
          "output.location", "no output directory given: set output.location or pass --output");
    }
    return output;
  }

  /** A plan over an event catalog already in memory (it travels with the pipeline). */
  public static TemporalPlan of(
      TemporalConfig config, TemporalRunOptions options, EventCatalog catalog) {
    return of(config, options, catalog, EvaluateSlices.EventSource.of(catalog));
  }

  /**
   * The files of a collection: its {@code --collection} override, else its {@code files} glob (or
   * {@code NAME/*}) under {@code fields}.
   *
   * @throws ConfigException when neither is given
   */
  public static String filesOf(CollectionSpec c, Map<String, String> overrides, String fields) {
    String pattern = overrides.get(c.name());
    if (pattern != null) {
      return pattern;
    }
    if (fields == null) {
      throw new ConfigException(
          "--fields",
          "no fields location given: pass --fields DIR (collection "
              + c.name()
              + " is read from its `files` glob under it)");
    }
    return Storage.join(fields, c.files() != null ? c.files() : c.name() + "/*");
  }

  private static TemporalPlan of(
      TemporalConfig config,
      TemporalRunOptions options,
      EventCatalog catalog,
      EvaluateSlices.EventSource source) {
    S3Settings s3 = config.s3().overriddenBy(options.s3()).toSettings();
    String output = output(config, options);
    String fields = options.fields();
    List<GriddedCollection> collections = new ArrayList<>();
    for (CollectionSpec c : config.usedCollections()) {
      String pattern = filesOf(c, options.collectionFiles(), fields);
      collections.add(c.gridded(pattern, config.variablesOf(c.name())));
    }
    TemporalConfig.StaticDataConfig sd = config.staticData();
    StaticDataSpec spec = new StaticDataSpec(sd.regions(), sd.cellAreas(), sd.climatology());
    if (fields != null) {
      spec = spec.resolvedAgainst(Storage.join(fields, "static"));
    }
    StaticData statics;
    try {
      statics = StaticData.load(spec, s3, catalog.grid());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the static data: " + e.getMessage(), e);
    }
    SliceEvaluator evaluator = config.sliceEvaluator();
    List<EventWindow> windows = new ArrayList<>();
    for (Event e : catalog.events()) {
      windows.add(
          new EventWindow(
              e.id(), e.start().toEpochMilli(), evaluator.windowEnd(e.end().toEpochMilli())));
    }
    return new TemporalPlan(
        config,
        options,
        catalog,
        source,
        collections,
        statics,
        evaluator,
        EventWindows.of(windows),
        output,
        s3);
  }
}
