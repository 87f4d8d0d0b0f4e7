package org.magg.pipelines.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.magg.core.ConfigException;
import org.magg.core.YamlBinding;

/**
 * The scalars of magg's configs, read as magg reads them: numbers may be written as strings ({@code
 * "12"}, {@code "nan"}, {@code "-inf"}), booleans as {@code true} or {@code false} in any case. A
 * refused value is a ConfigException at the field itself (an empty path) saying what was expected
 * and what was given; {@link YamlBinding} puts Jackson's path in front. An absent or null value
 * never reaches these: it is null, "not given".
 */
final class YamlScalars {
  private YamlScalars() {}

  /** An int; an integer written as a string is accepted. */
  static final class Int extends Scalar<Integer> {
    Int() {
      super(Integer.class, "an integer");
    }

    @Override
    Integer read(JsonNode n) {
      if (n.isIntegralNumber() && n.canConvertToInt()) {
        return n.intValue();
      }
      try {
        return n.isTextual() ? Integer.valueOf(n.textValue().trim()) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  /** A double; a number written as a string is accepted, nan and inf in YAML's spellings too. */
  static final class Num extends Scalar<Double> {
    Num() {
      super(Double.class, "a number");
    }

    @Override
    Double read(JsonNode n) {
      if (n.isNumber()) {
        return n.doubleValue();
      }
      if (!n.isTextual()) {
        return null;
      }
      String t = n.textValue().trim();
      return switch (t.toLowerCase(Locale.ROOT)) {
        case "nan", ".nan" -> Double.NaN;
        case "inf", ".inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
        case "-inf", "-.inf", "-infinity" -> Double.NEGATIVE_INFINITY;
        default -> {
          try {
            yield Double.valueOf(t);
          } catch (NumberFormatException e) {
            yield null;
          }
        }
      };
    }
  }

  /** A boolean; {@code true} or {@code false} written as a string, in any case, is accepted. */
  static final class Flag extends Scalar<Boolean> {
    Flag() {
      super(Boolean.class, "true or false");
    }

    @Override
    Boolean read(JsonNode n) {
      if (n.isBoolean()) {
        return n.booleanValue();
      }
      String t = n.isTextual() ? n.textValue().trim().toLowerCase(Locale.ROOT) : "";
      return t.equals("true") || t.equals("false") ? Boolean.valueOf(t) : null;
    }
  }

  /** A non-negative ISO-8601 duration ({@code PT3H}, in any case). */
  static final class Iso extends Scalar<Duration> {
    Iso() {
      super(Duration.class, "a single value");
    }

    @Override
    Duration read(JsonNode n) {
      if (!n.isValueNode()) {
        return null;
      }
      String text = n.asText();
      Duration d;
      try {
        d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new ConfigException(
            "", "expected an ISO-8601 duration such as PT1H or PT3H, got '" + text + "'");
      }
      if (d.isNegative()) {
        throw new ConfigException("", "must not be negative, got " + text);
      }
      return d;
    }
  }

  /** A list of strings; a single string is a one-element list. */
  static final class Texts extends Scalar<List<String>> {
    @SuppressWarnings("unchecked")
    Texts() {
      super((Class<List<String>>) (Class<?>) List.class, "a list of strings");
    }

    @Override
    List<String> read(JsonNode n) {
      if (n.isTextual()) {
        return List.of(n.textValue());
      }
      if (!n.isArray()) {
        return null;
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n.size(); i++) {
        if (!n.get(i).isValueNode()) {
          throw new ConfigException("[" + i + "]", "expected a string");
        }
        out.add(n.get(i).asText());
      }
      return out;
    }
  }

  /** Reads a value as a tree; {@link #read} gives null to refuse it. */
  abstract static class Scalar<T> extends StdDeserializer<T> {
    private final String expected;

    Scalar(Class<T> type, String expected) {
      super(type);
      this.expected = expected;
    }

    abstract T read(JsonNode node);

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = ctxt.readTree(p);
      T value = read(node);
      if (value == null) {
        throw new ConfigException(
            "", "expected " + expected + ", got " + YamlBinding.describe(node));
      }
      return value;
    }
  }
}
