package org.magg.io.zarr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** An ordered chain of codecs turning canonical chunk data into stored bytes and back. */
final class CodecPipeline {

  private final List<Codec> codecs;

  CodecPipeline(List<Codec> codecs) {
    this.codecs = List.copyOf(codecs);
  }

  List<Codec> codecs() {
    return codecs;
  }

  /** Checks the v3 ordering rule: array-to-array codecs, one array-to-bytes, bytes-to-bytes. */
  CodecPipeline checkV3Order() {
    for (Codec c : codecs) {
      if (c instanceof UnsupportedCodec) {
        return this; // its kind is unknown; reading a chunk will fail naming it
      }
    }
    int stage = 0;
    int arrayToBytes = 0;
    for (Codec c : codecs) {
      int s = c.kind().ordinal();
      if (s < stage) {
        throw new ZarrException(
            "codec '" + c.name() + "' (" + c.kind() + ") is out of order in " + names());
      }
      stage = s;
      if (c.kind() == Codec.Kind.ARRAY_TO_BYTES) {
        arrayToBytes++;
      }
    }
    if (arrayToBytes != 1) {
      throw new ZarrException(
          "codecs " + names() + " must contain exactly one array-to-bytes codec such as 'bytes'");
    }
    return this;
  }

  List<String> names() {
    List<String> names = new ArrayList<>();
    for (Codec c : codecs) {
      names.add(c.name());
    }
    return names;
  }

  private List<ChunkSpec> specs(ChunkSpec decoded) {
    List<ChunkSpec> specs = new ArrayList<>(codecs.size());
    ChunkSpec spec = decoded;
    for (Codec c : codecs) {
      specs.add(spec);
      spec = c.encodedSpec(spec);
    }
    return specs;
  }

  byte[] encode(byte[] canonical, ChunkSpec spec) throws IOException {
    List<ChunkSpec> specs = specs(spec);
    byte[] data = canonical;
    for (int i = 0; i < codecs.size(); i++) {
      data = codecs.get(i).encode(data, specs.get(i));
    }
    return data;
  }

  byte[] decode(byte[] stored, ChunkSpec spec) throws IOException {
    List<ChunkSpec> specs = specs(spec);
    byte[] data = stored;
    for (int i = codecs.size() - 1; i >= 0; i--) {
      data = codecs.get(i).decode(data, specs.get(i));
    }
    if (data.length != spec.byteCount()) {
      throw new ZarrException(
          "decoded chunk has " + data.length + " bytes, expected " + spec.byteCount());
    }
    return data;
  }

  long encodedSize(long decodedSize) {
    long size = decodedSize;
    for (Codec c : codecs) {
      size = c.encodedSize(size);
    }
    return size;
  }
}
