package org.magg.io.gridded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.VarInt;

/**
 * A unit of reading work: the timesteps {@code [start, end)} of one file (indices along its time
 * axis, every one of them inside the requested time range).
 */
record FileSplit(String path, int start, int end) {

  /** {@code path#time=start..end-1}, for messages. */
  String describe() {
    return path + "#time=" + start + (end - 1 > start ? ".." + (end - 1) : "");
  }

  /** Which of {@code groups} groups the split is read in: a mixed hash of its path and start. */
  int group(int groups) {
    long h = (path.hashCode() * 31L + start) * 0x9E3779B97F4A7C15L;
    return Math.floorMod((int) (h >>> 32), groups);
  }

  static Coder<FileSplit> coder() {
    return FileSplitCoder.INSTANCE;
  }

  /** The coder of {@link FileSplit}. */
  static final class FileSplitCoder extends AtomicCoder<FileSplit> {
    private static final long serialVersionUID = 1L;
    static final FileSplitCoder INSTANCE = new FileSplitCoder();

    @Override
    public void encode(FileSplit s, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(s.path(), out);
      VarInt.encode(s.start(), out);
      VarInt.encode(s.end(), out);
    }

    @Override
    public FileSplit decode(InputStream in) throws IOException {
      return new FileSplit(
          StringUtf8Coder.of().decode(in), VarInt.decodeInt(in), VarInt.decodeInt(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
