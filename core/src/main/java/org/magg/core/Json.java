package org.magg.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.regex.Pattern;

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

  /** Jackson's location marker inside a message: {@code [Source: ...; line: 2, column: 12]}. */
  private static final Pattern SOURCE_MARKER =
      Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

  /**
   * A JSON or YAML syntax error in one line: the parser's message without the quoted source lines
   * and carets, and where it is ({@code (line 3, column 12)}), for messages that name the file.
   */
  public static String problem(JsonProcessingException e) {
    StringBuilder what = new StringBuilder();
    for (String line : String.valueOf(e.getOriginalMessage()).split("\\R")) {
      if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        what.append(what.length() == 0 ? "" : "; ").append(line.strip());
      }
    }
    String text = SOURCE_MARKER.matcher(what).replaceAll("line $1, column $2");
    JsonLocation at = e.getLocation();
    if (at == null || at.getLineNr() < 1) {
      return text;
    }
    return text + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
