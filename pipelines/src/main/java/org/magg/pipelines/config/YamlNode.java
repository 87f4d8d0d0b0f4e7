package org.magg.pipelines.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.magg.core.ConfigException;

/**
 * A YAML/JSON node that knows its dotted path, so every error names the field it is about. Used
 * only while a config is parsed into records.
 */
final class YamlNode {
  private final String path;
  private final JsonNode node;

  private YamlNode(String path, JsonNode node) {
    this.path = path;
    this.node = node == null ? MissingNode.getInstance() : node;
  }

  static YamlNode root(JsonNode node) {
    return new YamlNode("", node);
  }

  String path() {
    return path;
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean isPresent() {
    return !node.isMissingNode() && !node.isNull();
  }

  boolean has(String key) {
    return child(key).isPresent();
  }

  YamlNode child(String key) {
    return new YamlNode(path(key), node.isObject() ? node.get(key) : null);
  }

  /** This node as a mapping; an absent node is an empty mapping. */
  Map<String, YamlNode> entries() {
    if (!isPresent()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new ConfigException(path, "expected a mapping, got " + describe());
    }
    Map<String, YamlNode> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), new YamlNode(path(e.getKey()), e.getValue()));
    }
    return out;
  }

  /** Refuses any key of this mapping that is not in {@code allowed}. */
  YamlNode allowOnly(String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (String key : entries().keySet()) {
      if (!ok.contains(key)) {
        throw new ConfigException(
            path(key),
            "unknown field (allowed here: " + String.join(", ", new TreeSet<>(ok)) + ")");
      }
    }
    return this;
  }

  String requiredText(String key) {
    YamlNode c = child(key);
    if (!c.isPresent()) {
      throw new ConfigException(c.path, "is required");
    }
    return c.asText();
  }

  String text(String key, String fallback) {
    YamlNode c = child(key);
    return c.isPresent() ? c.asText() : fallback;
  }

  String asText() {
    if (!node.isValueNode()) {
      throw new ConfigException(path, "expected a single value, got " + describe());
    }
    return node.asText();
  }

  int requiredInt(String key) {
    YamlNode c = child(key);
    if (!c.isPresent()) {
      throw new ConfigException(c.path, "is required");
    }
    return c.asInt();
  }

  Integer optionalInt(String key) {
    YamlNode c = child(key);
    return c.isPresent() ? c.asInt() : null;
  }

  int asInt() {
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return node.intValue();
    }
    if (node.isTextual()) {
      try {
        return Integer.parseInt(node.textValue().trim());
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new ConfigException(path, "expected an integer, got " + describe());
  }

  Boolean optionalBoolean(String key) {
    YamlNode c = child(key);
    if (!c.isPresent()) {
      return null;
    }
    if (c.node.isBoolean()) {
      return c.node.booleanValue();
    }
    if (c.node.isTextual()) {
      String t = c.node.textValue().trim().toLowerCase(java.util.Locale.ROOT);
      if (t.equals("true") || t.equals("false")) {
        return Boolean.parseBoolean(t);
      }
    }
    throw new ConfigException(c.path, "expected true or false, got " + c.describe());
  }

  Double optionalDouble(String key) {
    YamlNode c = child(key);
    return c.isPresent() ? c.asDouble() : null;
  }

  double asDouble() {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      String t = node.textValue().trim();
      switch (t.toLowerCase(java.util.Locale.ROOT)) {
        case "nan":
        case ".nan":
          return Double.NaN;
        case "inf":
        case ".inf":
        case "+inf":
        case "infinity":
          return Double.POSITIVE_INFINITY;
        case "-inf":
        case "-.inf":
        case "-infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            return Double.parseDouble(t);
          } catch (NumberFormatException e) {
            // fall through
          }
      }
    }
    throw new ConfigException(path, "expected a number, got " + describe());
  }

  /** A list of strings; a single string is accepted as a one-element list. */
  List<String> stringList(String key) {
    YamlNode c = child(key);
    if (!c.isPresent()) {
      return List.of();
    }
    if (c.node.isTextual()) {
      return List.of(c.node.textValue());
    }
    if (!c.node.isArray()) {
      throw new ConfigException(c.path, "expected a list of strings, got " + c.describe());
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < c.node.size(); i++) {
      JsonNode e = c.node.get(i);
      if (!e.isValueNode()) {
        throw new ConfigException(c.path + "[" + i + "]", "expected a string");
      }
      out.add(e.asText());
    }
    return out;
  }

  /** A mapping of string to string (for example variable name to dataset path). */
  Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : child(key).entries().entrySet()) {
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /** Converts this node to plain Java values (String, Double, Long, Boolean, List, Map). */
  Object toPlain() {
    if (!isPresent()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> out = new LinkedHashMap<>();
      entries().forEach((k, v) -> out.put(k, v.toPlain()));
      return out;
    }
    if (node.isArray()) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        out.add(new YamlNode(path + "[" + i + "]", node.get(i)).toPlain());
      }
      return out;
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }

  String describe() {
    if (node.isMissingNode()) {
      return "nothing";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return "'" + node.asText() + "'";
  }

  static String allowedList(Object... values) {
    return String.join(", ", Arrays.stream(values).map(String::valueOf).toList());
  }
}
