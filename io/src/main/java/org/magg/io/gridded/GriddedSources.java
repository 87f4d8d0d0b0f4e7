package org.magg.io.gridded;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.io.s3.S3ReadChannel;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;
import org.magg.io.zarr.ZarrStores;

/**
 * Opens gridded files and stores. The format is recognised by content, not by name: the HDF5
 * signature (NetCDF-4 is HDF5), the {@code CDF} signature of NetCDF classic files, or Zarr metadata
 * ({@code zarr.json}, {@code .zgroup}, {@code .zarray}, {@code .zmetadata}) in a directory or under
 * an S3 prefix.
 *
 * <pre>{@code
 * try (GriddedSource src = GriddedSources.open("MERRA2_400.tavg1_2d_slv_Nx.20210110.nc4", null)) {
 *   Instant[] times = src.times();
 *   GridSlice ps = src.read("PS", 0);     // (lat, lon), fill values as NaN
 * }
 * }</pre>
 */
public final class GriddedSources {
  private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final List<String> ZARR_KEYS =
      List.of("zarr.json", ".zgroup", ".zarray", ".zmetadata");

  private GriddedSources() {}

  /**
   * Opens a local path ({@code file:} URIs too) or {@code s3://} location with the default
   * coordinate names (lat, lon, time, lev).
   *
   * @param s3OrNull how to reach S3 (null: {@link S3Settings#defaults()})
   */
  public static GriddedSource open(String location, S3Settings s3OrNull) throws IOException {
    return open(location, s3OrNull, SourceOptions.defaults());
  }

  /** As {@link #open(String, S3Settings)}, with other coordinate names or a calendar override. */
  public static GriddedSource open(String location, S3Settings s3OrNull, SourceOptions options)
      throws IOException {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("a gridded source location must not be empty");
    }
    SourceOptions opts = options == null ? SourceOptions.defaults() : options;
    if (S3Location.isS3(location)) {
      return openS3(location, s3OrNull == null ? S3Settings.defaults() : s3OrNull, opts);
    }
    Path path = Storage.localFile(location);
    if (Files.isDirectory(path)) {
      for (String k : ZARR_KEYS) {
        if (Files.exists(path.resolve(k))) {
          return new ZarrGriddedSource(location, opts, ZarrStores.open(path.toString()));
        }
      }
      throw new IOException(
          location
              + " is a directory without Zarr metadata ("
              + String.join(", ", ZARR_KEYS)
              + ")");
    }
    if (!Files.exists(path)) {
      throw new NoSuchFileException(location, null, "no such gridded file or store");
    }
    Format format;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      format = sniff(ch, location);
    }
    if (format == Format.HDF5) {
      return Hdf5GriddedSource.open(path, location, opts);
    }
    CountingFileChannel ch =
        new CountingFileChannel(FileChannel.open(path, StandardOpenOption.READ));
    try {
      return new NetcdfClassicGriddedSource(location, opts, ch, ch::bytesRead);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private enum Format {
    HDF5,
    NETCDF_CLASSIC
  }

  /** HDF5 (signature at 0 or after a user block of 512 * 2^k bytes) or NetCDF classic. */
  private static Format sniff(java.nio.channels.SeekableByteChannel ch, String location)
      throws IOException {
    long size = ch.size();
    byte[] head = read(ch, 0, 8);
    if (isHdf5(head)) {
      return Format.HDF5;
    }
    if (head.length >= 4
        && head[0] == 'C'
        && head[1] == 'D'
        && head[2] == 'F'
        && (head[3] == 1 || head[3] == 2 || head[3] == 5)) {
      return Format.NETCDF_CLASSIC;
    }
    for (long off = 512; off + 8 <= size && off <= (1L << 24); off *= 2) {
      if (isHdf5(read(ch, off, 8))) {
        return Format.HDF5;
      }
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : head) {
      hex.append(String.format("%02x", b & 0xFF));
    }
    throw new IOException(
        location
            + " is neither HDF5/NetCDF-4 nor NetCDF classic (first bytes "
            + hex
            + "); Zarr stores are directories or S3 prefixes");
  }

  private static boolean isHdf5(byte[] b) {
    if (b.length < 8) {
      return false;
    }
    for (int i = 0; i < 8; i++) {
      if (b[i] != HDF5_SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] read(java.nio.channels.SeekableByteChannel ch, long pos, int n)
      throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    ch.position(pos);
    while (b.hasRemaining() && ch.read(b) > 0) {
      // keep reading
    }
    byte[] out = new byte[b.position()];
    b.flip();
    b.get(out);
    return out;
  }

  private static GriddedSource openS3(String location, S3Settings s3, SourceOptions opts)
      throws IOException {
    S3Location loc;
    try {
      loc = S3Location.parse(location);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    S3Objects objects = S3Objects.of(s3);
    String key = loc.key();
    if (!key.isEmpty() && !key.endsWith("/")) {
      S3ReadChannel ch = objects.openChannel(loc);
      Format format;
      try {
        format = sniff(ch, location);
      } catch (NoSuchFileException e) {
        ch.close();
        return openS3Zarr(location, loc, objects, s3, opts);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
      if (format == Format.HDF5) {
        try {
          URI uri = new URI("s3", loc.bucket(), "/" + loc.key(), null);
          return Hdf5GriddedSource.open(ch, uri, ch::bytesFetched, opts);
        } catch (URISyntaxException e) {
          ch.close();
          throw new IOException(location + ": " + e.getMessage(), e);
        }
      }
      try {
        return new NetcdfClassicGriddedSource(location, opts, ch, ch::bytesFetched);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    }
    return openS3Zarr(location, loc, objects, s3, opts);
  }

  private static GriddedSource openS3Zarr(
      String location, S3Location loc, S3Objects objects, S3Settings s3, SourceOptions opts)
      throws IOException {
    String prefix = loc.key().isEmpty() || loc.key().endsWith("/") ? loc.key() : loc.key() + "/";
    for (String k : ZARR_KEYS) {
      if (objects.exists(new S3Location(loc.bucket(), prefix + k))) {
        return new ZarrGriddedSource(location, opts, ZarrStores.open(location, s3));
      }
    }
    throw new NoSuchFileException(
        location, null, "no such S3 object, nor a Zarr store (no " + ZARR_KEYS + ") under it");
  }

  /** Reads all of a small text object or file (an index of files). */
  static String readText(String location, S3Settings s3OrNull) throws IOException {
    try {
      return Storage.of(s3OrNull).readText(location);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
