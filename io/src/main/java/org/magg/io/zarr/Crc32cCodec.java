package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/** The v3 {@code crc32c} codec: appends a little-endian CRC32C of the data and checks it. */
final class Crc32cCodec implements Codec {

  static final String NAME = "crc32c";

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
    CRC32C crc = new CRC32C();
    crc.update(decoded);
    ByteBuffer out = ByteBuffer.allocate(decoded.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    out.put(decoded).putInt((int) crc.getValue());
    return out.array();
  }

  @Override
  public byte[] decode(byte[] encoded, ChunkSpec spec) {
    if (encoded.length < 4) {
      throw new ZarrException("crc32c: data of " + encoded.length + " bytes has no checksum");
    }
    int n = encoded.length - 4;
    CRC32C crc = new CRC32C();
    crc.update(encoded, 0, n);
    int stored = ByteBuffer.wrap(encoded, n, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (stored != (int) crc.getValue()) {
      throw new ZarrException(
          String.format(
              "crc32c checksum mismatch: stored %08x, computed %08x", stored, crc.getValue()));
    }
    byte[] out = new byte[n];
    System.arraycopy(encoded, 0, out, 0, n);
    return out;
  }

  @Override
  public long encodedSize(long decodedSize) {
    return decodedSize + 4;
  }

  @Override
  public ObjectNode toV3Json() {
    return Json.object().put("name", NAME);
  }
}
