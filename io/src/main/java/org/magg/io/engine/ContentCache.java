package org.magg.io.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.magg.core.Json;
import org.magg.core.engine.ContentHashes;
import org.magg.io.storage.Storage;

/**
 * A content-addressed cache of fetched files (downloads, extracts, anything costly to obtain),
 * shared across runs and cubes: a directory the caller names ({@link #defaultDirectory()} is {@code
 * $XDG_CACHE_HOME/magg/engine}, else {@code ~/.cache/magg/engine}).
 *
 * <p>An entry's key is the SHA-256 of the canonical JSON of {@code {"source": ..., "params":
 * {...}}} ({@link ContentHashes#canonicalJson}: keys sorted, no whitespace), so the same source and
 * parameters find the same entry whatever order the parameters were given in. Layout: {@code
 * <dir>/<first two hex digits>/<key>} holds the content and {@code <key>.json} describes it
 * (source, params, bytes, sha256, fetched_at).
 *
 * <ul>
 *   <li>A fetch writes into a temporary file beside the entry, which becomes the entry by a hard
 *       link that fails if the entry exists (a rename that refuses to replace where links are not
 *       supported): a half-written or failed fetch is never served, and an entry once present is
 *       never overwritten.
 *   <li>One key is fetched once at a time: by threads of one process (a lock per key) and by
 *       processes sharing the directory (a file lock, {@code <key>.lock}).
 *   <li>Each use sets the entry's modification time to the time of use, so the order of last use is
 *       on disk and survives restarts; after a fetch, the least recently used entries (ties by key)
 *       are deleted until the content totals at most the byte budget. The entry just fetched is
 *       kept even if it alone exceeds the budget. Temporary files of fetches that died more than a
 *       day ago are deleted then too.
 * </ul>
 *
 * <p>A path returned may be deleted by a later eviction (an open file stays readable on POSIX
 * systems); copy or read it before fetching much else.
 */
public final class ContentCache {
  /** Stripes of the in-process lock per key. */
  private static final ReentrantLock[] LOCKS = new ReentrantLock[64];

  static {
    for (int i = 0; i < LOCKS.length; i++) {
      LOCKS[i] = new ReentrantLock();
    }
  }

  private static final String TEMP_MARKER = ".tmp-";
  private static final Duration STALE_TEMP = Duration.ofDays(1);

  private final Path dir;
  private final long maxBytes;
  private final Clock clock;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /** Writes the content of a source into {@code target} (which does not exist yet). */
  @FunctionalInterface
  public interface Fetcher {
    void fetch(Path target) throws IOException;
  }

  private ContentCache(Path dir, long maxBytes, Clock clock) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  /**
   * The cache in {@code dir} (created when needed) holding at most {@code maxBytes} bytes of
   * content ({@link Long#MAX_VALUE}: no limit).
   *
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  public static ContentCache open(Path dir, long maxBytes) throws IOException {
    return open(dir, maxBytes, Clock.systemUTC());
  }

  /** As {@link #open(Path, long)}, with the clock that stamps uses (tests). */
  static ContentCache open(Path dir, long maxBytes, Clock clock) throws IOException {
    Objects.requireNonNull(dir, "cache directory");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException(
          "the content cache's byte budget must be positive, got " + maxBytes);
    }
    Files.createDirectories(dir);
    return new ContentCache(dir.toAbsolutePath().normalize(), maxBytes, clock);
  }

  /** {@code $XDG_CACHE_HOME/magg/engine}, else {@code ~/.cache/magg/engine}. */
  public static Path defaultDirectory() {
    return defaultDirectory(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home"));
  }

  static Path defaultDirectory(String xdgCacheHome, String userHome) {
    Path base =
        xdgCacheHome != null && !xdgCacheHome.isBlank() && Path.of(xdgCacheHome).isAbsolute()
            ? Path.of(xdgCacheHome)
            : Path.of(userHome, ".cache");
    return base.resolve("magg").resolve("engine");
  }

  /** The key of a source and its parameters: SHA-256 of {@code {"source", "params"}}. */
  public static String key(String source, Map<String, ?> params) {
    Objects.requireNonNull(source, "source");
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("source", source);
    k.put("params", params == null ? Map.of() : params);
    return ContentHashes.sha256OfCanonicalJson(k);
  }

  public Path directory() {
    return dir;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** Calls of {@link #getOrFetch} served from the cache, by this object. */
  public long hits() {
    return hits.get();
  }

  /** Calls of {@link #getOrFetch} that fetched, by this object. */
  public long misses() {
    return misses.get();
  }

  /** Where the entry of {@code key} is (whether or not it exists). */
  public Path entry(String key) {
    return dir.resolve(key.substring(0, 2)).resolve(key);
  }

  /** Whether the cache holds the source with these parameters (not counted as a use). */
  public boolean contains(String source, Map<String, ?> params) {
    return Files.isRegularFile(entry(key(source, params)));
  }

  /**
   * The cached file of {@code source} with {@code params}, fetching it with {@code fetcher} first
   * when the cache does not hold it.
   *
   * @throws IOException when the fetch fails or writes nothing (nothing is cached then)
   */
  public Path getOrFetch(String source, Map<String, ?> params, Fetcher fetcher) throws IOException {
    Objects.requireNonNull(fetcher, "fetcher");
    String key = key(source, params);
    Path entry = entry(key);
    if (use(entry)) {
      hits.incrementAndGet();
      return entry;
    }
    ReentrantLock lock = LOCKS[Math.floorMod((dir + key).hashCode(), LOCKS.length)];
    lock.lock();
    try {
      Files.createDirectories(entry.getParent());
      try (FileChannel ch =
              FileChannel.open(
                  entry.resolveSibling(key + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        if (use(entry)) {
          hits.incrementAndGet();
          return entry;
        }
        misses.incrementAndGet();
        fetch(source, params, fetcher, key, entry);
      }
    } finally {
      lock.unlock();
    }
    evict(key);
    return entry;
  }

  /** Marks a use of the entry; false when there is none. */
  private boolean use(Path entry) throws IOException {
    if (!Files.isRegularFile(entry)) {
      return false;
    }
    try {
      Files.setLastModifiedTime(entry, FileTime.from(clock.instant()));
      return true;
    } catch (NoSuchFileException e) {
      return false; // evicted meanwhile
    }
  }

  private void fetch(String source, Map<String, ?> params, Fetcher fetcher, String key, Path entry)
      throws IOException {
    Path tmp =
        entry.resolveSibling(
            "." + key + TEMP_MARKER + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      try {
        fetcher.fetch(tmp);
      } catch (IOException | RuntimeException e) {
        throw new IOException(
            "content cache: fetching " + source + " " + params + " failed: " + e.getMessage(), e);
      }
      if (!Files.isRegularFile(tmp)) {
        throw new IOException(
            "content cache: fetching " + source + " " + params + " wrote no file to " + tmp);
      }
      String sha;
      try (InputStream in = Files.newInputStream(tmp)) {
        sha = ContentHashes.sha256(in);
      }
      Instant now = clock.instant();
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("source", source);
      meta.put("params", params == null ? Map.of() : params);
      meta.put("bytes", Files.size(tmp));
      meta.put("sha256", sha);
      meta.put("fetched_at", now.toString());
      Storage.defaults()
          .write(
              entry.resolveSibling(key + ".json").toString(),
              Json.pretty().writeValueAsBytes(meta));
      publish(tmp, entry);
      Files.setLastModifiedTime(entry, FileTime.from(now));
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Makes {@code tmp} the entry unless one exists (then the existing one stays). */
  private static void publish(Path tmp, Path entry) throws IOException {
    try {
      Files.createLink(entry, tmp);
    } catch (FileAlreadyExistsException e) {
      // another process published it first: keep theirs
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (e instanceof FileSystemException f && Files.exists(entry)) {
        return;
      }
      try {
        Files.move(tmp, entry); // no REPLACE_EXISTING: refuses to overwrite
      } catch (FileAlreadyExistsException ignored) {
        // published meanwhile
      }
    }
  }

  /** The content's bytes in all. */
  public long sizeBytes() throws IOException {
    return entries().stream().mapToLong(Entry::bytes).sum();
  }

  private record Entry(String key, Path path, long bytes, FileTime lastUse) {}

  private List<Entry> entries() throws IOException {
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> shards = Files.list(dir)) {
      for (Path shard : shards.filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.list(shard)) {
          for (Path f : files.toList()) {
            String n = f.getFileName().toString();
            if (n.startsWith(".") || n.contains(".")) {
              continue; // temporary, .json or .lock
            }
            try {
              out.add(new Entry(n, f, Files.size(f), Files.getLastModifiedTime(f)));
            } catch (NoSuchFileException e) {
              // evicted meanwhile
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Deletes the least recently used entries, but not {@code keep}, until the content is within the
   * budget; and temporary files older than a day.
   */
  private void evict(String keep) throws IOException {
    List<Entry> all = new ArrayList<>(entries());
    long total = all.stream().mapToLong(Entry::bytes).sum();
    all.sort(Comparator.comparing(Entry::lastUse).thenComparing(Entry::key));
    for (Entry e : all) {
      if (total <= maxBytes) {
        break;
      }
      if (e.key().equals(keep)) {
        continue;
      }
      Files.deleteIfExists(e.path());
      Files.deleteIfExists(e.path().resolveSibling(e.key() + ".json"));
      Files.deleteIfExists(e.path().resolveSibling(e.key() + ".lock"));
      total -= e.bytes();
    }
    FileTime staleBefore = FileTime.from(clock.instant().minus(STALE_TEMP));
    try (Stream<Path> shards = Files.list(dir)) {
      for (Path shard : shards.filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.list(shard)) {
          for (Path f : files.toList()) {
            String n = f.getFileName().toString();
            try {
              if (n.startsWith(".")
                  && n.contains(TEMP_MARKER)
                  && Files.getLastModifiedTime(f).compareTo(staleBefore) < 0) {
                Files.deleteIfExists(f);
              }
            } catch (NoSuchFileException ignored) {
              // gone meanwhile
            }
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    return "ContentCache[" + dir + ", " + maxBytes + " bytes]";
  }
}
