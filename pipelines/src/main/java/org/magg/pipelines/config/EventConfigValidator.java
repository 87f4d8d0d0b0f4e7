package org.magg.pipelines.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.magg.core.ConfigException;
import org.magg.pipelines.config.EventConfig.EventOutputConfig;
import org.magg.pipelines.config.TemporalConfig.CollectionSpec;
import org.magg.pipelines.config.TemporalConfig.StaticDataConfig;
import org.magg.transforms.event.DetectionExpression;
import org.magg.transforms.event.DetectionRules;
import org.magg.transforms.event.TrackingRules;

/**
 * Cross-field validation of an event config, naming the field: the detection collection exists and
 * declares its variables, the expression is boolean and reads only them, the value is one of them,
 * the detection and tracking settings are in range, the landfall region is a static region mask,
 * the mask store is known; the aggregation is checked as a temporal config's.
 */
final class EventConfigValidator {
  private EventConfigValidator() {}

  static EventConfig validate(
      Map<String, CollectionSpec> collections,
      Map<String, List<String>> declared,
      StaticDataConfig staticData,
      EventConfigParser.Detection det,
      EventConfigParser.Tracking tr,
      TemporalConfig aggregation,
      EventOutputConfig output,
      String origin,
      S3Config s3) {
    CollectionSpec c = collections.get(det.collection());
    if (c == null) {
      throw new ConfigException(
          "detection.collection",
          "'"
              + det.collection()
              + "' is not a collection of data_source.collections (defined: "
              + String.join(", ", collections.keySet())
              + ")");
    }
    List<String> variables = declared.getOrDefault(c.name(), List.of());
    if (variables.isEmpty()) {
      throw new ConfigException(
          "data_source.collections." + c.name() + ".variables",
          "the detection collection must list its variables (those the expression may read)");
    }
    Map<String, String> names = new LinkedHashMap<>();
    for (String v : variables) {
      names.putIfAbsent(v.substring(v.lastIndexOf('/') + 1), v);
    }
    DetectionExpression expression;
    try {
      expression = DetectionExpression.parse(det.expression(), new LinkedHashSet<>(names.keySet()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("detection.expression", e.getMessage(), e);
    }
    if (expression.variables().isEmpty()) {
      throw new ConfigException(
          "detection.expression",
          "'"
              + det.expression()
              + "' reads no variable of collection "
              + c.name()
              + " (declared: "
              + String.join(", ", variables)
              + ")");
    }
    String value = det.value() != null ? det.value() : expression.variables().get(0);
    value = names.getOrDefault(value, value);
    if (!variables.contains(value)) {
      throw new ConfigException(
          "detection.value",
          "'"
              + value
              + "' is not a variable of collection "
              + c.name()
              + " (declared: "
              + String.join(", ", variables)
              + ")");
    }
    DetectionRules rules;
    try {
      rules = new DetectionRules(det.connectivity(), det.minCells(), det.minAreaKm2());
    } catch (IllegalArgumentException e) {
      throw fieldOf(e);
    }
    TrackingRules tracking;
    try {
      tracking = new TrackingRules(tr.minOverlap(), tr.minSteps(), tr.maxGapSteps());
    } catch (IllegalArgumentException e) {
      throw fieldOf(e);
    }
    String landfall = det.landfallRegion();
    if (landfall != null && !staticData.regions().containsKey(landfall)) {
      throw new ConfigException(
          "detection.landfall_region",
          "'"
              + landfall
              + "' is not a region of data_source.static_data (add "
              + landfall
              + "_mask: \"file#variable\"; regions: "
              + String.join(", ", staticData.regions().keySet())
              + ")");
    }
    if (landfall == null && staticData.regions().size() == 1) {
      landfall = staticData.regions().keySet().iterator().next();
    }
    if (!EventConfig.MASK_FORMATS.contains(output.masks())) {
      throw new ConfigException(
          "output.masks",
          "'"
              + output.masks()
              + "' is not a mask store (allowed: "
              + String.join(", ", EventConfig.MASK_FORMATS)
              + ")");
    }
    if (!TemporalConfigValidator.OUTPUT_FORMATS.contains(output.format())) {
      throw new ConfigException(
          "output.format",
          "'"
              + output.format()
              + "' is not a table format for the aggregation (allowed: "
              + String.join(", ", TemporalConfigValidator.OUTPUT_FORMATS)
              + ")");
    }
    if (aggregation != null) {
      TemporalConfigValidator.validate(aggregation, declared);
    }
    return new EventConfig(
        collections,
        staticData,
        new EventConfig.Detection(c.name(), expression, value, rules, landfall, names),
        tracking,
        aggregation,
        output,
        origin,
        s3);
  }

  /** The rules' messages start with the field path: {@code tracking.min_overlap is 2.0 (...)}. */
  private static ConfigException fieldOf(IllegalArgumentException e) {
    String m = e.getMessage();
    int space = m.indexOf(' ');
    String path = space > 0 ? m.substring(0, space) : "";
    return new ConfigException(path, m.substring(space + 1), e);
  }
}
