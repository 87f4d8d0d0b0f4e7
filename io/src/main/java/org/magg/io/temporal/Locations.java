package org.magg.io.temporal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.io.s3.S3Settings;

/** Local paths, {@code file:} URIs and {@code s3://} objects: reading text and resolving names. */
final class Locations {
  private Locations() {}

  static boolean isS3(String location) {
    return S3Location.isS3(location);
  }

  /** The whole object or file as UTF-8 text. */
  static String readText(String location, S3Settings s3) throws IOException {
    if (isS3(location)) {
      S3Location loc = s3Location(location);
      return S3Objects.of(s3 != null ? s3 : S3Settings.defaults()).readText(loc);
    }
    Path path = local(location);
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(location, null, "does not exist");
    }
  }

  /**
   * Resolves {@code path} against the directory of {@code base} (a file): a path that is absolute
   * or a URL ({@code s3://...}, {@code file:...}) is returned as given.
   */
  static String resolveSibling(String base, String path) {
    if (path.contains("://") || path.startsWith("file:")) {
      return path;
    }
    if (isS3(base)) {
      return s3Location(base).resolveSibling(path);
    }
    Path p = Path.of(path);
    if (p.isAbsolute()) {
      return path;
    }
    Path parent = local(base).toAbsolutePath().getParent();
    return (parent == null ? p : parent.resolve(p)).normalize().toString();
  }

  /** The file name of a location, for messages. */
  static String name(String location) {
    int slash = location.lastIndexOf('/');
    return slash >= 0 && slash < location.length() - 1 ? location.substring(slash + 1) : location;
  }

  static Path local(String location) {
    if (location.startsWith("file:")) {
      return Path.of(URI.create(location));
    }
    return Path.of(location);
  }

  private static S3Location s3Location(String location) {
    return S3Location.parse(location);
  }
}
