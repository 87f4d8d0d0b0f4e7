package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The {@code gzip} codec (v3) and compressor (v2): RFC 1952 gzip streams. */
final class GzipCodec extends CompressorCodec {

  static final String NAME = "gzip";

  private final int level;

  GzipCodec(int level) {
    super(NAME);
    if (level < 0 || level > 9) {
      throw new IllegalArgumentException("gzip level must be in 0..9, got " + level);
    }
    this.level = level;
  }

  @Override
  public byte[] encode(byte[] decoded, ChunkSpec spec) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(decoded.length / 2 + 64);
    try (GZIPOutputStream out = new LeveledGzipOutputStream(bytes, level)) {
      out.write(decoded);
    }
    return bytes.toByteArray();
  }

  @Override
  public byte[] decode(byte[] encoded, ChunkSpec spec) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(encoded))) {
      return in.readAllBytes();
    }
  }

  @Override
  public ObjectNode toV3Json() {
    ObjectNode node = Json.object().put("name", NAME);
    node.putObject("configuration").put("level", level);
    return node;
  }

  @Override
  public ObjectNode toV2Json() {
    return Json.object().put("id", NAME).put("level", level);
  }

  private static final class LeveledGzipOutputStream extends GZIPOutputStream {
    LeveledGzipOutputStream(ByteArrayOutputStream out, int level) throws IOException {
      super(out);
      def.setLevel(level);
    }
  }
}
