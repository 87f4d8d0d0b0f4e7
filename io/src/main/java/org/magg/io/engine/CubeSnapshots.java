package org.magg.io.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.magg.core.Json;
import org.magg.core.LocalFiles;
import org.magg.io.storage.Storage;

/**
 * Named, restorable snapshots of a local cube, kept under {@code <root>/snapshots/<name>/}: {@code
 * files/} mirrors the cube's Zarr stores, {@code catalog.sqlite} is a consistent copy of the
 * catalog (SQLite's online backup) and {@code snapshot.json} describes the snapshot.
 *
 * <p>Snapshots are cheap: the cube's files are only ever replaced by an atomic rename, never
 * written in place, so a snapshot takes hard links to the current files and a later write of the
 * cube leaves the snapshot's link on the old content (copy-on-write). Where links are not supported
 * (another file system, say) files are copied. Restoring links the snapshot's files back into place
 * (each by an atomic rename), deletes the files the cube gained since, and restores the catalog, so
 * the cube and its catalog are exactly as they were; the snapshot stays and can be restored again.
 *
 * <p>Take snapshots between runs (a write running meanwhile may be caught half in the catalog and
 * half in the stores), and restore with the cube closed; reopen it afterwards.
 */
public final class CubeSnapshots {
  /** The directory under the cube's root that holds the snapshots. */
  public static final String DIRECTORY = "snapshots";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final String FILES = "files";
  private static final String DESCRIPTION = "snapshot.json";

  private final Path root;

  /**
   * One snapshot.
   *
   * @param name its name
   * @param createdAt when it was taken
   * @param files the cube's files it holds (the catalog aside)
   * @param bytes their size in all
   * @param linked how many of them are hard links shared with the cube when taken
   * @param copied how many were copied (links not supported)
   */
  public record Snapshot(
      String name, Instant createdAt, int files, long bytes, int linked, int copied) {}

  private CubeSnapshots(Path root) {
    this.root = root;
  }

  /** The snapshots of the cube at {@code root}. */
  public static CubeSnapshots of(Path root) {
    return new CubeSnapshots(root.toAbsolutePath().normalize());
  }

  /** {@code <root>/snapshots}. */
  public Path directory() {
    return root.resolve(DIRECTORY);
  }

  /**
   * Records the cube's current state as {@code name}.
   *
   * @throws IllegalArgumentException if the name is not a letter or digit followed by letters,
   *     digits, {@code .}, {@code _} or {@code -}, or a snapshot of this name exists
   * @throws IOException if the root holds no cube (no catalog) or a copy fails
   */
  public Snapshot snapshot(String name) throws IOException {
    checkName(name);
    Path catalog = root.resolve(CubeCatalog.FILE_NAME);
    if (!Files.isRegularFile(catalog)) {
      throw new NoSuchFileException(
          catalog.toString(), null, "no cube catalog; snapshots are of an existing cube");
    }
    Path target = directory().resolve(name);
    if (Files.exists(target)) {
      throw new IllegalArgumentException(
          "cube "
              + root
              + " already has a snapshot '"
              + name
              + "'; delete it first or choose another name");
    }
    Files.createDirectories(directory());
    Path tmp = directory().resolve(".tmp-" + name + "-" + random());
    try {
      int linked = 0;
      int copied = 0;
      long bytes = 0;
      List<String> files = cubeFiles();
      for (String rel : files) {
        Path from = root.resolve(rel);
        Path to = tmp.resolve(FILES).resolve(rel);
        Files.createDirectories(to.getParent());
        if (linkOrCopy(from, to)) {
          linked++;
        } else {
          copied++;
        }
        bytes += Files.size(to);
      }
      backupCatalog(catalog, tmp.resolve(CubeCatalog.FILE_NAME));
      Snapshot s = new Snapshot(name, Instant.now(), files.size(), bytes, linked, copied);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("name", s.name());
      d.put("created_at", s.createdAt().toString());
      d.put("files", s.files());
      d.put("bytes", s.bytes());
      d.put("linked", s.linked());
      d.put("copied", s.copied());
      Files.write(tmp.resolve(DESCRIPTION), Json.pretty().writeValueAsBytes(d));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return s;
    } finally {
      Storage.defaults().deleteUnder(tmp.toString());
    }
  }

  /** The snapshots, by name. */
  public List<Snapshot> list() throws IOException {
    List<Snapshot> out = new ArrayList<>();
    for (String n : names()) {
      JsonNode d = Json.mapper().readTree(directory().resolve(n).resolve(DESCRIPTION).toFile());
      out.add(
          new Snapshot(
              d.path("name").asText(n),
              Instant.parse(d.path("created_at").asText()),
              d.path("files").asInt(),
              d.path("bytes").asLong(),
              d.path("linked").asInt(),
              d.path("copied").asInt()));
    }
    return out;
  }

  /**
   * Puts the cube and its catalog back as they were when {@code name} was taken. The cube must be
   * closed.
   *
   * @throws IllegalArgumentException naming the snapshots there are if there is none of this name
   */
  public void restore(String name) throws IOException {
    Path snap = require(name);
    Path files = snap.resolve(FILES);
    Set<String> kept = new HashSet<>();
    if (Files.isDirectory(files)) {
      try (Stream<Path> walk = Files.walk(files)) {
        for (Path from : walk.filter(Files::isRegularFile).toList()) {
          String rel = files.relativize(from).toString();
          kept.add(rel);
          Path to = root.resolve(rel);
          if (Files.exists(to) && Files.isSameFile(from, to)) {
            continue; // unchanged since the snapshot
          }
          Files.createDirectories(to.getParent());
          Path tmp = to.resolveSibling("." + to.getFileName() + ".restore-" + random());
          try {
            linkOrCopy(from, tmp);
            LocalFiles.moveReplacing(tmp, to);
          } finally {
            Files.deleteIfExists(tmp);
          }
        }
      }
    }
    for (String rel : cubeFiles()) {
      if (!kept.contains(rel)) {
        Files.delete(root.resolve(rel));
      }
    }
    removeEmptyDirectories();
    restoreCatalog(snap.resolve(CubeCatalog.FILE_NAME), root.resolve(CubeCatalog.FILE_NAME));
  }

  /**
   * Deletes the snapshot {@code name} (the cube's files it shares are not affected).
   *
   * @throws IllegalArgumentException naming the snapshots there are if there is none of this name
   */
  public void delete(String name) throws IOException {
    Path snap = require(name);
    Path doomed = directory().resolve(".deleting-" + name + "-" + random());
    Files.move(snap, doomed, StandardCopyOption.ATOMIC_MOVE);
    Storage.defaults().deleteUnder(doomed.toString());
  }

  private Path require(String name) throws IOException {
    if (name != null && names().contains(name)) {
      return directory().resolve(name);
    }
    throw new IllegalArgumentException(
        "cube " + root + " has no snapshot '" + name + "' (snapshots: " + names() + ")");
  }

  private List<String> names() throws IOException {
    if (!Files.isDirectory(directory())) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(directory())) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve(DESCRIPTION)))
          .map(d -> d.getFileName().toString())
          .filter(n -> NAME.matcher(n).matches())
          .sorted()
          .toList();
    }
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a snapshot name must be a letter or digit followed by letters, digits, '.', '_' or '-'"
              + " (at most 128 in all), got "
              + (name == null ? "nothing" : "'" + name + "'"));
    }
  }

  /**
   * The cube's files relative to the root, sorted: everything but the snapshots, the catalog (and
   * its journals) and temporary files of unfinished writes.
   */
  private List<String> cubeFiles() throws IOException {
    Path snapshots = directory();
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.startsWith(snapshots))
          .filter(Files::isRegularFile)
          .filter(p -> !p.getParent().equals(root) || !isCatalog(p.getFileName().toString()))
          .filter(p -> !isTemporary(p.getFileName().toString()))
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  private static boolean isCatalog(String fileName) {
    return fileName.startsWith(CubeCatalog.FILE_NAME);
  }

  private static boolean isTemporary(String fileName) {
    return fileName.contains(".zarr-tmp-")
        || (fileName.startsWith(".")
            && (fileName.contains(".tmp-") || fileName.contains(".restore-")));
  }

  private void removeEmptyDirectories() throws IOException {
    Path snapshots = directory();
    List<Path> dirs;
    try (Stream<Path> walk = Files.walk(root)) {
      dirs =
          walk.filter(Files::isDirectory)
              .filter(p -> !p.equals(root) && !p.startsWith(snapshots))
              .sorted(Comparator.reverseOrder())
              .toList();
    }
    for (Path d : dirs) {
      try (Stream<Path> in = Files.list(d)) {
        if (in.findAny().isEmpty()) {
          Files.delete(d);
        }
      }
    }
  }

  /** Hard-links {@code to} to {@code from}; copies where links are not supported. */
  private static boolean linkOrCopy(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
      return true;
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (e instanceof java.nio.file.FileAlreadyExistsException f) {
        throw f;
      }
      Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
      return false;
    }
  }

  private static void backupCatalog(Path live, Path copy) throws IOException {
    sqlite(live, "backup to " + quoted(copy), "copy the catalog " + live + " to " + copy);
  }

  private static void restoreCatalog(Path copy, Path live) throws IOException {
    sqlite(live, "restore from " + quoted(copy), "restore the catalog " + live + " from " + copy);
  }

  /** One of sqlite-jdbc's backup commands on a connection of its own to {@code db}. */
  private static void sqlite(Path db, String command, String what) throws IOException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      s.executeUpdate(command);
    } catch (SQLException e) {
      throw new IOException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private static String quoted(Path p) {
    String s = p.toAbsolutePath().toString();
    if (s.contains("\"")) {
      throw new IllegalArgumentException("a cube path with a double quote is not supported: " + s);
    }
    return "\"" + s + "\"";
  }

  private static String random() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong());
  }
}
