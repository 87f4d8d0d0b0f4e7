package org.magg.pipelines.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-cell statistics to compute.
 *
 * @param coordinates output coordinates by name, in config order
 * @param variables output variables by name, in config order
 */
public record AggregationConfig(
    Map<String, CoordinateSpec> coordinates, Map<String, VariableSpec> variables)
    implements Serializable {

  public AggregationConfig {
    coordinates = Collections.unmodifiableMap(new LinkedHashMap<>(coordinates));
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }
}
