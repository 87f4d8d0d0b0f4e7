package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The numcodecs {@code delta} filter: stores the first element and then the differences between
 * consecutive elements (in memory order), with the wrap-around arithmetic of the data type.
 *
 * <p>In v3 it is an array-to-array codec on little-endian data; in v2 it runs on the dtype's own
 * byte order, given here.
 */
final class DeltaCodec implements Codec {

  static final String NAME = "delta";

  private final DataType dataType;
  private final ByteOrder order;
  private final boolean v3;

  DeltaCodec(DataType dataType, ByteOrder order, boolean v3) {
    this.dataType = dataType;
    this.order = order;
    this.v3 = v3;
  }

  @Override
  public String name() {
    return v3 ? "numcodecs." + NAME : NAME;
  }

  @Override
  public Kind kind() {
    return Kind.ARRAY_TO_ARRAY;
  }

  @Override
  public byte[] encode(byte[] decoded, ChunkSpec spec) {
    return run(decoded, true);
  }

  @Override
  public byte[] decode(byte[] encoded, ChunkSpec spec) {
    return run(encoded, false);
  }

  private byte[] run(byte[] data, boolean encode) {
    int n = data.length / dataType.byteSize();
    ByteBuffer in = ByteBuffer.wrap(data).order(order);
    byte[] result = new byte[data.length];
    ByteBuffer out = ByteBuffer.wrap(result).order(order);
    if (dataType.isFloatingPoint()) {
      double previous = 0;
      for (int i = 0; i < n; i++) {
        double v = Elements.getDouble(in, dataType, i);
        double r = encode ? (i == 0 ? v : v - previous) : (i == 0 ? v : v + previous);
        Elements.putDouble(out, dataType, i, r);
        previous = encode ? v : r;
      }
    } else {
      long previous = 0;
      for (int i = 0; i < n; i++) {
        long v = Elements.getLong(in, dataType, i);
        long r = encode ? (i == 0 ? v : v - previous) : (i == 0 ? v : v + previous);
        Elements.putLong(out, dataType, i, r);
        // re-read to apply the type's wrap-around
        previous = encode ? v : Elements.getLong(out, dataType, i);
      }
    }
    return result;
  }

  @Override
  public long encodedSize(long decodedSize) {
    return decodedSize;
  }

  @Override
  public ObjectNode toV3Json() {
    ObjectNode node = Json.object().put("name", "numcodecs." + NAME);
    node.putObject("configuration").put("dtype", dataType.v3Name());
    return node;
  }

  @Override
  public ObjectNode toV2Json() {
    String dtype = dataType.v2Name(order);
    return Json.object().put("id", NAME).put("dtype", dtype).put("astype", dtype);
  }
}
