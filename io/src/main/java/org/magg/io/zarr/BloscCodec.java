package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.scalableminds.bloscjava.Blosc;

/**
 * The {@code blosc} codec (v3) and compressor (v2), through the c-blosc library bundled with
 * blosc-java. When the native library cannot be loaded on this platform, decoding fails with an
 * {@link UnsupportedOperationException}.
 */
final class BloscCodec extends CompressorCodec {

  static final String NAME = "blosc";

  private final String cname;
  private final int clevel;
  private final int shuffle; // 0 none, 1 byte, 2 bit, -1 auto (v2 only)
  private final int typeSize; // 0 when unknown
  private final int blockSize;

  BloscCodec(String cname, int clevel, int shuffle, int typeSize, int blockSize) {
    super(NAME);
    this.cname = cname;
    this.clevel = clevel;
    this.shuffle = shuffle;
    this.typeSize = typeSize;
    this.blockSize = blockSize;
  }

  @Override
  public byte[] encode(byte[] decoded, ChunkSpec spec) {
    int ts = typeSize > 0 ? typeSize : spec.dataType().byteSize();
    int sh = shuffle >= 0 ? shuffle : (ts > 1 ? 1 : 0);
    try {
      return Blosc.compress(
          decoded,
          ts,
          Blosc.Compressor.fromString(cname),
          clevel,
          Blosc.Shuffle.fromInt(sh),
          blockSize);
    } catch (LinkageError e) {
      throw unavailable(e);
    }
  }

  @Override
  public byte[] decode(byte[] encoded, ChunkSpec spec) {
    try {
      return Blosc.decompress(encoded);
    } catch (LinkageError e) {
      throw unavailable(e);
    }
  }

  private static UnsupportedOperationException unavailable(LinkageError e) {
    UnsupportedOperationException u =
        new UnsupportedOperationException(
            "blosc is not available on this platform (the native c-blosc library could not be"
                + " loaded: "
                + e
                + ")");
    u.initCause(e);
    return u;
  }

  @Override
  public ObjectNode toV3Json() {
    ObjectNode node = Json.object().put("name", NAME);
    String sh = shuffle == 2 ? "bitshuffle" : shuffle == 0 ? "noshuffle" : "shuffle";
    node.putObject("configuration")
        .put("typesize", typeSize)
        .put("cname", cname)
        .put("clevel", clevel)
        .put("shuffle", sh)
        .put("blocksize", blockSize);
    return node;
  }

  @Override
  public ObjectNode toV2Json() {
    return Json.object()
        .put("id", NAME)
        .put("cname", cname)
        .put("clevel", clevel)
        .put("shuffle", shuffle)
        .put("blocksize", blockSize);
  }
}
