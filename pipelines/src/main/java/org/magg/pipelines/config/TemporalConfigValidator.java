package org.magg.pipelines.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.magg.core.ConfigException;
import org.magg.pipelines.config.TemporalConfig.CollectionSpec;
import org.magg.transforms.temporal.DerivedVariable;
import org.magg.transforms.temporal.MetricSpec;
import org.magg.transforms.temporal.SpatialFunctions;
import org.magg.transforms.temporal.TemporalReducers;

/**
 * Cross-field validation of a temporal config: collections exist, every metric names a known
 * variable, collection, spatial function, reducer and mask, the pieces fit together, and the
 * precipitation extension is whole precipitation blocks.
 */
final class TemporalConfigValidator {
  /** Table formats besides the CSV that is always written. */
  static final List<String> OUTPUT_FORMATS = List.of("zarr", "netcdf", "csv");

  private TemporalConfigValidator() {}

  /**
   * @param declaredVariables each collection's {@code variables:} list (empty: not declared, any
   *     name is accepted here and checked when the files are read)
   */
  static void validate(TemporalConfig config, Map<String, List<String>> declaredVariables) {
    Duration extension = config.precipExtension();
    Duration block = config.precipBlock();
    if (block.isZero() || extension.toMillis() % block.toMillis() != 0) {
      throw new ConfigException(
          "aggregation.precip_extension",
          "must be a whole number of precip_block (" + block + "), got " + extension);
    }
    for (DerivedVariable d : config.derived().values()) {
      if (d.inputs().contains(d.name())) {
        throw new ConfigException(
            "data_source.derived." + d.name(), "a derived variable cannot refer to itself");
      }
    }
    for (MetricSpec m : config.metrics()) {
      String path = "aggregation.variables." + m.name();
      CollectionSpec c = config.collections().get(m.collection());
      if (c == null) {
        throw new ConfigException(
            path + ".collection",
            "'"
                + m.collection()
                + "' is not a collection of data_source.collections (defined: "
                + String.join(
                    ", ", config.collectionList().stream().map(CollectionSpec::name).toList())
                + ")");
      }
      List<String> known = declaredVariables.getOrDefault(c.name(), List.of());
      DerivedVariable d = config.derived().get(m.variable());
      List<String> needed = d != null ? d.inputs() : List.of(m.variable());
      if (!known.isEmpty()) {
        for (String v : needed) {
          if (!known.contains(v)) {
            throw new ConfigException(
                path + ".variable",
                "'"
                    + v
                    + "'"
                    + (d != null ? " (used by derived '" + d.name() + "')" : "")
                    + " is not a variable of collection "
                    + c.name()
                    + " (declared: "
                    + String.join(", ", known)
                    + (config.derived().isEmpty()
                        ? ""
                        : "; derived: " + String.join(", ", config.derived().keySet()))
                    + ")");
          }
        }
      }
      if (!SpatialFunctions.NAMES.contains(m.spatialFunction())) {
        throw new ConfigException(
            path + ".spatial_func",
            "'"
                + m.spatialFunction()
                + "' is not a spatial function (allowed: "
                + String.join(", ", SpatialFunctions.NAMES)
                + ")");
      }
      if (!TemporalReducers.NAMES.contains(m.temporalReducer())) {
        throw new ConfigException(
            path + ".temporal_reducer",
            "'"
                + m.temporalReducer()
                + "' is not a temporal reducer (allowed: "
                + String.join(", ", TemporalReducers.NAMES)
                + ")");
      }
      boolean pairs = SpatialFunctions.yieldsPairs(m.spatialFunction());
      if (m.temporalReducer().equals("weighted_mean") && !pairs) {
        throw new ConfigException(
            path + ".temporal_reducer",
            "weighted_mean needs a spatial function that yields (weighted_sum, weight_sum) pairs"
                + " (weighted_mean or min_over_levels), not "
                + m.spatialFunction());
      }
      if (pairs && !List.of("weighted_mean", "first_landfall").contains(m.temporalReducer())) {
        throw new ConfigException(
            path + ".temporal_reducer",
            m.spatialFunction()
                + " yields (weighted_sum, weight_sum) pairs: reduce them with weighted_mean or"
                + " first_landfall, not "
                + m.temporalReducer());
      }
      String mask = m.mask();
      if (!mask.equals(MetricSpec.FULL)
          && !mask.equals(MetricSpec.OCEAN)
          && !config.staticData().regions().containsKey(mask)) {
        throw new ConfigException(
            path + ".mask",
            "'"
                + mask
                + "' is not a mask (allowed: full, ocean, or a region of data_source.static_data: "
                + String.join(", ", config.staticData().regions().keySet())
                + ")");
      }
      boolean needsRegion =
          mask.equals(MetricSpec.OCEAN) || m.temporalReducer().equals("first_landfall");
      if (needsRegion && !config.staticData().regions().containsKey(config.landfallRegion())) {
        throw new ConfigException(
            path + ".mask",
            "needs the landfall region '"
                + config.landfallRegion()
                + "': add data_source.static_data."
                + config.landfallRegion()
                + "_mask");
      }
      if (m.anomaly() && config.staticData().climatology() == null) {
        throw new ConfigException(
            path + ".anomaly",
            "anomalies need data_source.static_data.climatology (monthly means)");
      }
    }
    if (!OUTPUT_FORMATS.contains(config.output().format())) {
      throw new ConfigException(
          "output.format",
          "'"
              + config.output().format()
              + "' is not a table format (allowed: "
              + String.join(", ", OUTPUT_FORMATS)
              + "; a CSV is always written beside it)");
    }
  }
}
