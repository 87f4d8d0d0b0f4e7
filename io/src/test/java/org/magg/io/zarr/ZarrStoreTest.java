package org.magg.io.zarr;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZarrStoreTest {

  @TempDir Path tmp;

  private ZarrStore store(String kind) {
    return kind.equals("fs")
        ? new FileSystemZarrStore(tmp.resolve("s.zarr"))
        : new InMemoryZarrStore();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fs", "memory"})
  void putGetListDelete(String kind) throws IOException {
    ZarrStore store = store(kind);
    assertNull(store.get("a/zarr.json"));
    assertFalse(store.exists("a/zarr.json"));
    store.put("a/zarr.json", bytes("{}"));
    store.put("a/c/0/0", bytes("x"));
    store.put("a/c/0/1", bytes("y"));
    store.put("ab/zarr.json", bytes("{}"));
    store.put("zarr.json", bytes("root"));
    assertArrayEquals(bytes("x"), store.get("a/c/0/0"));
    assertTrue(store.exists("a/c/0/1"));
    assertEquals(List.of("a/c/0/0", "a/c/0/1", "a/zarr.json"), store.list("a/"));
    assertEquals(List.of("a/c/0/0", "a/c/0/1", "a/zarr.json", "ab/zarr.json"), store.list("a"));
    assertEquals(5, store.list("").size());

    store.put("a/c/0/0", bytes("replaced"));
    assertArrayEquals(bytes("replaced"), store.get("a/c/0/0"));

    store.delete("a/c/0/1");
    store.delete("a/c/0/1"); // absent: no error
    assertFalse(store.exists("a/c/0/1"));

    store.deletePrefix("a/");
    assertEquals(List.of("ab/zarr.json", "zarr.json"), store.list(""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fs", "memory"})
  void rejectsUnsafeKeys(String kind) {
    ZarrStore store = store(kind);
    for (String key : new String[] {"", "/a", "a/", "a/../b", "..", "a//b", "./a"}) {
      assertThrows(IllegalArgumentException.class, () -> store.put(key, new byte[0]), key);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"fs", "memory"})
  void returnedAndStoredArraysAreNotShared(String kind) throws IOException {
    ZarrStore store = store(kind);
    byte[] value = bytes("abc");
    store.put("k", value);
    value[0] = 'z';
    byte[] read = store.get("k");
    assertArrayEquals(bytes("abc"), read);
    read[1] = 'z';
    assertArrayEquals(bytes("abc"), store.get("k"));
  }

  @Test
  void fileSystemPutLeavesNoTemporaryFilesAndIsRepeatable() throws IOException {
    FileSystemZarrStore store = new FileSystemZarrStore(tmp.resolve("s.zarr"));
    for (int i = 0; i < 3; i++) {
      store.put("arr/c/0", bytes("same"));
    }
    try (Stream<Path> files = Files.walk(store.root())) {
      assertEquals(
          List.of(store.root().resolve("arr/c/0")), files.filter(Files::isRegularFile).toList());
    }
    assertArrayEquals(bytes("same"), Files.readAllBytes(store.root().resolve("arr/c/0")));
  }

  @Test
  void fileSystemListIgnoresLeftoverTemporaryFiles() throws IOException {
    FileSystemZarrStore store = new FileSystemZarrStore(tmp.resolve("s.zarr"));
    store.put("arr/c/0", bytes("v"));
    Files.write(
        store.root().resolve("arr/c/1" + FileSystemZarrStore.TEMP_MARKER + "x"), bytes("partial"));
    assertEquals(List.of("arr/c/0"), store.list(""));
  }

  @Test
  void leftoverTemporaryFilesOfKilledWritesAreRemoved() throws IOException {
    FileSystemZarrStore store = new FileSystemZarrStore(tmp.resolve("s.zarr"));
    store.put("arr/c/0", bytes("v"));
    store.put("zarr.json", bytes("{}"));
    // what a worker killed between writing and renaming leaves behind, at two depths
    Files.write(
        store.root().resolve("arr/c/1" + FileSystemZarrStore.TEMP_MARKER + "x"), bytes("partial"));
    Files.write(
        store.root().resolve("zarr.json" + FileSystemZarrStore.TEMP_MARKER + "y"), bytes("{"));
    assertEquals(2, store.removeTemporaryFiles());
    try (var files = Files.walk(store.root())) {
      assertEquals(
          List.of(store.root().resolve("arr/c/0"), store.root().resolve("zarr.json")),
          files.filter(Files::isRegularFile).sorted().toList());
    }
    assertEquals(0, store.removeTemporaryFiles());
  }

  @Test
  void fileSystemDeletePrefixRemovesEmptyDirectories() throws IOException {
    FileSystemZarrStore store = new FileSystemZarrStore(tmp.resolve("s.zarr"));
    store.put("arr/c/0/0", bytes("v"));
    store.put("other/zarr.json", bytes("{}"));
    store.deletePrefix("arr/");
    assertFalse(Files.exists(store.root().resolve("arr")));
    assertTrue(Files.exists(store.root().resolve("other/zarr.json")));
  }

  @Test
  void opensLocalPathsAndFileUris() {
    Path dir = tmp.resolve("x.zarr");
    ZarrStore byPath = ZarrStores.open(dir.toString());
    assertInstanceOf(FileSystemZarrStore.class, byPath);
    assertEquals(dir.toAbsolutePath(), ((FileSystemZarrStore) byPath).root());
    ZarrStore byUri = ZarrStores.open(dir.toUri().toString());
    assertEquals(dir.toAbsolutePath(), ((FileSystemZarrStore) byUri).root());
    assertEquals(
        dir.toAbsolutePath(),
        ((FileSystemZarrStore) ZarrStores.open("file:" + dir.toAbsolutePath())).root());
  }

  @Test
  void s3LocationsOpenAnS3StoreWithoutTouchingTheNetwork() {
    ZarrStore store = ZarrStores.open("s3://bucket/data.zarr");
    assertInstanceOf(S3ZarrStore.class, store);
    assertEquals("s3://bucket/data.zarr/", store.location());
    assertEquals("bucket", ((S3ZarrStore) store).root().bucket());
    assertEquals("s3://bucket/", ZarrStores.open("s3a://bucket").location());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ZarrStores.open("s3://Bad_Bucket/data.zarr"));
    assertThat(e.getMessage(), containsString("bucket name 'Bad_Bucket' is not valid"));
  }

  @Test
  void otherSchemesAreRefused() {
    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class, () -> ZarrStores.open("gs://bucket/data.zarr"));
    assertThat(e.getMessage(), containsString("'gs'"));
    assertThrows(IllegalArgumentException.class, () -> ZarrStores.open(" "));
  }
}
