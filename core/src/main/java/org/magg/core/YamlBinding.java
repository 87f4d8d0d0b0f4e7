package org.magg.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds a config's YAML tree to its records with Jackson, and turns Jackson's errors into {@link
 * ConfigException}s naming the field ({@code aggregation.variables.h_mean.function}).
 *
 * <p>A record checks its own fields in its constructor and names them relative to itself (a
 * ConfigException at {@code coordinates}); Jackson's path to the record is put in front here. The
 * scalars are read by the config package's YamlScalars.
 */
public final class YamlBinding {
  private static final ObjectReader READER =
      Json.yaml()
          .reader()
          .with(
              DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
              DeserializationFeature.USE_LONG_FOR_INTS);

  private YamlBinding() {}

  /** The tree as a {@code type}; every error names its field. */
  public static <T> T bind(JsonNode tree, Class<T> type) {
    try {
      return READER.forType(type).readValue(tree);
    } catch (UnrecognizedPropertyException e) {
      throw unknownField(path(e), e.getKnownPropertyIds());
    } catch (JsonMappingException e) {
      throw translate(e, tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a tree in memory is read without I/O
    }
  }

  /** {@code value}, or a ConfigException at {@code field} saying it {@code is required}. */
  public static <T> T required(T value, String field) {
    return required(value, field, "is required");
  }

  /** {@code value}, or a ConfigException at {@code field} with {@code reason}. */
  public static <T> T required(T value, String field, String reason) {
    if (value == null) {
      throw new ConfigException(field, reason);
    }
    return value;
  }

  /** {@code value}, or {@code fallback} when it is not given. */
  public static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static ConfigException translate(JsonMappingException e, JsonNode tree) {
    String path = path(e);
    if (e instanceof ValueInstantiationException v) {
      // Jackson builds a record before it looks at the mapping's unknown keys; an unknown key
      // (a misspelt required one, most likely) is the better message.
      Set<String> allowed = new TreeSet<>();
      READER.getConfig().introspect(v.getType()).findProperties().stream()
          .filter(BeanPropertyDefinition::hasConstructorParameter)
          .forEach(p -> allowed.add(p.getName()));
      for (Iterator<String> it = at(tree, e.getPath()).fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!allowed.contains(key)) {
          return unknownField(join(path, key), allowed);
        }
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConfigException c) {
        return new ConfigException(join(path, c.fieldPath()), reason(c), c);
      }
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      String expected = expected(m.getTargetType());
      if (expected != null) {
        return new ConfigException(
            path, "expected " + expected + ", got " + describe(at(tree, e.getPath())), e);
      }
    }
    return new ConfigException(path, e.getOriginalMessage(), e);
  }

  private static ConfigException unknownField(String path, Collection<?> allowed) {
    Set<String> names = new TreeSet<>();
    allowed.forEach(a -> names.add(String.valueOf(a)));
    String field = path.substring(path.lastIndexOf('.') + 1);
    String near = nearest(field, names);
    return new ConfigException(
        path,
        "unknown field (allowed here: "
            + String.join(", ", names)
            + ")"
            + (near == null ? "" : "; did you mean '" + near + "'?"));
  }

  /**
   * The allowed name closest to {@code field} when it is at most two edits away (a misspelling),
   * else null.
   */
  static String nearest(String field, Collection<String> names) {
    String best = null;
    int bestDistance = 3;
    for (String n : names) {
      int d = editDistance(field, n);
      if (d < bestDistance) {
        best = n;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance: insertions, deletions and substitutions of one character. */
  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String expected(Class<?> type) {
    if (type == String.class) {
      return "a single value";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping";
    }
    return null;
  }

  /** Jackson's path as the config spells it: {@code a.b[2].c}. */
  private static String path(JsonMappingException e) {
    String out = "";
    for (JsonMappingException.Reference r : e.getPath()) {
      out = r.getFieldName() != null ? join(out, r.getFieldName()) : out + "[" + r.getIndex() + "]";
    }
    return out;
  }

  private static String join(String prefix, String field) {
    if (prefix.isEmpty() || field.isEmpty()) {
      return prefix + field;
    }
    return field.startsWith("[") ? prefix + field : prefix + "." + field;
  }

  /** The message of a ConfigException without its field path. */
  private static String reason(ConfigException c) {
    String message = c.getMessage();
    String prefix = c.fieldPath() + ": ";
    return !c.fieldPath().isEmpty() && message.startsWith(prefix)
        ? message.substring(prefix.length())
        : message;
  }

  private static JsonNode at(JsonNode tree, List<JsonMappingException.Reference> path) {
    JsonNode n = tree;
    for (JsonMappingException.Reference r : path) {
      n = r.getFieldName() != null ? n.path(r.getFieldName()) : n.path(r.getIndex());
    }
    return n;
  }

  /** How messages show a node: {@code a mapping}, {@code a list} or the quoted value. */
  public static String describe(JsonNode node) {
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
}
