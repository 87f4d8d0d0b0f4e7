package org.magg.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The project's Jackson mappers, made once: a configured mapper is thread-safe and costly to build.
 * Callers never reconfigure them; a different configuration gets its own {@code ObjectReader} or
 * {@code ObjectWriter} from these ({@code Json.mapper().readerFor(...)}).
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private Json() {}

  /** The JSON mapper (trees, records, maps). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The YAML mapper (configs). */
  public static YAMLMapper yaml() {
    return YAML;
  }

  /** A writer that indents, for files people read. */
  public static ObjectWriter pretty() {
    return PRETTY;
  }
}
