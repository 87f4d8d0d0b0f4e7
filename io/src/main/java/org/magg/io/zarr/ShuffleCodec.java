package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The numcodecs {@code shuffle} filter: groups the k-th byte of every element together. Trailing
 * bytes that do not fill an element are kept in place.
 */
final class ShuffleCodec implements Codec {

  static final String NAME = "shuffle";

  private final int elementSize;

  ShuffleCodec(int elementSize) {
    if (elementSize < 1) {
      throw new ZarrException("shuffle elementsize must be positive, got " + elementSize);
    }
    this.elementSize = elementSize;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Kind kind() {
    return Kind.BYTES_TO_BYTES;
  }

  @Override
  public byte[] encode(byte[] decoded, ChunkSpec spec) {
    byte[] out = decoded.clone();
    int count = decoded.length / elementSize;
    for (int i = 0; i < count; i++) {
      for (int b = 0; b < elementSize; b++) {
        out[b * count + i] = decoded[i * elementSize + b];
      }
    }
    return out;
  }

  @Override
  public byte[] decode(byte[] encoded, ChunkSpec spec) {
    byte[] out = encoded.clone();
    int count = encoded.length / elementSize;
    for (int i = 0; i < count; i++) {
      for (int b = 0; b < elementSize; b++) {
        out[i * elementSize + b] = encoded[b * count + i];
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
    ObjectNode node = Json.object().put("name", "numcodecs." + NAME);
    node.putObject("configuration").put("elementsize", elementSize);
    return node;
  }

  @Override
  public ObjectNode toV2Json() {
    return Json.object().put("id", NAME).put("elementsize", elementSize);
  }
}
