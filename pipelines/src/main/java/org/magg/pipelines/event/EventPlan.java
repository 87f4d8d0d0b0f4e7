package org.magg.pipelines.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.magg.core.ConfigException;
import org.magg.io.gridded.GriddedCollection;
import org.magg.io.gridded.GriddedSource;
import org.magg.io.gridded.GriddedSources;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;
import org.magg.io.temporal.FieldGrid;
import org.magg.io.temporal.StaticData;
import org.magg.io.temporal.StaticDataSpec;
import org.magg.pipelines.config.EventConfig;
import org.magg.pipelines.config.TemporalConfig;
import org.magg.pipelines.config.TemporalConfig.CollectionSpec;
import org.magg.pipelines.temporal.TemporalPlan;
import org.magg.transforms.event.DetectionExpression;
import org.magg.transforms.event.DetectionGrid;
import org.magg.transforms.event.ExpressionMask;

/**
 * Everything an event run needs, resolved from the config and the run options on the launcher: the
 * detection collection's files, the grid (that of the static data, else of the collection's first
 * file) with its cell areas, the static data, the threshold fields (checked here, so a bad one is
 * refused before any work), the landfall region, and for an aggregation the collections its metrics
 * read.
 *
 * @param config the config
 * @param options the run options
 * @param collection the detection collection, reading the detection's variables
 * @param grid the grid objects are detected on, with its cell areas
 * @param statics the static data (region masks, cell areas, climatology, threshold fields)
 * @param mask the detection predicate and value field
 * @param landfall the landfall region's cells, or null
 * @param metricCollections with an aggregation, the collections its metrics read (else empty)
 * @param output the output directory
 * @param s3 how {@code s3://} locations are reached
 */
public record EventPlan(
    EventConfig config,
    EventRunOptions options,
    GriddedCollection collection,
    DetectionGrid grid,
    StaticData statics,
    ExpressionMask mask,
    boolean[] landfall,
    List<GriddedCollection> metricCollections,
    String output,
    S3Settings s3) {

  /** The directory under the output where an aggregation's table goes. */
  public static final String METRICS_DIR = "metrics";

  /** The output directory: {@code --output}, else the config's {@code output.location}. */
  public static String output(EventConfig config, EventRunOptions options) {
    String output = options.output() != null ? options.output() : config.output().location();
    if (output == null) {
      throw new ConfigException(
          "output.location", "no output directory given: set output.location or pass --output");
    }
    return output;
  }

  /** Where an aggregation's table is written. */
  public String metricsOutput() {
    return Storage.join(output, METRICS_DIR);
  }

  /**
   * Resolves config and options into a plan on the launcher.
   *
   * @throws ConfigException when no fields location is given, no file gives the grid, or a static
   *     or threshold file cannot be used (naming it)
   */
  public static EventPlan load(EventConfig config, EventRunOptions options) {
    S3Settings s3 = config.s3().overriddenBy(options.s3()).toSettings();
    String output = output(config, options);
    String fields = options.fields();
    EventConfig.Detection det = config.detection();
    CollectionSpec spec = config.detectionCollection();
    String pattern = TemporalPlan.filesOf(spec, options.collectionFiles(), fields);
    GriddedCollection collection = spec.gridded(pattern, det.variables());
    TemporalConfig.StaticDataConfig sd = config.staticData();
    StaticDataSpec staticSpec = new StaticDataSpec(sd.regions(), sd.cellAreas(), sd.climatology());
    String base = fields == null ? null : Storage.join(fields, "static");
    if (base != null) {
      staticSpec = staticSpec.resolvedAgainst(base);
    }
    StaticData statics = loadStatics(staticSpec, s3, collection, pattern);
    FieldGrid fieldGrid = statics.grid();
    DetectionGrid grid =
        StaticDataSpec.COMPUTED.equals(staticSpec.cellAreas()) || staticSpec.cellAreas() == null
            ? DetectionGrid.of(fieldGrid)
            : DetectionGrid.of(fieldGrid, areasKm2(statics));
    Map<String, String[]> thresholds = new LinkedHashMap<>();
    for (DetectionExpression.FieldRef ref : det.expression().fields()) {
      String text = ref.reference();
      int hash = text.lastIndexOf('#');
      String file = text.substring(0, hash);
      String resolved = base == null ? file : Storage.resolveSibling(base, file);
      String[] fv = {resolved, text.substring(hash + 1)};
      thresholds.put(text, fv);
      try {
        if (ref.monthly()) {
          statics.monthly(fv[0], fv[1], 1);
        } else {
          statics.field(fv[0], fv[1]);
        }
      } catch (UncheckedIOException | IllegalArgumentException e) {
        throw new ConfigException("detection.expression", ref.text() + ": " + e.getMessage(), e);
      }
    }
    ExpressionMask mask =
        new ExpressionMask(
            det.expression(),
            det.value(),
            thresholds.isEmpty() ? null : new StaticFieldSource(statics, thresholds),
            det.names());
    boolean[] landfall = det.landfallRegion() == null ? null : statics.region(det.landfallRegion());
    List<GriddedCollection> metricCollections = new ArrayList<>();
    TemporalConfig agg = config.aggregation();
    if (agg != null) {
      for (CollectionSpec c : agg.usedCollections()) {
        metricCollections.add(
            c.gridded(
                TemporalPlan.filesOf(c, options.collectionFiles(), fields),
                agg.variablesOf(c.name())));
      }
    }
    return new EventPlan(
        config,
        options,
        collection,
        grid,
        statics,
        mask,
        landfall,
        List.copyOf(metricCollections),
        output,
        s3);
  }

  /**
   * The static data, on the grid of its files, else on that of the detection collection's first
   * file.
   */
  private static StaticData loadStatics(
      StaticDataSpec spec, S3Settings s3, GriddedCollection collection, String pattern) {
    boolean hasFile =
        !spec.regionMasks().isEmpty()
            || spec.climatology() != null
            || (spec.cellAreas() != null && !StaticDataSpec.COMPUTED.equals(spec.cellAreas()));
    FieldGrid grid = hasFile ? null : firstFileGrid(collection, pattern, s3);
    try {
      return StaticData.load(spec, s3, grid);
    } catch (IOException | UncheckedIOException e) {
      throw new ConfigException(
          "data_source.static_data", "cannot use the static data: " + e.getMessage(), e);
    }
  }

  /** The grid of the first file (in name order) of the detection collection. */
  private static FieldGrid firstFileGrid(
      GriddedCollection collection, String pattern, S3Settings s3) {
    List<String> files;
    try {
      files = Storage.of(s3).list(pattern);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + pattern, e);
    }
    if (files.isEmpty()) {
      throw new ConfigException(
          "--fields",
          "no file of collection "
              + collection.name()
              + " matches "
              + pattern
              + ": the detection grid is read from its first file (or from the static data)");
    }
    String first = files.get(0);
    try (GriddedSource source = GriddedSources.open(first, s3, collection.sourceOptions())) {
      return new FieldGrid(source.lat(), source.lon());
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          "--fields",
          "cannot read the detection grid from "
              + first
              + " (the first file of collection "
              + collection.name()
              + "): "
              + e.getMessage(),
          e);
    }
  }

  /** The static cell areas in km² (a file's {@code m2} areas are converted). */
  private static double[] areasKm2(StaticData statics) {
    double[] areas = statics.cellAreas();
    String units = statics.cellAreaUnits();
    String u = units == null ? "" : units.toLowerCase(Locale.ROOT).replace(" ", "");
    if (u.equals("m2") || u.equals("m^2") || u.equals("m**2")) {
      double[] km2 = new double[areas.length];
      for (int c = 0; c < areas.length; c++) {
        km2[c] = areas[c] / 1e6;
      }
      return km2;
    }
    return areas;
  }
}
