package org.magg.io.zarr;

/**
 * A bytes-to-bytes codec that compresses (v3) and can stand as a v2 array's {@code compressor}:
 * what gzip, zlib, zstd and blosc share.
 */
abstract class CompressorCodec implements Codec {
  private final String name;

  CompressorCodec(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Kind kind() {
    return Kind.BYTES_TO_BYTES;
  }

  @Override
  public final boolean isCompressor() {
    return true;
  }
}
