package org.magg.io.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and writes Zarr v3 {@code zarr.json} documents. */
final class V3Metadata {

  static final String KEY = "zarr.json";

  private static final Set<String> ARRAY_KEYS =
      Set.of(
          "zarr_format",
          "node_type",
          "shape",
          "data_type",
          "chunk_grid",
          "chunk_key_encoding",
          "fill_value",
          "codecs",
          "attributes",
          "dimension_names",
          "storage_transformers");

  private V3Metadata() {}

  static ObjectNode groupJson(ObjectNode attributes) {
    ObjectNode node = Json.object();
    node.put("zarr_format", 3);
    node.put("node_type", "group");
    node.set("attributes", attributes == null ? Json.object() : attributes);
    return node;
  }

  static ObjectNode arrayJson(ArrayMetadata m) {
    ObjectNode node = Json.object();
    node.put("zarr_format", 3);
    node.put("node_type", "array");
    ArrayNode shape = node.putArray("shape");
    for (long s : m.shape()) {
      shape.add(s);
    }
    node.put("data_type", m.dataType().v3Name());
    ObjectNode grid = node.putObject("chunk_grid").put("name", "regular");
    ArrayNode chunks = grid.putObject("configuration").putArray("chunk_shape");
    for (int c : m.chunkShape()) {
      chunks.add(c);
    }
    ObjectNode keys =
        node.putObject("chunk_key_encoding").put("name", m.v2ChunkKeys() ? "v2" : "default");
    keys.putObject("configuration").put("separator", m.chunkKeySeparator());
    node.set("fill_value", FillValues.toJson(m.dataType(), m.fillValueBytes()));
    ArrayNode codecs = node.putArray("codecs");
    for (Codec c : m.codecs().codecs()) {
      ObjectNode json = c.toV3Json();
      if (c instanceof BytesCodec && m.dataType().byteSize() == 1) {
        json.remove("configuration");
      }
      codecs.add(json);
    }
    node.set("attributes", m.attributesNode());
    if (!m.dimensionNames().isEmpty()) {
      ArrayNode dims = node.putArray("dimension_names");
      for (String d : m.dimensionNames()) {
        dims.add(d);
      }
    }
    node.putArray("storage_transformers");
    return node;
  }

  /** Returns "array" or "group" after checking {@code zarr_format}. */
  static String nodeType(ObjectNode json) {
    int format = json.path("zarr_format").asInt(-1);
    if (format != 3) {
      throw new ZarrException("zarr_format is " + json.get("zarr_format") + ", expected 3");
    }
    String type = json.path("node_type").asText("");
    if (!type.equals("array") && !type.equals("group")) {
      throw new ZarrException("node_type must be 'array' or 'group', got '" + type + "'");
    }
    return type;
  }

  static ArrayMetadata parseArray(ObjectNode json) {
    if (!nodeType(json).equals("array")) {
      throw new ZarrException("node is a group, not an array");
    }
    checkExtensions(json);
    long[] shape = longs(json.get("shape"), "shape");
    DataType dataType = DataType.fromV3Name(json.path("data_type").asText(null));

    JsonNode grid = json.path("chunk_grid");
    if (!grid.path("name").asText("").equals("regular")) {
      throw new UnsupportedOperationException(
          "chunk_grid '" + grid.path("name").asText() + "' is not supported (only 'regular')");
    }
    int[] chunkShape = ints(grid.path("configuration").get("chunk_shape"), "chunk_shape");
    if (chunkShape.length != shape.length) {
      throw new ZarrException("chunk_shape and shape differ in rank");
    }

    JsonNode keyEncoding = json.path("chunk_key_encoding");
    String encodingName = keyEncoding.path("name").asText("default");
    boolean v2Keys;
    if (encodingName.equals("default")) {
      v2Keys = false;
    } else if (encodingName.equals("v2")) {
      v2Keys = true;
    } else {
      throw new UnsupportedOperationException(
          "chunk_key_encoding '" + encodingName + "' is not supported");
    }
    String separator =
        keyEncoding.path("configuration").path("separator").asText(v2Keys ? "." : "/");

    JsonNode transformers = json.path("storage_transformers");
    if (transformers.isArray() && !transformers.isEmpty()) {
      throw new UnsupportedOperationException("storage_transformers are not supported");
    }

    byte[] fill = FillValues.fromJson(json.get("fill_value"), dataType);
    CodecPipeline codecs = Codecs.fromV3(json.get("codecs"), dataType);
    ByteOrder byteOrder = ByteOrder.LITTLE_ENDIAN;
    for (Codec c : codecs.codecs()) {
      if (c instanceof BytesCodec) {
        byteOrder = ((BytesCodec) c).order();
      }
    }

    List<String> dims = null;
    JsonNode dimNode = json.get("dimension_names");
    if (dimNode != null && dimNode.isArray()) {
      dims = new ArrayList<>();
      for (JsonNode d : dimNode) {
        dims.add(d.isNull() ? null : d.asText());
      }
      if (dims.size() != shape.length) {
        throw new ZarrException(
            "dimension_names has " + dims.size() + " entries for rank " + shape.length);
      }
    }
    JsonNode attrs = json.get("attributes");
    return new ArrayMetadata(
        ZarrFormat.V3,
        shape,
        chunkShape,
        dataType,
        fill,
        codecs,
        byteOrder,
        'C',
        dims,
        attrs instanceof ObjectNode ? (ObjectNode) attrs : Json.object(),
        separator,
        v2Keys);
  }

  /** Extension fields must declare {@code "must_understand": false} to be ignored. */
  private static void checkExtensions(ObjectNode json) {
    Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      if (ARRAY_KEYS.contains(e.getKey())) {
        continue;
      }
      JsonNode v = e.getValue();
      if (!(v.isObject()
          && v.path("must_understand").isBoolean()
          && !v.get("must_understand").booleanValue())) {
        throw new UnsupportedOperationException(
            "unknown metadata field '" + e.getKey() + "' that must be understood");
      }
    }
  }

  static long[] longs(JsonNode node, String field) {
    if (node == null || !node.isArray()) {
      throw new ZarrException("'" + field + "' must be a list of integers, got " + node);
    }
    long[] out = new long[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = node.get(i);
      if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
        throw new ZarrException("'" + field + "' must hold non-negative integers, got " + node);
      }
      out[i] = v.asLong();
    }
    return out;
  }

  static int[] ints(JsonNode node, String field) {
    long[] values = longs(node, field);
    int[] out = new int[values.length];
    for (int i = 0; i < out.length; i++) {
      if (values[i] <= 0 || values[i] > Integer.MAX_VALUE) {
        throw new ZarrException("'" + field + "' must hold positive ints, got " + node);
      }
      out[i] = (int) values[i];
    }
    return out;
  }
}
