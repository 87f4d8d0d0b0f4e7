package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The v3 {@code sharding_indexed} codec: a shard holds several inner chunks, each encoded with the
 * inner codecs, plus an index of (offset, length) pairs encoded with the index codecs.
 */
final class ShardingCodec implements Codec {

  static final String NAME = "sharding_indexed";
  private static final long EMPTY = -1L; // 2^64 - 1

  private final int[] innerShape;
  private final CodecPipeline inner;
  private final CodecPipeline index;
  private final boolean indexAtEnd;

  ShardingCodec(int[] innerShape, CodecPipeline inner, CodecPipeline index, boolean indexAtEnd) {
    this.innerShape = innerShape.clone();
    this.inner = inner;
    this.index = index;
    this.indexAtEnd = indexAtEnd;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Kind kind() {
    return Kind.ARRAY_TO_BYTES;
  }

  private int[] chunksPerShard(ChunkSpec spec) {
    int[] shape = spec.shape();
    if (shape.length != innerShape.length) {
      throw new ZarrException(
          "sharding inner chunk shape "
              + Shapes.str(innerShape)
              + " does not match rank of shard "
              + Shapes.str(shape));
    }
    int[] n = new int[shape.length];
    for (int d = 0; d < shape.length; d++) {
      if (innerShape[d] <= 0 || shape[d] % innerShape[d] != 0) {
        throw new ZarrException(
            "sharding inner chunk shape "
                + Shapes.str(innerShape)
                + " does not divide the shard shape "
                + Shapes.str(shape));
      }
      n[d] = shape[d] / innerShape[d];
    }
    return n;
  }

  private ChunkSpec indexSpec(int[] perShard) {
    int[] shape = Arrays.copyOf(perShard, perShard.length + 1);
    shape[perShard.length] = 2;
    byte[] fill = new byte[8];
    Arrays.fill(fill, (byte) 0xFF);
    return new ChunkSpec(shape, DataType.UINT64, fill);
  }

  @Override
  public byte[] decode(byte[] encoded, ChunkSpec spec) throws IOException {
    int[] perShard = chunksPerShard(spec);
    int chunkCount = Math.toIntExact(Shapes.product(perShard));
    ChunkSpec indexSpec = indexSpec(perShard);
    int indexSize = Math.toIntExact(index.encodedSize((long) chunkCount * 16));
    if (encoded.length < indexSize) {
      throw new ZarrException(
          "shard of "
              + encoded.length
              + " bytes is shorter than its index of "
              + indexSize
              + " bytes");
    }
    int indexStart = indexAtEnd ? encoded.length - indexSize : 0;
    byte[] indexBytes = Arrays.copyOfRange(encoded, indexStart, indexStart + indexSize);
    ByteBuffer entries = Elements.wrap(index.decode(indexBytes, indexSpec));

    byte[] out = new byte[spec.byteCount()];
    Elements.fill(out, spec.fillValue());
    ChunkSpec innerSpec = spec.withShape(innerShape);
    long[] shardShape = Shapes.toLong(spec.shape());
    long[] innerLong = Shapes.toLong(innerShape);
    long[] zero = new long[innerShape.length];
    int[] pos = new int[perShard.length];
    for (int c = 0; c < chunkCount; c++) {
      long offset = entries.getLong(c * 16);
      long length = entries.getLong(c * 16 + 8);
      if (!(offset == EMPTY && length == EMPTY)) {
        if (offset < 0 || length < 0 || offset + length > encoded.length) {
          throw new ZarrException(
              "shard index entry "
                  + c
                  + " (offset "
                  + Long.toUnsignedString(offset)
                  + ", length "
                  + Long.toUnsignedString(length)
                  + ") lies outside the shard of "
                  + encoded.length
                  + " bytes");
        }
        byte[] piece = Arrays.copyOfRange(encoded, (int) offset, (int) (offset + length));
        byte[] decoded = inner.decode(piece, innerSpec);
        long[] dstOffset = new long[pos.length];
        for (int d = 0; d < pos.length; d++) {
          dstOffset[d] = (long) pos[d] * innerShape[d];
        }
        Shapes.copyBox(
            decoded,
            innerLong,
            zero,
            out,
            shardShape,
            dstOffset,
            innerLong,
            spec.dataType().byteSize());
      }
      advance(pos, perShard);
    }
    return out;
  }

  @Override
  public byte[] encode(byte[] decoded, ChunkSpec spec) throws IOException {
    int[] perShard = chunksPerShard(spec);
    int chunkCount = Math.toIntExact(Shapes.product(perShard));
    ChunkSpec indexSpec = indexSpec(perShard);
    int indexSize = Math.toIntExact(index.encodedSize((long) chunkCount * 16));
    ChunkSpec innerSpec = spec.withShape(innerShape);
    long[] shardShape = Shapes.toLong(spec.shape());
    long[] innerLong = Shapes.toLong(innerShape);
    long[] zero = new long[innerShape.length];
    int itemSize = spec.dataType().byteSize();

    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] indexCanonical = new byte[chunkCount * 16];
    ByteBuffer entries = Elements.wrap(indexCanonical);
    long base = indexAtEnd ? 0 : indexSize;
    int[] pos = new int[perShard.length];
    byte[] piece = new byte[innerSpec.byteCount()];
    for (int c = 0; c < chunkCount; c++) {
      long[] srcOffset = new long[pos.length];
      for (int d = 0; d < pos.length; d++) {
        srcOffset[d] = (long) pos[d] * innerShape[d];
      }
      Shapes.copyBox(decoded, shardShape, srcOffset, piece, innerLong, zero, innerLong, itemSize);
      if (isAllFill(piece, spec.fillValue())) {
        entries.putLong(c * 16, EMPTY);
        entries.putLong(c * 16 + 8, EMPTY);
      } else {
        byte[] enc = inner.encode(piece, innerSpec);
        entries.putLong(c * 16, base + body.size());
        entries.putLong(c * 16 + 8, enc.length);
        body.write(enc);
      }
      advance(pos, perShard);
    }
    byte[] indexBytes = index.encode(indexCanonical, indexSpec);
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + indexBytes.length);
    if (!indexAtEnd) {
      out.write(indexBytes);
    }
    body.writeTo(out);
    if (indexAtEnd) {
      out.write(indexBytes);
    }
    return out.toByteArray();
  }

  private static boolean isAllFill(byte[] data, byte[] fill) {
    for (int i = 0; i < data.length; i++) {
      if (data[i] != fill[i % fill.length]) {
        return false;
      }
    }
    return true;
  }

  private static void advance(int[] pos, int[] extent) {
    for (int d = pos.length - 1; d >= 0; d--) {
      if (++pos[d] < extent[d]) {
        return;
      }
      pos[d] = 0;
    }
  }

  @Override
  public ObjectNode toV3Json() {
    ObjectNode node = Json.object().put("name", NAME);
    ObjectNode config = node.putObject("configuration");
    ArrayNode shape = config.putArray("chunk_shape");
    for (int s : innerShape) {
      shape.add(s);
    }
    ArrayNode codecs = config.putArray("codecs");
    inner.codecs().forEach(c -> codecs.add(c.toV3Json()));
    ArrayNode indexCodecs = config.putArray("index_codecs");
    index.codecs().forEach(c -> indexCodecs.add(c.toV3Json()));
    config.put("index_location", indexAtEnd ? "end" : "start");
    return node;
  }
}
