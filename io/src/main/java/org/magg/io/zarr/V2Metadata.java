package org.magg.io.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes Zarr v2 {@code .zarray}, {@code .zgroup} and {@code .zattrs} documents. */
final class V2Metadata {

  static final String ARRAY_KEY = ".zarray";
  static final String GROUP_KEY = ".zgroup";
  static final String ATTRS_KEY = ".zattrs";
  static final String CONSOLIDATED_KEY = ".zmetadata";

  private V2Metadata() {}

  static ObjectNode groupJson() {
    return Json.object().put("zarr_format", 2);
  }

  static ObjectNode zarray(ArrayMetadata m) {
    ObjectNode node = Json.object();
    node.put("zarr_format", 2);
    ArrayNode shape = node.putArray("shape");
    for (long s : m.shape()) {
      shape.add(s);
    }
    ArrayNode chunks = node.putArray("chunks");
    for (int c : m.chunkShape()) {
      chunks.add(c);
    }
    node.put("dtype", m.dataType().v2Name(m.byteOrder()));
    node.set("fill_value", FillValues.toJson(m.dataType(), m.fillValueBytes()));
    node.put("order", String.valueOf(m.order()));
    JsonNode compressor = null;
    ArrayNode filters = Json.MAPPER.createArrayNode();
    List<Codec> codecs = m.codecs().codecs();
    for (int i = 0; i < codecs.size(); i++) {
      Codec c = codecs.get(i);
      if (c instanceof BytesCodec || c instanceof TransposeCodec) {
        continue;
      }
      if (c instanceof ShardingCodec) {
        throw new UnsupportedOperationException("Zarr v2 has no sharding");
      }
      if (i == codecs.size() - 1 && c.isCompressor()) {
        compressor = c.toV2Json();
      } else {
        filters.add(c.toV2Json());
      }
    }
    node.set("compressor", compressor);
    node.set("filters", filters.isEmpty() ? null : filters);
    if (!m.chunkKeySeparator().equals(".")) {
      node.put("dimension_separator", m.chunkKeySeparator());
    }
    return node;
  }

  /** The {@code .zattrs} of an array: its attributes plus {@code _ARRAY_DIMENSIONS}. */
  static ObjectNode zattrs(ArrayMetadata m) {
    ObjectNode attrs = m.attributesNode();
    if (!m.dimensionNames().isEmpty()) {
      ArrayNode dims = attrs.putArray(ArrayMetadata.V2_DIMENSIONS_ATTRIBUTE);
      for (String d : m.dimensionNames()) {
        dims.add(d);
      }
    }
    return attrs;
  }

  static ArrayMetadata parseArray(ObjectNode zarray, ObjectNode zattrs) {
    int format = zarray.path("zarr_format").asInt(-1);
    if (format != 2) {
      throw new ZarrException("zarr_format is " + zarray.get("zarr_format") + ", expected 2");
    }
    long[] shape = V3Metadata.longs(zarray.get("shape"), "shape");
    int[] chunks = V3Metadata.ints(zarray.get("chunks"), "chunks");
    if (chunks.length != shape.length) {
      throw new ZarrException("'chunks' and 'shape' differ in rank");
    }
    JsonNode dtypeNode = zarray.get("dtype");
    if (dtypeNode == null || !dtypeNode.isTextual()) {
      throw new UnsupportedOperationException(
          "dtype " + dtypeNode + " is not supported (structured types are not)");
    }
    String dtype = dtypeNode.asText();
    DataType dataType = DataType.fromV2Name(dtype);
    ByteOrder byteOrder = DataType.v2ByteOrder(dtype);
    String order = zarray.path("order").asText("C");
    if (!order.equals("C") && !order.equals("F")) {
      throw new ZarrException("order must be 'C' or 'F', got '" + order + "'");
    }
    byte[] fill = FillValues.fromJson(zarray.get("fill_value"), dataType);
    CodecPipeline codecs =
        Codecs.fromV2(
            shape.length,
            order.equals("F"),
            dataType,
            byteOrder,
            zarray.get("filters"),
            zarray.get("compressor"));
    String separator = zarray.path("dimension_separator").asText(".");

    ObjectNode attrs = zattrs == null ? Json.object() : zattrs.deepCopy();
    List<String> dims = null;
    JsonNode dimNode = attrs.remove(ArrayMetadata.V2_DIMENSIONS_ATTRIBUTE);
    if (dimNode != null && dimNode.isArray() && dimNode.size() == shape.length) {
      dims = new ArrayList<>();
      for (JsonNode d : dimNode) {
        dims.add(d.asText());
      }
    }
    return new ArrayMetadata(
        ZarrFormat.V2,
        shape,
        chunks,
        dataType,
        fill,
        codecs,
        byteOrder,
        order.charAt(0),
        dims,
        attrs,
        separator,
        true);
  }
}
