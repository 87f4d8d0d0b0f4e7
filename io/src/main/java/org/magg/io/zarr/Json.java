package org.magg.io.zarr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON of metadata documents: read, written (indented) and converted. */
final class Json {

  /** The project's mapper ({@link org.magg.core.Json}); documents are written indented. */
  static final ObjectMapper MAPPER = org.magg.core.Json.mapper();

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static byte[] write(JsonNode node) {
    try {
      return org.magg.core.Json.pretty().writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise metadata", e);
    }
  }

  /** Parses a metadata document; {@code what} names it in the error. */
  static JsonNode read(byte[] bytes, String what) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new ZarrException("Invalid JSON in " + what + ": " + e.getMessage(), e);
    }
  }

  static ObjectNode readObject(byte[] bytes, String what) {
    JsonNode node = read(bytes, what);
    if (!(node instanceof ObjectNode)) {
      throw new ZarrException(
          "Expected a JSON object in " + what + ", found " + node.getNodeType());
    }
    return (ObjectNode) node;
  }

  /** Converts user attributes to a JSON object node. */
  static ObjectNode attributesNode(Map<String, Object> attributes) {
    return MAPPER.valueToTree(attributes == null ? Map.of() : attributes);
  }

  /** Converts a JSON object to plain Java maps, lists, strings, numbers and booleans. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> toMap(JsonNode node) {
    if (node == null || node.isNull()) {
      return new LinkedHashMap<>();
    }
    return MAPPER.convertValue(node, LinkedHashMap.class);
  }

  static String encodeString(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
