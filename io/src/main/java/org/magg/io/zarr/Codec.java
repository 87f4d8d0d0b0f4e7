package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * One step of a chunk's codec pipeline.
 *
 * <p>Array-to-array codecs take and produce canonical data (little-endian elements in C order) and
 * may change the shape ({@link #encodedSpec}). The array-to-bytes codec turns canonical data into
 * the stored byte layout. Bytes-to-bytes codecs (compressors, checksums, byte filters) transform
 * opaque bytes.
 */
interface Codec {

  /** Where a codec sits in a pipeline. */
  enum Kind {
    ARRAY_TO_ARRAY,
    ARRAY_TO_BYTES,
    BYTES_TO_BYTES
  }

  /** The codec's name as it appears in metadata (v3 name, or v2 id). */
  String name();

  Kind kind();

  /** The spec of the encoded side, given the decoded side. */
  default ChunkSpec encodedSpec(ChunkSpec decoded) {
    return decoded;
  }

  /** Encodes; {@code spec} describes the decoded side. */
  byte[] encode(byte[] decoded, ChunkSpec spec) throws IOException;

  /** Decodes; {@code spec} describes the decoded side. */
  byte[] decode(byte[] encoded, ChunkSpec spec) throws IOException;

  /**
   * The encoded size for a decoded size, for codecs whose output size is fixed (needed to locate a
   * shard index).
   *
   * @throws UnsupportedOperationException when the size depends on the data
   */
  default long encodedSize(long decodedSize) {
    throw new UnsupportedOperationException(
        "codec '" + name() + "' does not produce a fixed-size output");
  }

  /** The v3 codec object ({@code {"name": ..., "configuration": {...}}}). */
  ObjectNode toV3Json();

  /**
   * The v2 filter or compressor object ({@code {"id": ..., ...}}).
   *
   * @throws UnsupportedOperationException when the codec has no v2 form
   */
  default ObjectNode toV2Json() {
    throw new UnsupportedOperationException("codec '" + name() + "' has no Zarr v2 form");
  }

  /** True for compressors, which go in the v2 {@code compressor} field. */
  default boolean isCompressor() {
    return false;
  }
}
