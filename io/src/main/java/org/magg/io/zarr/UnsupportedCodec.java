package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Stands in for a codec that is named in metadata but not implemented here, so that the array's
 * metadata can still be opened; encoding or decoding a chunk fails with a message naming it.
 */
final class UnsupportedCodec implements Codec {

  private final String name;
  private final Kind kind;
  private final ObjectNode json;
  private final String reason;

  UnsupportedCodec(String name, Kind kind, ObjectNode json, String reason) {
    this.name = name;
    this.kind = kind;
    this.json = json;
    this.reason = reason;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public byte[] encode(byte[] decoded, ChunkSpec spec) {
    throw fail();
  }

  @Override
  public byte[] decode(byte[] encoded, ChunkSpec spec) {
    throw fail();
  }

  private UnsupportedOperationException fail() {
    return new UnsupportedOperationException("codec '" + name + "' is not supported: " + reason);
  }

  @Override
  public ObjectNode toV3Json() {
    return json.deepCopy();
  }

  @Override
  public ObjectNode toV2Json() {
    return json.deepCopy();
  }
}
