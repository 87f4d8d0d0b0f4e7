package org.magg.pipelines.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.magg.core.ConfigException;

/** The kinds of pipeline a config can declare in {@code pipeline.type}. */
public enum PipelineType {
  /** Points binned into grid cells (magg's original pipeline); the default. */
  SPATIAL,
  /** Gridded fields reduced under event masks over time. */
  TEMPORAL,
  /** Events found and tracked in the fields, then reduced as temporal. */
  EVENT,
  /** Producers resolved from target variables and run into a cube (the engine). */
  ENGINE;

  /** The YAML spelling of this type. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static PipelineType parse(String path, String value) {
    for (PipelineType t : values()) {
      if (t.yamlName().equalsIgnoreCase(value)) {
        return t;
      }
    }
    throw new ConfigException(
        path,
        "'"
            + value
            + "' is not a pipeline type (allowed: "
            + Arrays.stream(values()).map(PipelineType::yamlName).collect(Collectors.joining(", "))
            + ")");
  }
}
