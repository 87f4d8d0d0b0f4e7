package org.magg.io.zarr;

import java.util.Objects;

/**
 * The compression used when writing an array: none, gzip or zstd. In v3 it follows the {@code
 * bytes} codec; in v2 it is the array's {@code compressor}.
 */
public final class Compressor {

  private static final Compressor NONE = new Compressor("none", 0, false);

  private final String name;
  private final int level;
  private final boolean checksum;

  private Compressor(String name, int level, boolean checksum) {
    this.name = name;
    this.level = level;
    this.checksum = checksum;
  }

  /** No compression. */
  public static Compressor none() {
    return NONE;
  }

  /** gzip (deflate in a gzip container) at a level from 0 to 9. */
  public static Compressor gzip(int level) {
    if (level < 0 || level > 9) {
      throw new IllegalArgumentException("gzip level must be in 0..9, got " + level);
    }
    return new Compressor("gzip", level, false);
  }

  /** Zstandard at a level up to 22 (0 selects zstd's default), without a content checksum. */
  public static Compressor zstd(int level) {
    return zstd(level, false);
  }

  /** Zstandard at a level up to 22 (0 selects zstd's default), with or without a checksum. */
  public static Compressor zstd(int level, boolean checksum) {
    if (level > 22) {
      throw new IllegalArgumentException("zstd level must be at most 22, got " + level);
    }
    return new Compressor("zstd", level, checksum);
  }

  /** {@code "none"}, {@code "gzip"} or {@code "zstd"}. */
  public String name() {
    return name;
  }

  /** The compression level. */
  public int level() {
    return level;
  }

  /** Whether zstd frames carry a checksum. */
  public boolean checksum() {
    return checksum;
  }

  /** The codec, or {@code null} for none. */
  Codec toCodec() {
    switch (name) {
      case "gzip":
        return new GzipCodec(level);
      case "zstd":
        return new ZstdCodec(level, checksum);
      default:
        return null;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Compressor)) {
      return false;
    }
    Compressor c = (Compressor) o;
    return name.equals(c.name) && level == c.level && checksum == c.checksum;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, level, checksum);
  }

  @Override
  public String toString() {
    return name.equals("none")
        ? "none"
        : name + "(level=" + level + (checksum ? ", checksum" : "") + ")";
  }
}
