package org.magg.io.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Builds codec pipelines from v2 and v3 metadata. */
final class Codecs {

  private Codecs() {}

  /** Parses a v3 {@code codecs} list for an array of the given type. */
  static CodecPipeline fromV3(JsonNode codecs, DataType dataType) {
    if (codecs == null || !codecs.isArray() || codecs.isEmpty()) {
      throw new ZarrException("'codecs' must be a non-empty list");
    }
    List<Codec> list = new ArrayList<>();
    for (JsonNode node : codecs) {
      list.add(codecFromV3(node, dataType));
    }
    return new CodecPipeline(list).checkV3Order();
  }

  private static Codec codecFromV3(JsonNode node, DataType dataType) {
    String name;
    JsonNode config;
    ObjectNode json;
    if (node.isTextual()) {
      name = node.asText();
      config = Json.object();
      json = Json.object().put("name", name);
    } else if (node.isObject() && node.path("name").isTextual()) {
      name = node.get("name").asText();
      config = node.path("configuration");
      json = (ObjectNode) node;
    } else {
      throw new ZarrException("codec entry must be an object with a 'name': " + node);
    }
    switch (name) {
      case "bytes":
      case "endian":
        {
          String endian = config.path("endian").asText("little");
          if (!endian.equals("little") && !endian.equals("big")) {
            throw new ZarrException("bytes codec endian must be 'little' or 'big', got " + endian);
          }
          return new BytesCodec(
              endian.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        }
      case "transpose":
        return transpose(config.path("order"));
      case "gzip":
      case "numcodecs.gzip":
        return new GzipCodec(config.path("level").asInt(5));
      case "numcodecs.zlib":
        return new ZlibCodec(config.path("level").asInt(1));
      case "zstd":
      case "numcodecs.zstd":
        return new ZstdCodec(config.path("level").asInt(0), config.path("checksum").asBoolean());
      case "crc32c":
        return new Crc32cCodec();
      case "blosc":
        return new BloscCodec(
            config.path("cname").asText("lz4"),
            config.path("clevel").asInt(5),
            v3BloscShuffle(config.path("shuffle").asText("noshuffle")),
            config.path("typesize").asInt(0),
            config.path("blocksize").asInt(0));
      case "numcodecs.shuffle":
        return new ShuffleCodec(config.path("elementsize").asInt(dataType.byteSize()));
      case "numcodecs.delta":
        return delta(config, dataType, ByteOrder.LITTLE_ENDIAN, true);
      case "numcodecs.bitround":
        return new BitroundCodec(config.path("keepbits").asInt());
      case "sharding_indexed":
        return sharding(config, dataType);
      default:
        return new UnsupportedCodec(
            name,
            Codec.Kind.BYTES_TO_BYTES,
            json,
            "no implementation for Zarr v3 codec '" + name + "'");
    }
  }

  private static int v3BloscShuffle(String shuffle) {
    switch (shuffle) {
      case "noshuffle":
        return 0;
      case "shuffle":
        return 1;
      case "bitshuffle":
        return 2;
      default:
        throw new ZarrException("unknown blosc shuffle '" + shuffle + "'");
    }
  }

  private static TransposeCodec transpose(JsonNode order) {
    if (!order.isArray()) {
      throw new ZarrException("transpose codec needs an 'order' list, got " + order);
    }
    int[] perm = new int[order.size()];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = order.get(i).asInt();
    }
    return new TransposeCodec(perm);
  }

  private static Codec delta(JsonNode config, DataType dataType, ByteOrder order, boolean v3) {
    String dtype = config.path("dtype").asText(null);
    String astype = config.path("astype").asText(dtype);
    if (dtype != null && !sameType(dtype, dataType)) {
      return new UnsupportedCodec(
          "delta",
          Codec.Kind.ARRAY_TO_ARRAY,
          Json.object().put("id", "delta"),
          "delta dtype " + dtype + " differs from the array's " + dataType);
    }
    if (astype != null && !astype.equals(dtype) && !sameType(astype, dataType)) {
      return new UnsupportedCodec(
          "delta",
          Codec.Kind.ARRAY_TO_ARRAY,
          Json.object().put("id", "delta"),
          "delta with astype " + astype + " different from dtype " + dtype);
    }
    return new DeltaCodec(dataType, order, v3);
  }

  private static boolean sameType(String name, DataType dataType) {
    if (name.equals(dataType.v3Name())) {
      return true;
    }
    try {
      return DataType.fromV2Name(name) == dataType;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  private static ShardingCodec sharding(JsonNode config, DataType dataType) {
    JsonNode shape = config.path("chunk_shape");
    if (!shape.isArray() || shape.isEmpty()) {
      throw new ZarrException("sharding_indexed needs a 'chunk_shape' list");
    }
    int[] inner = new int[shape.size()];
    for (int i = 0; i < inner.length; i++) {
      inner[i] = shape.get(i).asInt();
    }
    CodecPipeline innerCodecs = fromV3(config.path("codecs"), dataType);
    JsonNode indexNode = config.path("index_codecs");
    CodecPipeline indexCodecs =
        indexNode.isMissingNode()
            ? new CodecPipeline(List.of(new BytesCodec(ByteOrder.LITTLE_ENDIAN), new Crc32cCodec()))
            : fromV3(indexNode, DataType.UINT64);
    String location = config.path("index_location").asText("end");
    if (!location.equals("end") && !location.equals("start")) {
      throw new ZarrException("sharding index_location must be 'start' or 'end', got " + location);
    }
    return new ShardingCodec(inner, innerCodecs, indexCodecs, location.equals("end"));
  }

  /**
   * Builds the pipeline of a v2 array: F order becomes a transpose, the dtype's byte order the
   * bytes codec, then the filters and the compressor.
   */
  static CodecPipeline fromV2(
      int rank,
      boolean fortranOrder,
      DataType dataType,
      ByteOrder byteOrder,
      JsonNode filters,
      JsonNode compressor) {
    List<Codec> list = new ArrayList<>();
    if (fortranOrder && rank > 1) {
      list.add(TransposeCodec.reversed(rank));
    }
    list.add(new BytesCodec(byteOrder));
    if (filters != null && filters.isArray()) {
      for (JsonNode f : filters) {
        list.add(codecFromV2(f, dataType, byteOrder));
      }
    }
    if (compressor != null && !compressor.isNull() && !compressor.isMissingNode()) {
      list.add(codecFromV2(compressor, dataType, byteOrder));
    }
    return new CodecPipeline(list);
  }

  private static Codec codecFromV2(JsonNode config, DataType dataType, ByteOrder byteOrder) {
    String id = config.path("id").asText(null);
    if (id == null) {
      throw new ZarrException("filter or compressor without an 'id': " + config);
    }
    switch (id) {
      case "zlib":
        return new ZlibCodec(config.path("level").asInt(1));
      case "gzip":
        return new GzipCodec(config.path("level").asInt(1));
      case "zstd":
        return new ZstdCodec(config.path("level").asInt(0), config.path("checksum").asBoolean());
      case "blosc":
        return new BloscCodec(
            config.path("cname").asText("lz4"),
            config.path("clevel").asInt(5),
            config.path("shuffle").asInt(1),
            0,
            config.path("blocksize").asInt(0));
      case "shuffle":
        return new ShuffleCodec(config.path("elementsize").asInt(dataType.byteSize()));
      case "delta":
        return delta(config, dataType, byteOrder, false);
      case "bitround":
        return new BitroundCodec(config.path("keepbits").asInt());
      default:
        return new UnsupportedCodec(
            id,
            Codec.Kind.BYTES_TO_BYTES,
            (ObjectNode) config,
            "no implementation for Zarr v2 filter/compressor '" + id + "'");
    }
  }
}
