package org.magg.io.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.magg.core.engine.ContentHashes;

/**
 * A file (or a directory such as a Zarr store) a producer read, by its content: the SHA-256 of its
 * bytes and its size. A directory's digest is the SHA-256 of the canonical JSON of its files'
 * relative paths and digests, and its size their total, so it changes exactly when a file's
 * content, name or presence does. Modification times play no part.
 *
 * @param location the path as the producer names it
 * @param sha256 the SHA-256 of its content (lower-case hex)
 * @param size its size in bytes
 */
public record FileDigest(String location, String sha256, long size) {

  /**
   * The digest of the file or directory at {@code path}, named {@code location}.
   *
   * @throws java.nio.file.NoSuchFileException if it does not exist
   */
  public static FileDigest of(String location, Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      try (InputStream in = Files.newInputStream(path)) {
        return new FileDigest(location, ContentHashes.sha256(in), Files.size(path));
      }
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(path)) {
      files = new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
    }
    Map<String, String> digests = new LinkedHashMap<>();
    long size = 0;
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        digests.put(path.relativize(f).toString().replace('\\', '/'), ContentHashes.sha256(in));
      }
      size += Files.size(f);
    }
    return new FileDigest(location, ContentHashes.sha256OfCanonicalJson(digests), size);
  }
}
