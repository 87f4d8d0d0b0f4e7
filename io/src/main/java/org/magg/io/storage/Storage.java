package org.magg.io.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.magg.core.LocalFiles;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.io.s3.S3Settings;

/**
 * One way to name, list, read and write files, local or on S3: every reader and sink of the project
 * goes through it. A location is a string: a local path, a {@code file:} URI, or an {@code
 * s3://bucket/key} URL (read with the {@link S3Settings} this storage was made with, Earthdata
 * credentials included).
 *
 * <p>Writes are atomic for readers: a local file is written beside its target and moved into place
 * (a reader sees the old file or the new one, never a part), an S3 object is one PUT. Errors name
 * the location.
 *
 * <pre>{@code
 * Storage storage = Storage.of(s3);
 * for (String file : storage.list("s3://bucket/merra2/*.nc4")) { ... }
 * storage.write(Storage.join(outputDir, "events.csv"), bytes);
 * }</pre>
 */
public final class Storage implements Serializable {
  private static final long serialVersionUID = 1L;

  private final S3Settings s3;

  private Storage(S3Settings s3) {
    this.s3 = s3 == null ? S3Settings.defaults() : s3;
  }

  /** Storage that reads and writes S3 with these settings (null: the defaults). */
  public static Storage of(S3Settings s3) {
    return new Storage(s3);
  }

  /** Local files only, or S3 with the default settings. */
  public static Storage defaults() {
    return new Storage(null);
  }

  /** The S3 settings S3 locations are accessed with. */
  public S3Settings s3Settings() {
    return s3;
  }

  // ---- names (no I/O) ----

  /** Whether the location is an {@code s3://} URL. */
  public static boolean isS3(String location) {
    return S3Location.isS3(location);
  }

  /**
   * {@code name} under the directory {@code dir}, with exactly one {@code /} between them; a local
   * directory given as a path is joined as a path.
   */
  public static String join(String dir, String name) {
    Objects.requireNonNull(dir, "Directory cannot be null.");
    if (isS3(dir) || dir.startsWith("file:")) {
      return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
    return Path.of(dir).resolve(name).toString();
  }

  /**
   * {@code path} resolved against the directory of {@code base} (a file): a path that is absolute
   * or a URL ({@code s3://...}, {@code file:...}) is returned as given.
   */
  public static String resolveSibling(String base, String path) {
    if (path.contains("://") || path.startsWith("file:")) {
      return path;
    }
    if (isS3(base)) {
      return S3Location.parse(base).resolveSibling(path);
    }
    Path p = Path.of(path);
    if (p.isAbsolute()) {
      return path;
    }
    Path parent = localPath(base).toAbsolutePath().getParent();
    return (parent == null ? p : parent.resolve(p)).normalize().toString();
  }

  /** The last name of a location (its file name), for messages and outputs. */
  public static String name(String location) {
    String l = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    int slash = l.lastIndexOf('/');
    return slash >= 0 && slash < l.length() - 1 ? l.substring(slash + 1) : l;
  }

  /**
   * The local path of a location given as a path or a {@code file:} URI.
   *
   * @throws IllegalArgumentException for any other URL scheme, naming the location
   */
  public static Path localPath(String location) {
    if (location.startsWith("file:")) {
      try {
        return Path.of(new URI(location));
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "invalid file URI " + location + ": " + e.getMessage(), e);
      }
    }
    if (location.matches("^[A-Za-z][A-Za-z0-9+.-]+://.*")) {
      throw new IllegalArgumentException(
          location + ": only local paths, file: URIs and s3:// locations can be read");
    }
    return Path.of(location);
  }

  /** As {@link #localPath}, failing with an {@link IOException} that names the location. */
  public static Path localFile(String location) throws IOException {
    try {
      return localPath(location);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  // ---- reading ----

  /** Whether the file or object exists. */
  public boolean exists(String location) throws IOException {
    if (isS3(location)) {
      return objects().exists(S3Location.parse(location));
    }
    return Files.isRegularFile(localPath(location));
  }

  /**
   * Whether the directory exists: locally a directory, on S3 a prefix with at least one object
   * under it (S3 has no directories; one list request).
   */
  public boolean directoryExists(String dir) throws IOException {
    if (isS3(dir)) {
      S3Location loc = S3Location.parse(dir);
      return objects().anyKey(loc.bucket(), directoryKey(loc.key()));
    }
    return Files.isDirectory(localPath(dir));
  }

  /** The size in bytes. */
  public long size(String location) throws IOException {
    if (isS3(location)) {
      return objects().size(S3Location.parse(location));
    }
    try {
      return Files.size(localPath(location));
    } catch (NoSuchFileException e) {
      throw missing(location);
    }
  }

  /** The whole file or object. */
  public byte[] read(String location) throws IOException {
    if (isS3(location)) {
      return objects().read(S3Location.parse(location));
    }
    try {
      return Files.readAllBytes(localPath(location));
    } catch (NoSuchFileException e) {
      throw missing(location);
    }
  }

  /** The whole file or object as UTF-8 text. */
  public String readText(String location) throws IOException {
    return new String(read(location), StandardCharsets.UTF_8);
  }

  /** The whole file or object, or null when it does not exist. */
  public byte[] readIfExists(String location) throws IOException {
    if (isS3(location)) {
      return objects().readIfExists(S3Location.parse(location));
    }
    try {
      return Files.readAllBytes(localPath(location));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** A stream over the whole file or object, read front to back. */
  public InputStream open(String location) throws IOException {
    if (isS3(location)) {
      return objects().openSequential(S3Location.parse(location));
    }
    try {
      return Files.newInputStream(localPath(location));
    } catch (NoSuchFileException e) {
      throw missing(location);
    }
  }

  /**
   * A channel for ranged reads ({@code position(p)} then {@code read}): a file channel locally,
   * block-cached ranged GETs on S3.
   */
  public SeekableByteChannel openChannel(String location) throws IOException {
    if (isS3(location)) {
      return objects().openChannel(S3Location.parse(location));
    }
    try {
      return FileChannel.open(localPath(location), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw missing(location);
    }
  }

  /**
   * The files or objects a location names, sorted. A glob (see {@link Globs}) lists its matches:
   * local files as absolute paths, S3 objects as {@code s3://} URLs. A name without wildcards is
   * itself on S3 (not looked up: reading it reports a missing object, and it may name a prefix such
   * as a Zarr store) and, locally, its absolute path when the file or directory (a Zarr store)
   * exists, else nothing (as Beam's local match).
   */
  public List<String> list(String pattern) throws IOException {
    if (isS3(pattern)) {
      S3Location loc = S3Location.parse(pattern);
      int wild = Globs.firstWildcard(loc.key());
      if (wild < 0) {
        return List.of(pattern);
      }
      Pattern regex = Globs.compile(loc.key());
      List<String> out = new ArrayList<>();
      for (String key : objects().listKeys(loc.bucket(), loc.key().substring(0, wild))) {
        if (regex.matcher(key).matches()) {
          out.add("s3://" + loc.bucket() + "/" + key);
        }
      }
      return out;
    }
    String glob = localPath(pattern).toAbsolutePath().normalize().toString();
    int wild = Globs.firstWildcard(glob);
    if (wild < 0) {
      return Files.exists(Path.of(glob)) ? List.of(glob) : List.of();
    }
    Path base = Path.of(glob.substring(0, glob.lastIndexOf('/', wild) + 1));
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    Pattern regex = Globs.compile(glob);
    try (Stream<Path> files = Files.walk(base)) {
      return files
          .filter(Files::isRegularFile)
          .map(Path::toString)
          .filter(f -> regex.matcher(f).matches())
          .sorted()
          .toList();
    }
  }

  /**
   * Every file or object under the directory {@code dir}, at any depth, sorted: local files as
   * absolute paths, S3 objects as {@code s3://} URLs. A directory that does not exist has none; a
   * local {@code dir} that is a file is itself.
   */
  public List<String> listUnder(String dir) throws IOException {
    if (isS3(dir)) {
      S3Location loc = S3Location.parse(dir);
      String prefix = directoryKey(loc.key());
      List<String> out = new ArrayList<>();
      for (String key : objects().listKeys(loc.bucket(), prefix)) {
        out.add("s3://" + loc.bucket() + "/" + key);
      }
      return out;
    }
    Path root = localPath(dir).toAbsolutePath().normalize();
    if (Files.isRegularFile(root)) {
      return List.of(root.toString());
    }
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
    }
  }

  // ---- writing ----

  /** Something that writes a whole file's bytes to a stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes the whole file or object atomically, replacing what was there. */
  public void write(String location, byte[] bytes) throws IOException {
    write(location, out -> out.write(bytes));
  }

  /**
   * Writes the whole file or object atomically, replacing what was there: locally into a file
   * beside the target that is then moved into place (parent directories are made), on S3 in one
   * PUT. A failed write leaves no partial file.
   */
  public void write(String location, Content content) throws IOException {
    if (isS3(location)) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      content.writeTo(buffer);
      objects().write(S3Location.parse(location), buffer.toByteArray());
      return;
    }
    Path target = localPath(location);
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    // Not Files.createTempFile: its owner-only permissions would stay on the moved file.
    Path tmp =
        target.resolveSibling(
            "."
                + target.getFileName()
                + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      try (OutputStream out =
          Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
      LocalFiles.moveReplacing(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Deletes the file or object; a missing one is not an error. */
  public void delete(String location) throws IOException {
    if (isS3(location)) {
      objects().delete(S3Location.parse(location));
    } else {
      Files.deleteIfExists(localPath(location));
    }
  }

  /**
   * Deletes the directory {@code dir} and everything under it (on S3: every object whose key is
   * under {@code dir/}); a missing one is not an error. Returns how many files or objects were
   * deleted.
   */
  public int deleteUnder(String dir) throws IOException {
    if (isS3(dir)) {
      S3Location loc = S3Location.parse(dir);
      List<String> keys = objects().listKeys(loc.bucket(), directoryKey(loc.key()));
      objects().deleteKeys(loc.bucket(), keys);
      return keys.size();
    }
    Path root = localPath(dir);
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.sorted(java.util.Comparator.reverseOrder()).toList();
    }
    int files = 0;
    for (Path p : paths) {
      if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        files++;
      }
      Files.deleteIfExists(p);
    }
    return files;
  }

  /** An S3 key as the prefix of what is under it: empty for the bucket, else ending in '/'. */
  private static String directoryKey(String key) {
    return key.isEmpty() || key.endsWith("/") ? key : key + "/";
  }

  private S3Objects objects() {
    return S3Objects.of(s3);
  }

  private static NoSuchFileException missing(String location) {
    return new NoSuchFileException(location, null, "does not exist");
  }

  @Override
  public String toString() {
    return "Storage[" + s3 + "]";
  }
}
