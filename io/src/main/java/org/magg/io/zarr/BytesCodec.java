package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteOrder;

/** The v3 {@code bytes} codec: canonical elements to bytes of a chosen endianness. */
final class BytesCodec implements Codec {

  static final String NAME = "bytes";

  private final ByteOrder order;

  BytesCodec(ByteOrder order) {
    this.order = order;
  }

  ByteOrder order() {
    return order;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Kind kind() {
    return Kind.ARRAY_TO_BYTES;
  }

  @Override
  public byte[] encode(byte[] decoded, ChunkSpec spec) {
    return swapIfNeeded(decoded, spec);
  }

  @Override
  public byte[] decode(byte[] encoded, ChunkSpec spec) {
    if (encoded.length != spec.byteCount()) {
      throw new ZarrException(
          "decoded chunk has "
              + encoded.length
              + " bytes, expected "
              + spec.byteCount()
              + " ("
              + spec.elementCount()
              + " elements of "
              + spec.dataType()
              + " for chunk shape "
              + Shapes.str(spec.shape())
              + ")");
    }
    return swapIfNeeded(encoded, spec);
  }

  private byte[] swapIfNeeded(byte[] data, ChunkSpec spec) {
    int size = spec.dataType().byteSize();
    if (order == ByteOrder.LITTLE_ENDIAN || size == 1) {
      return data;
    }
    return swap(data, size);
  }

  static byte[] swap(byte[] data, int size) {
    byte[] out = new byte[data.length];
    for (int i = 0; i + size <= data.length; i += size) {
      for (int j = 0; j < size; j++) {
        out[i + j] = data[i + size - 1 - j];
      }
    }
    return out;
  }

  @Override
  public long encodedSize(long decodedSize) {
    return decodedSize;
  }

  @Override
  public ObjectNode toV3Json() {
    ObjectNode node = Json.object().put("name", NAME);
    node.putObject("configuration").put("endian", order == ByteOrder.BIG_ENDIAN ? "big" : "little");
    return node;
  }
}
