package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** The {@code zstd} codec (v3) and compressor (v2). */
final class ZstdCodec extends CompressorCodec {

  static final String NAME = "zstd";

  private final int level;
  private final boolean checksum;

  ZstdCodec(int level, boolean checksum) {
    super(NAME);
    if (level < -131072 || level > 22) {
      throw new IllegalArgumentException("zstd level must be at most 22, got " + level);
    }
    this.level = level;
    this.checksum = checksum;
  }

  @Override
  public byte[] encode(byte[] decoded, ChunkSpec spec) {
    try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
      ctx.setLevel(level == 0 ? Zstd.defaultCompressionLevel() : level);
      ctx.setChecksum(checksum);
      ctx.setContentSize(true);
      return ctx.compress(decoded);
    }
  }

  @Override
  public byte[] decode(byte[] encoded, ChunkSpec spec) throws IOException {
    long size = Zstd.getFrameContentSize(encoded);
    if (size == 0) {
      return new byte[0];
    }
    if (size > 0 && size <= Integer.MAX_VALUE - 8) {
      return Zstd.decompress(encoded, (int) size);
    }
    // unknown content size: decompress as a stream
    try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(encoded))) {
      return in.readAllBytes();
    }
  }

  @Override
  public ObjectNode toV3Json() {
    ObjectNode node = Json.object().put("name", NAME);
    node.putObject("configuration").put("level", level).put("checksum", checksum);
    return node;
  }

  /**
   * The v2 form leaves out {@code checksum}: numcodecs before 0.12 rejects that key, and frames
   * written with a checksum carry a flag saying so, which every zstd decoder honours.
   */
  @Override
  public ObjectNode toV2Json() {
    return Json.object().put("id", NAME).put("level", level);
  }
}
