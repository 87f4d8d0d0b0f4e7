package org.magg.io.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.magg.core.LocalFiles;

/**
 * A {@link ZarrStore} backed by a local directory: key {@code a/b/c} is the file {@code
 * root/a/b/c}. Values are written to a temporary file in the same directory and then renamed into
 * place, so readers never see a partial value and a retried write is idempotent.
 */
public final class FileSystemZarrStore implements ZarrStore {

  /** Marker in the names of temporary files; such files are never listed as keys. */
  static final String TEMP_MARKER = ".zarr-tmp-";

  private final Path root;

  /** Opens the store rooted at {@code root}; the directory is created on the first write. */
  public FileSystemZarrStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The directory holding the store. */
  public Path root() {
    return root;
  }

  private Path resolve(String key) {
    return root.resolve(StoreKeys.checkKey(key));
  }

  @Override
  public byte[] get(String key) throws IOException {
    Path file = resolve(key);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public void put(String key, byte[] value) throws IOException {
    Path target = resolve(key);
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve(target.getFileName() + TEMP_MARKER + UUID.randomUUID());
    try {
      Files.write(temp, value);
      LocalFiles.moveReplacing(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(resolve(key));
  }

  @Override
  public void delete(String key) throws IOException {
    Path file = resolve(key);
    if (Files.isRegularFile(file)) {
      Files.deleteIfExists(file);
    }
  }

  @Override
  public void deletePrefix(String prefix) throws IOException {
    for (String key : list(prefix)) {
      delete(key);
    }
    removeEmptyDirectories(prefix);
  }

  private void removeEmptyDirectories(String prefix) throws IOException {
    Path start = listingStart(prefix);
    if (!Files.isDirectory(start)) {
      return;
    }
    List<Path> dirs;
    try (Stream<Path> walk = Files.walk(start)) {
      dirs = walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
    }
    for (Path dir : dirs) {
      if (dir.equals(root)) {
        continue;
      }
      String rel = toKey(dir);
      if (!rel.startsWith(prefix) && !(rel + "/").startsWith(prefix)) {
        continue;
      }
      try {
        Files.deleteIfExists(dir);
      } catch (DirectoryNotEmptyException e) {
        // still holds keys outside the prefix
      }
    }
  }

  /** The deepest directory that can contain keys with the given prefix. */
  private Path listingStart(String prefix) {
    int slash = prefix.lastIndexOf('/');
    if (slash <= 0) {
      return root;
    }
    return root.resolve(StoreKeys.checkKey(prefix.substring(0, slash)));
  }

  private String toKey(Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    Path start = listingStart(prefix);
    if (!Files.isDirectory(start)) {
      return Collections.emptyList();
    }
    List<String> keys = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(start)) {
      walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().contains(TEMP_MARKER))
          .map(this::toKey)
          .filter(k -> k.startsWith(prefix))
          .forEach(keys::add);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Collections.sort(keys);
    return keys;
  }

  /**
   * Deletes the temporary files of writes that never finished (a process killed between writing a
   * value and renaming it into place), and returns how many there were. Call it when no write is
   * running, e.g. after a run whose workers may have been lost.
   */
  public int removeTemporaryFiles() throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    List<Path> leftovers;
    try (Stream<Path> walk = Files.walk(root)) {
      leftovers =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().contains(TEMP_MARKER))
              .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (Path p : leftovers) {
      Files.deleteIfExists(p);
    }
    return leftovers.size();
  }

  @Override
  public String location() {
    return root.toString();
  }

  @Override
  public String toString() {
    return "FileSystemZarrStore[" + root + "]";
  }
}
