package org.magg.io.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.magg.io.zarr.ArrayMetadata;
import org.magg.io.zarr.Compressor;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.S3ZarrStore;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrFormat;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStore;
import org.magg.io.zarr.ZarrStores;
import org.magg.testing.FaultInjectingProxy;
import org.magg.testing.S3TestServer;

/** The Zarr store contract on a real S3-compatible server (S3Mock on 127.0.0.1). */
class S3ZarrStoreTest {
  private static S3TestServer server;

  @BeforeAll
  static void startServer() {
    server = S3TestServer.get();
  }

  private static String fresh() {
    return "s3://" + S3TestServer.BUCKET + "/zarr/" + UUID.randomUUID() + "/s.zarr";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putGetListDeleteLikeTheOtherStores() throws IOException {
    String location = fresh();
    ZarrStore store = ZarrStores.open(location, server.settings());
    assertInstanceOf(S3ZarrStore.class, store);
    assertEquals(location + "/", store.location());
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
    store.put("a/c/0/0", bytes("replaced")); // a repeated put is harmless
    assertArrayEquals(bytes("replaced"), store.get("a/c/0/0"));
    store.delete("a/c/0/1");
    store.delete("a/c/0/1");
    assertFalse(store.exists("a/c/0/1"));
    store.deletePrefix("a/");
    assertEquals(List.of("ab/zarr.json", "zarr.json"), store.list(""));
    for (String key : new String[] {"", "/a", "a/", "a/../b"}) {
      assertThrows(IllegalArgumentException.class, () -> store.put(key, new byte[0]), key);
    }
    // objects beside the store (a sibling prefix) are neither listed nor deleted
    S3Objects s3 = S3Objects.of(server.settings());
    S3Location sibling = S3Location.parse(location + "2/zarr.json");
    s3.write(sibling, bytes("{}"));
    // a zero-byte "folder" object some tools create is not a key
    S3Location marker = S3Location.parse(location + "/a/");
    S3Clients.get(server.settings())
        .putObject(
            b -> b.bucket(marker.bucket()).key(marker.key()),
            software.amazon.awssdk.core.sync.RequestBody.empty());
    assertEquals(List.of("ab/zarr.json", "zarr.json"), store.list(""));
    store.deletePrefix("");
    assertTrue(s3.exists(sibling));
  }

  @Test
  void listingFollowsPagesAndDeletePrefixBatches() throws IOException {
    String location = fresh();
    try (FaultInjectingProxy proxy =
        new FaultInjectingProxy(server.port(), n -> FaultInjectingProxy.Fault.NONE)) {
      S3Objects paged = S3Objects.of(S3TestServer.settingsFor(proxy.endpoint())).withPaging(10, 25);
      S3ZarrStore store = new S3ZarrStore(S3Location.parse(location), paged);
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        String k = String.format("arr/c/%d", i);
        store.put(k, bytes("v" + i));
        keys.add(k);
      }
      keys.sort(null);
      int before = proxy.requests().size();
      assertEquals(keys, store.list("arr/"));
      assertEquals(6, proxy.requests().size() - before, "list pages of 10 keys");
      before = proxy.requests().size();
      store.deletePrefix("arr/");
      long deletes =
          proxy.requests().subList(before, proxy.requests().size()).stream()
              .filter(r -> r.method().equals("POST") && r.target().contains("delete"))
              .count();
      assertEquals(3, deletes, "DeleteObjects batches of 25 keys");
      assertEquals(List.of(), store.list(""));
    }
  }

  @ParameterizedTest
  @EnumSource(ZarrFormat.class)
  void arraysWrittenToS3ReadBack(ZarrFormat format) throws IOException {
    ZarrStore store = ZarrStores.open(fresh(), server.settings());
    ZarrGroup.create(store, "", format, Map.of("title", "s3 test"));
    ZarrArray a =
        ZarrArray.create(
            store,
            "values",
            ArrayMetadata.builder()
                .withFormat(format)
                .withShape(10)
                .withChunkShape(4)
                .withDataType(DataType.FLOAT64)
                .withFillValue(Double.NaN)
                .withCompressor(Compressor.zstd(3))
                .withDimensionNames("cells")
                .build());
    a.writeChunk(new long[] {0}, new double[] {1, 2, 3, 4});
    a.writeChunk(new long[] {2}, new double[] {9, 10, Double.NaN, Double.NaN});
    ZarrStores.consolidate(store, format);
    double[] back = ZarrArray.open(store, "values").read().toDoubleArray();
    assertArrayEquals(
        new double[] {1, 2, 3, 4, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 9, 10}, back);
  }
}
