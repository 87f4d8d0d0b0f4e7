package org.magg.io.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentCacheTest {
  @TempDir Path dir;

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    Instant now = Instant.parse("2024-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    void at(int second) {
      now = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(second);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static ContentCache.Fetcher writing(String text, AtomicInteger calls) {
    return target -> {
      calls.incrementAndGet();
      Files.writeString(target, text);
    };
  }

  private static ContentCache.Fetcher bytes(int n) {
    return target -> Files.write(target, new byte[n]);
  }

  @Test
  void theKeyIsTheSha256OfTheCanonicalJsonOfSourceAndParams() throws Exception {
    String json = "{\"params\":{\"a\":1,\"b\":\"x\"},\"source\":\"s3://era5/t2m.nc\"}";
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("b", "x");
    params.put("a", 1);
    assertEquals(expected, ContentCache.key("s3://era5/t2m.nc", params));
    assertEquals(expected, ContentCache.key("s3://era5/t2m.nc", Map.of("a", 1, "b", "x")));
    assertFalse(expected.equals(ContentCache.key("s3://era5/t2m.nc", Map.of("a", 2, "b", "x"))));
  }

  @Test
  void aSecondCacheOnTheSameDirectoryHitsWhatTheFirstFetched() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ContentCache first = ContentCache.open(dir, 1 << 20);
    Path a =
        first.getOrFetch("https://x/dem.tif", Map.of("bbox", List.of(1, 2)), writing("dem", calls));
    assertEquals(1, first.misses());
    assertEquals(0, first.hits());

    ContentCache second = ContentCache.open(dir, 1 << 20);
    Path b =
        second.getOrFetch(
            "https://x/dem.tif", Map.of("bbox", List.of(1, 2)), writing("other", calls));
    assertEquals(a, b);
    assertEquals("dem", Files.readString(b));
    assertEquals(1, calls.get());
    assertEquals(1, second.hits());
    assertEquals(0, second.misses());
    assertEquals(dir.resolve(b.getFileName().toString().substring(0, 2)), b.getParent());
    String meta = Files.readString(b.resolveSibling(b.getFileName() + ".json"));
    assertTrue(meta.contains("\"source\" : \"https://x/dem.tif\""), meta);
    assertTrue(meta.contains("\"bytes\" : 3"), meta);

    // other params: another entry
    second.getOrFetch("https://x/dem.tif", Map.of("bbox", List.of(1, 3)), writing("dem 2", calls));
    assertEquals(2, calls.get());
    assertEquals(1, second.misses());
  }

  @Test
  void twoThreadsFetchingOneKeyMakeOneEntryAndOneFetch() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch inFetch = new CountDownLatch(1);
    ContentCache.Fetcher slow =
        target -> {
          calls.incrementAndGet();
          inFetch.countDown();
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          Files.writeString(target, "slow content");
        };
    ContentCache c1 = ContentCache.open(dir, 1 << 20);
    ContentCache c2 = ContentCache.open(dir, 1 << 20);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Path> f1 = pool.submit(() -> c1.getOrFetch("src", Map.of(), slow));
      assertTrue(inFetch.await(10, TimeUnit.SECONDS));
      Future<Path> f2 = pool.submit(() -> c2.getOrFetch("src", Map.of(), slow));
      Path p1 = f1.get(10, TimeUnit.SECONDS);
      Path p2 = f2.get(10, TimeUnit.SECONDS);
      assertEquals(p1, p2);
      assertEquals("slow content", Files.readString(p1));
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, calls.get());
    assertEquals(1, c1.misses() + c2.misses());
    assertEquals(1, c1.hits() + c2.hits());
    assertEquals(List.of(ContentCache.key("src", Map.of())), contentFiles());
  }

  /** The names of the content files in the cache (no descriptions, locks or temporaries). */
  private List<String> contentFiles() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.contains("."))
          .sorted()
          .toList();
    }
  }

  @Test
  void theLeastRecentlyUsedEntriesGoFirstAndUseSurvivesARestart() throws Exception {
    HandClock clock = new HandClock();
    ContentCache cache = ContentCache.open(dir, 100, clock);
    clock.at(1);
    Path a = cache.getOrFetch("a", Map.of(), bytes(40));
    clock.at(2);
    Path b = cache.getOrFetch("b", Map.of(), bytes(40));
    clock.at(3);
    cache.getOrFetch("a", Map.of(), bytes(99)); // a hit: a is now more recent than b
    assertEquals(1, cache.hits());
    assertEquals(FileTime.from(clock.now), Files.getLastModifiedTime(a));

    // A restart: the order of use is read from the directory.
    ContentCache again = ContentCache.open(dir, 100, clock);
    clock.at(4);
    Path c = again.getOrFetch("c", Map.of(), bytes(40)); // 120 > 100: the oldest use, b, goes
    assertFalse(Files.exists(b), "b was least recently used");
    assertFalse(Files.exists(b.resolveSibling(b.getFileName() + ".json")));
    assertTrue(Files.exists(a) && Files.exists(c));
    assertEquals(80, again.sizeBytes());
    clock.at(5);
    Path d = again.getOrFetch("d", Map.of(), bytes(40)); // then a (used at 3) before c (4)
    assertFalse(Files.exists(a));
    assertTrue(Files.exists(c) && Files.exists(d));
    assertFalse(again.contains("a", Map.of()));
    assertTrue(again.contains("c", Map.of()));

    // An entry larger than the budget is kept (alone).
    clock.at(6);
    Path big = again.getOrFetch("big", Map.of(), bytes(150));
    assertTrue(Files.exists(big));
    assertFalse(Files.exists(c) || Files.exists(d));
    assertEquals(150, again.sizeBytes());
  }

  @Test
  void aPartialTemporaryFileIsNeverServedAndAFailedFetchLeavesNothing() throws Exception {
    HandClock clock = new HandClock();
    ContentCache cache = ContentCache.open(dir, 1 << 20, clock);
    String key = ContentCache.key("era5", Map.of("day", "2021-07-01"));
    Path entry = cache.entry(key);
    Files.createDirectories(entry.getParent());
    // What a fetch killed half-way leaves: a temporary file, recent and old.
    Path recent = entry.resolveSibling("." + key + ".tmp-1234");
    Path old = entry.resolveSibling("." + key + ".tmp-5678");
    Files.writeString(recent, "half");
    Files.writeString(old, "half");
    Files.setLastModifiedTime(old, FileTime.from(clock.now.minusSeconds(2 * 86_400)));

    AtomicInteger calls = new AtomicInteger();
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                cache.getOrFetch(
                    "era5",
                    Map.of("day", "2021-07-01"),
                    target -> {
                      calls.incrementAndGet();
                      Files.writeString(target, "partial");
                      throw new IOException("connection reset");
                    }));
    assertTrue(e.getMessage().contains("fetching era5 {day=2021-07-01} failed: connection reset"));
    assertFalse(Files.exists(entry));
    assertFalse(cache.contains("era5", Map.of("day", "2021-07-01")));

    Path got = cache.getOrFetch("era5", Map.of("day", "2021-07-01"), writing("whole", calls));
    assertEquals(entry, got);
    assertEquals("whole", Files.readString(got));
    assertEquals(2, calls.get());
    assertEquals(2, cache.misses());
    assertTrue(Files.exists(recent), "a recent temporary file may be another fetch's");
    assertFalse(Files.exists(old), "a temporary file older than a day is removed");

    IOException none =
        assertThrows(IOException.class, () -> cache.getOrFetch("empty", Map.of(), target -> {}));
    assertTrue(none.getMessage().contains("fetching empty {} wrote no file"), none.getMessage());
  }

  @Test
  void theDefaultDirectoryFollowsXdg() {
    assertEquals(Path.of("/xdg/magg/engine"), ContentCache.defaultDirectory("/xdg", "/home/u"));
    assertEquals(
        Path.of("/home/u/.cache/magg/engine"), ContentCache.defaultDirectory(null, "/home/u"));
    assertEquals(
        Path.of("/home/u/.cache/magg/engine"), ContentCache.defaultDirectory("rel", "/home/u"));
    assertThrows(IllegalArgumentException.class, () -> ContentCache.open(dir, 0));
  }
}
