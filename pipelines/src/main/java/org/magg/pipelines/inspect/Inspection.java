package org.magg.pipelines.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.magg.core.Json;

/**
 * What {@code magg inspect} found at a location: its kind, a compact aligned description for people
 * and the same facts as one JSON document.
 *
 * @param kind what the location holds
 * @param location the location inspected
 * @param json the facts, with {@code kind} and {@code location} first
 * @param text the description for people, ending in a newline
 */
public record Inspection(OutputKind kind, String location, ObjectNode json, String text) {

  /** The facts as one indented JSON document. */
  public String toJson() {
    try {
      return Json.pretty().writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the inspection of " + location + " as JSON", e);
    }
  }

  /** A JSON object that starts with the kind and the location, for an inspector to fill. */
  static ObjectNode start(OutputKind kind, String location) {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
    json.put("location", location);
    return json;
  }
}
