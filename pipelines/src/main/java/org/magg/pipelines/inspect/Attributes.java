package org.magg.pipelines.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;
import org.magg.core.Json;

/** Attributes in a line each, shortened: long lists show their first values and their length. */
final class Attributes {
  static final int LIST_VALUES = 6;
  static final int WIDTH = 72;

  private Attributes() {}

  /** {@code key value} lines under {@code indent}, or nothing for no attributes. */
  static String lines(Map<String, Object> attributes, String indent) {
    Table t = new Table(false);
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      t.row(e.getKey(), value(e.getValue()));
    }
    return t.isEmpty() ? "" : t.render(indent);
  }

  /** One attribute value, shortened to about {@value #WIDTH} characters. */
  static String value(Object v) {
    if (v instanceof List<?> list && list.size() > LIST_VALUES) {
      String head = json(list.subList(0, LIST_VALUES));
      return head.substring(0, head.length() - 1) + ", ...] (" + list.size() + " values)";
    }
    String s = v instanceof String str ? str : json(v);
    return s.length() > WIDTH ? s.substring(0, WIDTH - 3) + "..." : s;
  }

  private static String json(Object v) {
    try {
      return Json.mapper().writeValueAsString(v);
    } catch (JsonProcessingException e) {
      return String.valueOf(v);
    }
  }
}
