package org.magg.io.storage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.testing.S3TestServer;

/** The one storage layer, on local files and on an S3-compatible server on 127.0.0.1. */
class StorageTest {
  @TempDir Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void namesJoinResolveAndRefuseOtherSchemes() {
    assertEquals("s3://bkt/out/events.csv", Storage.join("s3://bkt/out", "events.csv"));
    assertEquals("s3://bkt/out/events.csv", Storage.join("s3://bkt/out/", "events.csv"));
    assertEquals(Path.of("out", "events.csv").toString(), Storage.join("out", "events.csv"));
    assertEquals("file:/tmp/o/x", Storage.join("file:/tmp/o", "x"));
    assertEquals(
        "s3://bkt/cat/masks/m.nc", Storage.resolveSibling("s3://bkt/cat/c.json", "masks/m.nc"));
    assertEquals("s3://o/x.nc", Storage.resolveSibling("/data/c.json", "s3://o/x.nc"));
    assertEquals("/abs/m.nc", Storage.resolveSibling("/data/c.json", "/abs/m.nc"));
    assertEquals("/data/masks/m.nc", Storage.resolveSibling("/data/run/c.json", "../masks/m.nc"));
    assertEquals("events.csv", Storage.name("s3://bkt/out/events.csv"));
    assertEquals("out.zarr", Storage.name("/x/out.zarr/"));
    assertEquals(Path.of("/tmp/a b"), Storage.localPath("file:/tmp/a%20b"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Storage.localPath("https://h/x.h5"));
    assertThat(e.getMessage(), containsString("https://h/x.h5"));
  }

  @Test
  void globsMatchWithinAndAcrossSegments() {
    assertTrue(Globs.compile("a/*.nc").matcher("a/x.nc").matches());
    assertFalse(Globs.compile("a/*.nc").matcher("a/b/x.nc").matches());
    assertTrue(Globs.compile("a/**.nc").matcher("a/b/x.nc").matches());
    assertTrue(Globs.compile("d?y{1,2}.[nh]c").matcher("day2.hc").matches());
    assertFalse(Globs.compile("d?y{1,2}.[nh]c").matcher("day3.nc").matches());
    assertEquals(4, Globs.firstWildcard("abc/*"));
    assertFalse(Globs.isGlob("s3://bkt/plain.nc"));
  }

  @Test
  void localWritesAreAtomicAndReadBack() throws IOException {
    Storage storage = Storage.defaults();
    String file = dir.resolve("deep/er/t.bin").toString();
    storage.write(file, bytes("first"));
    storage.write(file, bytes("0123456789"));
    assertEquals("0123456789", storage.readText(file));
    assertEquals(10, storage.size(file));
    assertTrue(storage.exists(file));
    try (SeekableByteChannel ch = storage.openChannel(file)) {
      ByteBuffer b = ByteBuffer.allocate(3);
      ch.position(4).read(b);
      assertEquals("456", new String(b.array(), StandardCharsets.UTF_8));
    }
    try (InputStream in = storage.open(file)) {
      assertArrayEquals(bytes("0123456789"), in.readAllBytes());
    }
    // A writer that fails half way leaves the old file and no temporary file.
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                storage.write(
                    file,
                    out -> {
                      out.write(bytes("partial"));
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("0123456789", storage.readText(file));
    try (Stream<Path> files = Files.list(dir.resolve("deep/er"))) {
      assertEquals(List.of("t.bin"), files.map(p -> p.getFileName().toString()).toList());
    }
    storage.delete(file);
    storage.delete(file);
    assertFalse(storage.exists(file));
    assertNull(storage.readIfExists(file));
    NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> storage.read(file));
    assertThat(missing.getMessage(), containsString(file));
  }

  @Test
  void localGlobsListSortedMatches() throws IOException {
    Storage storage = Storage.defaults();
    for (String f : List.of("f/day2.nc", "f/day1.nc", "f/day1.txt", "f/sub/day3.nc")) {
      storage.write(dir.resolve(f).toString(), bytes(f));
    }
    String f = dir.resolve("f").toString();
    assertEquals(List.of(f + "/day1.nc", f + "/day2.nc"), storage.list(f + "/*.nc"));
    assertEquals(
        List.of(f + "/day1.nc", f + "/day2.nc", f + "/sub/day3.nc"), storage.list(f + "/**.nc"));
    assertEquals(List.of(f + "/day1.txt"), storage.list(f + "/day?.{txt,csv}"));
    assertEquals(List.of(), storage.list(f + "/none.nc"));
    assertEquals(List.of(f + "/day2.nc"), storage.list(f + "/day2.nc"));
    assertEquals(List.of(f + "/day2.nc"), storage.list("file:" + f + "/day2.nc"));
    assertEquals(List.of(), storage.list(dir.resolve("absent") + "/*.nc"));
    // a name without wildcards may be a directory (a Zarr store), as an S3 prefix may
    assertEquals(List.of(f + "/sub"), storage.list(f + "/sub"));
    assertTrue(storage.directoryExists(f + "/sub"));
    assertFalse(storage.directoryExists(f + "/day1.nc"));
    assertFalse(storage.directoryExists(f + "/none"));
  }

  @Test
  void s3WritesListsAndReadsRanges() throws IOException {
    S3TestServer server = S3TestServer.get();
    Storage storage = Storage.of(server.settings());
    String prefix = "s3://" + S3TestServer.BUCKET + "/storage/" + UUID.randomUUID();
    for (String name : List.of("b/day2.nc", "b/day1.nc", "b/day1.txt", "b/sub/day3.nc")) {
      storage.write(Storage.join(prefix, name), bytes("0123456789" + name));
    }
    assertEquals(
        List.of(prefix + "/b/day1.nc", prefix + "/b/day2.nc"), storage.list(prefix + "/b/*.nc"));
    assertEquals(3, storage.list(prefix + "/b/**.nc").size());
    assertEquals(List.of(prefix + "/b/none.nc"), storage.list(prefix + "/b/none.nc"));
    // a prefix exists when an object is under it ("b" is not a prefix of "b2/...")
    assertTrue(storage.directoryExists(prefix + "/b"));
    assertTrue(storage.directoryExists(prefix + "/b/sub/"));
    assertFalse(storage.directoryExists(prefix + "/b/su"));
    assertFalse(storage.directoryExists(prefix + "/none"));
    String day1 = prefix + "/b/day1.nc";
    assertEquals("0123456789b/day1.nc", storage.readText(day1));
    assertEquals(19, storage.size(day1));
    try (SeekableByteChannel ch = storage.openChannel(day1)) {
      ByteBuffer b = ByteBuffer.allocate(4);
      ch.position(6).read(b);
      assertEquals("6789", new String(b.array(), StandardCharsets.UTF_8));
    }
    storage.delete(day1);
    assertFalse(storage.exists(day1));
    assertNull(storage.readIfExists(day1));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> storage.read(day1));
    assertThat(e.getMessage(), containsString(day1));
  }

  @Test
  void listsAndDeletesEverythingUnderADirectoryOnly() throws IOException {
    Storage storage = Storage.defaults();
    Path out = dir.resolve("out");
    for (String name : List.of("events.csv", "panes/a.csv", "panes/deep/b.csv", "keep.txt")) {
      storage.write(out.resolve(name).toString(), bytes(name));
    }
    // a sibling sharing the name as a prefix is not under the directory
    storage.write(dir.resolve("panes-other.csv").toString(), bytes("x"));
    String panes = out.resolve("panes").toString();
    assertEquals(
        List.of(
            out.resolve("panes/a.csv").toAbsolutePath().toString(),
            out.resolve("panes/deep/b.csv").toAbsolutePath().toString()),
        storage.listUnder(panes));
    assertEquals(4, storage.listUnder(out.toString()).size());
    assertEquals(2, storage.deleteUnder(panes));
    assertFalse(Files.exists(out.resolve("panes")));
    assertTrue(Files.exists(out.resolve("keep.txt")));
    assertTrue(Files.exists(dir.resolve("panes-other.csv")));
    assertEquals(0, storage.deleteUnder(panes));
    assertEquals(List.of(), storage.listUnder(panes));
  }

  @Test
  void s3ListsAndDeletesEverythingUnderAPrefixOnly() throws IOException {
    S3TestServer server = S3TestServer.get();
    Storage storage = Storage.of(server.settings());
    String prefix = "s3://" + S3TestServer.BUCKET + "/under/" + UUID.randomUUID();
    for (String name : List.of("out/panes/a.csv", "out/panes/deep/b.csv", "out/panes-x.csv")) {
      storage.write(Storage.join(prefix, name), bytes(name));
    }
    String panes = prefix + "/out/panes";
    assertEquals(List.of(panes + "/a.csv", panes + "/deep/b.csv"), storage.listUnder(panes));
    assertEquals(2, storage.deleteUnder(panes + "/"));
    assertEquals(List.of(), storage.listUnder(panes));
    assertEquals(List.of(prefix + "/out/panes-x.csv"), storage.listUnder(prefix + "/out"));
  }
}
