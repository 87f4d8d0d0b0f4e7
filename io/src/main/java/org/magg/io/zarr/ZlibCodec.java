package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/** The v2 {@code zlib} compressor (RFC 1950 streams); read in v3 as {@code numcodecs.zlib}. */
final class ZlibCodec extends CompressorCodec {

  static final String NAME = "zlib";

  private final int level;

  ZlibCodec(int level) {
    super(NAME);
    if (level < 0 || level > 9) {
      throw new IllegalArgumentException("zlib level must be in 0..9, got " + level);
    }
    this.level = level;
  }

  @Override
  public byte[] encode(byte[] decoded, ChunkSpec spec) throws IOException {
    Deflater deflater = new Deflater(level);
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(decoded.length / 2 + 64);
      try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, deflater)) {
        out.write(decoded);
      }
      return bytes.toByteArray();
    } finally {
      deflater.end();
    }
  }

  @Override
  public byte[] decode(byte[] encoded, ChunkSpec spec) throws IOException {
    try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(encoded))) {
      return in.readAllBytes();
    }
  }

  @Override
  public ObjectNode toV3Json() {
    ObjectNode node = Json.object().put("name", "numcodecs." + NAME);
    node.putObject("configuration").put("level", level);
    return node;
  }

  @Override
  public ObjectNode toV2Json() {
    return Json.object().put("id", NAME).put("level", level);
  }
}
