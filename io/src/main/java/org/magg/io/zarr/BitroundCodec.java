package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The numcodecs {@code bitround} filter. Rounding happens when writing; decoding is the identity,
 * so only reading is supported.
 */
final class BitroundCodec implements Codec {

  static final String NAME = "bitround";

  private final int keepBits;

  BitroundCodec(int keepBits) {
    this.keepBits = keepBits;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Kind kind() {
    return Kind.ARRAY_TO_ARRAY;
  }

  @Override
  public byte[] encode(byte[] decoded, ChunkSpec spec) {
    throw new UnsupportedOperationException("writing with the bitround filter is not supported");
  }

  @Override
  public byte[] decode(byte[] encoded, ChunkSpec spec) {
    return encoded;
  }

  @Override
  public long encodedSize(long decodedSize) {
    return decodedSize;
  }

  @Override
  public ObjectNode toV3Json() {
    ObjectNode node = Json.object().put("name", "numcodecs." + NAME);
    node.putObject("configuration").put("keepbits", keepBits);
    return node;
  }

  @Override
  public ObjectNode toV2Json() {
    return Json.object().put("id", NAME).put("keepbits", keepBits);
  }
}
