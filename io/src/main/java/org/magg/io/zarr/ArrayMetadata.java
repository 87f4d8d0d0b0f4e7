package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The immutable description of a Zarr array: format, shape, chunking, element type, fill value,
 * codecs, dimension names and attributes. Build one for writing with {@link #builder()}; arrays
 * opened from a store carry the metadata read from it.
 */
public final class ArrayMetadata {

  /** Attribute under which v2 stores dimension names (the xarray convention). */
  public static final String V2_DIMENSIONS_ATTRIBUTE = "_ARRAY_DIMENSIONS";

  private final ZarrFormat format;
  private final long[] shape;
  private final int[] chunkShape;
  private final DataType dataType;
  private final byte[] fillValue;
  private final CodecPipeline codecs;
  private final ByteOrder byteOrder;
  private final char order;
  private final List<String> dimensionNames;
  private final ObjectNode attributes;
  private final String chunkKeySeparator;
  private final boolean v2ChunkKeys;

  ArrayMetadata(
      ZarrFormat format,
      long[] shape,
      int[] chunkShape,
      DataType dataType,
      byte[] fillValue,
      CodecPipeline codecs,
      ByteOrder byteOrder,
      char order,
      List<String> dimensionNames,
      ObjectNode attributes,
      String chunkKeySeparator,
      boolean v2ChunkKeys) {
    this.format = format;
    this.shape = shape.clone();
    this.chunkShape = chunkShape.clone();
    this.dataType = dataType;
    this.fillValue = fillValue.clone();
    this.codecs = codecs;
    this.byteOrder = byteOrder;
    this.order = order;
    this.dimensionNames =
        dimensionNames == null
            ? Collections.emptyList()
            : Collections.unmodifiableList(new ArrayList<>(dimensionNames));
    this.attributes = attributes == null ? Json.object() : attributes.deepCopy();
    this.chunkKeySeparator = chunkKeySeparator;
    this.v2ChunkKeys = v2ChunkKeys;
  }

  /** A builder for metadata of a new array. */
  public static Builder builder() {
    return new Builder();
  }

  public ZarrFormat format() {
    return format;
  }

  /** The extent of each dimension. */
  public long[] shape() {
    return shape.clone();
  }

  /** The extent of each dimension of a chunk (of a shard, for sharded arrays). */
  public int[] chunkShape() {
    return chunkShape.clone();
  }

  /** The number of chunks along each dimension. */
  public long[] chunkGridShape() {
    return Shapes.gridShape(shape, chunkShape);
  }

  public int rank() {
    return shape.length;
  }

  public DataType dataType() {
    return dataType;
  }

  /** The fill value: a {@link Double} for float types, otherwise a {@link Long} (bool 0/1). */
  public Number fillValue() {
    return dataType.isFloatingPoint() ? (Number) fillValueAsDouble() : (Number) fillValueAsLong();
  }

  /** The fill value as a double. */
  public double fillValueAsDouble() {
    return Elements.getDouble(Elements.wrap(fillValue), dataType, 0);
  }

  /** The fill value as a long (uint64 as raw bits; floats truncated). */
  public long fillValueAsLong() {
    return Elements.getLong(Elements.wrap(fillValue), dataType, 0);
  }

  /** The byte order of stored elements. */
  public ByteOrder byteOrder() {
    return byteOrder;
  }

  /** The memory order of chunks: {@code 'C'}, or {@code 'F'} for some v2 arrays. */
  public char order() {
    return order;
  }

  /** Dimension names, or an empty list when the array has none. Entries may be null in v3. */
  public List<String> dimensionNames() {
    return dimensionNames;
  }

  /** User attributes (for v2 without {@value #V2_DIMENSIONS_ATTRIBUTE}), as plain Java values. */
  public Map<String, Object> attributes() {
    return Json.toMap(attributes);
  }

  /** The names of the codecs in pipeline order (v2: filters, then the compressor). */
  public List<String> codecNames() {
    return codecs.names();
  }

  /** The separator between chunk coordinates in chunk keys. */
  public String chunkKeySeparator() {
    return chunkKeySeparator;
  }

  ObjectNode attributesNode() {
    return attributes.deepCopy();
  }

  byte[] fillValueBytes() {
    return fillValue.clone();
  }

  CodecPipeline codecs() {
    return codecs;
  }

  boolean v2ChunkKeys() {
    return v2ChunkKeys;
  }

  ChunkSpec chunkSpec() {
    return new ChunkSpec(chunkShape, dataType, fillValue);
  }

  /** The store key of a chunk, relative to the array's node. */
  String chunkKey(long[] chunkCoords) {
    StringBuilder sb = new StringBuilder();
    boolean v2Style = format == ZarrFormat.V2 || v2ChunkKeys;
    if (!v2Style) {
      sb.append('c');
    }
    for (int d = 0; d < chunkCoords.length; d++) {
      if (d > 0 || !v2Style) {
        sb.append(chunkKeySeparator);
      }
      sb.append(chunkCoords[d]);
    }
    if (chunkCoords.length == 0 && v2Style) {
      sb.append('0');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "ArrayMetadata["
        + format
        + " "
        + dataType
        + " shape="
        + Arrays.toString(shape)
        + " chunks="
        + Arrays.toString(chunkShape)
        + " codecs="
        + codecs.names()
        + (dimensionNames.isEmpty() ? "" : " dims=" + dimensionNames)
        + "]";
  }

  /**
   * Collects the parts of an array's metadata. Shape, chunk shape, data type and format are
   * required; the fill value defaults to 0, the compressor to none.
   */
  public static final class Builder {
    private ZarrFormat format;
    private long[] shape;
    private int[] chunkShape;
    private DataType dataType;
    private Double fillDouble;
    private Long fillLong;
    private Compressor compressor = Compressor.none();
    private List<String> dimensionNames;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private String separator;
    private int[] shardInnerChunkShape;

    private Builder() {}

    public Builder withFormat(ZarrFormat format) {
      this.format = format;
      return this;
    }

    public Builder withShape(long... shape) {
      this.shape = shape.clone();
      return this;
    }

    /** The chunk shape; with sharding, the shard shape. */
    public Builder withChunkShape(int... chunkShape) {
      this.chunkShape = chunkShape.clone();
      return this;
    }

    public Builder withDataType(DataType dataType) {
      this.dataType = dataType;
      return this;
    }

    /** The fill value, converted to the data type (must be integral for integer types). */
    public Builder withFillValue(double fillValue) {
      this.fillDouble = fillValue;
      this.fillLong = null;
      return this;
    }

    /** The fill value; for uint64 the long is taken as raw bits. */
    public Builder withFillValue(long fillValue) {
      this.fillLong = fillValue;
      this.fillDouble = null;
      return this;
    }

    public Builder withCompressor(Compressor compressor) {
      this.compressor = compressor == null ? Compressor.none() : compressor;
      return this;
    }

    public Builder withDimensionNames(String... names) {
      this.dimensionNames = Arrays.asList(names.clone());
      return this;
    }

    public Builder withDimensionNames(List<String> names) {
      this.dimensionNames = names == null ? null : new ArrayList<>(names);
      return this;
    }

    /** Adds all entries (JSON-serialisable values: strings, numbers, booleans, lists, maps). */
    public Builder withAttributes(Map<String, ?> attributes) {
      this.attributes.putAll(attributes);
      return this;
    }

    public Builder withAttribute(String key, Object value) {
      this.attributes.put(key, value);
      return this;
    }

    /** The separator between chunk coordinates: {@code "/"} (v3 default) or {@code "."}. */
    public Builder withChunkKeySeparator(String separator) {
      this.separator = separator;
      return this;
    }

    /**
     * Stores each chunk as a v3 shard of inner chunks of this shape (each must divide the chunk
     * shape); the compressor then applies to each inner chunk. Only for {@link ZarrFormat#V3}.
     */
    public Builder withSharding(int... innerChunkShape) {
      this.shardInnerChunkShape = innerChunkShape.clone();
      return this;
    }

    public ArrayMetadata build() {
      require(format, "Format", "withFormat");
      require(shape, "Shape", "withShape");
      require(chunkShape, "Chunk shape", "withChunkShape");
      require(dataType, "Data type", "withDataType");
      if (shape.length != chunkShape.length) {
        throw new IllegalArgumentException(
            "Chunk shape "
                + Arrays.toString(chunkShape)
                + " has rank "
                + chunkShape.length
                + " but shape "
                + Arrays.toString(shape)
                + " has rank "
                + shape.length);
      }
      long elements = 1;
      for (int d = 0; d < shape.length; d++) {
        if (shape[d] < 0) {
          throw new IllegalArgumentException(
              "Shape must not be negative: " + Arrays.toString(shape));
        }
        if (chunkShape[d] <= 0) {
          throw new IllegalArgumentException(
              "Chunk shape must be positive: " + Arrays.toString(chunkShape));
        }
        elements *= chunkShape[d];
        if (elements * dataType.byteSize() > Integer.MAX_VALUE - 64) {
          throw new IllegalArgumentException(
              "Chunk shape "
                  + Arrays.toString(chunkShape)
                  + " is too large: a chunk must stay"
                  + " below 2 GiB");
        }
      }
      if (dimensionNames != null && dimensionNames.size() != shape.length) {
        throw new IllegalArgumentException(
            "Got "
                + dimensionNames.size()
                + " dimension names "
                + dimensionNames
                + " for rank "
                + shape.length);
      }
      if (attributes.containsKey(V2_DIMENSIONS_ATTRIBUTE)) {
        throw new IllegalArgumentException(
            "Attribute "
                + V2_DIMENSIONS_ATTRIBUTE
                + " is reserved; please call `.withDimensionNames` instead.");
      }
      String sep = separator != null ? separator : format == ZarrFormat.V3 ? "/" : ".";
      if (!sep.equals("/") && !sep.equals(".")) {
        throw new IllegalArgumentException("Chunk key separator must be '/' or '.', got " + sep);
      }
      byte[] fill;
      try {
        fill =
            fillDouble != null
                ? FillValues.ofDouble(dataType, fillDouble)
                : FillValues.ofLong(dataType, fillLong != null ? fillLong : 0L);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Fill value does not fit data type " + dataType + ": " + e.getMessage(), e);
      }
      List<Codec> codecs = new ArrayList<>();
      codecs.add(new BytesCodec(ByteOrder.LITTLE_ENDIAN));
      Codec compression = compressor.toCodec();
      if (compression != null) {
        codecs.add(compression);
      }
      if (shardInnerChunkShape != null) {
        if (format != ZarrFormat.V3) {
          throw new IllegalArgumentException("Sharding needs Zarr v3.");
        }
        ShardingCodec sharding =
            new ShardingCodec(
                shardInnerChunkShape,
                new CodecPipeline(codecs),
                new CodecPipeline(
                    List.of(new BytesCodec(ByteOrder.LITTLE_ENDIAN), new Crc32cCodec())),
                true);
        checkDivides(shardInnerChunkShape, chunkShape);
        codecs = List.of(sharding);
      }
      ObjectNode attrs;
      try {
        attrs = Json.attributesNode(attributes);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Attributes are not JSON-serialisable: " + e.getMessage(), e);
      }
      return new ArrayMetadata(
          format,
          shape,
          chunkShape,
          dataType,
          fill,
          new CodecPipeline(codecs),
          ByteOrder.LITTLE_ENDIAN,
          'C',
          dimensionNames,
          attrs,
          sep,
          false);
    }

    private static void checkDivides(int[] inner, int[] outer) {
      if (inner.length != outer.length) {
        throw new IllegalArgumentException(
            "Shard inner chunk shape "
                + Arrays.toString(inner)
                + " does not match the rank of "
                + Arrays.toString(outer));
      }
      for (int d = 0; d < inner.length; d++) {
        if (inner[d] <= 0 || outer[d] % inner[d] != 0) {
          throw new IllegalArgumentException(
              "Shard inner chunk shape "
                  + Arrays.toString(inner)
                  + " must divide the chunk shape "
                  + Arrays.toString(outer));
        }
      }
    }

    private static void require(Object value, String what, String method) {
      if (value == null) {
        throw new IllegalStateException(
            what + " needs to be provided. Please call `." + method + "`.");
      }
    }
  }
}
