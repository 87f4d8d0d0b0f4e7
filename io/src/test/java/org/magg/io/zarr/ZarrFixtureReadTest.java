package org.magg.io.zarr;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.magg.testing.SharedData;

/**
 * Reads the arrays of the zarr-python fixtures (v2 and v3) and checks their values. Expected values
 * follow the fixture generator's conventions and were confirmed with zarrita.js and zarr-python.
 */
class ZarrFixtureReadTest {

  private static ZarrStore v2() {
    return new FileSystemZarrStore(SharedData.require("data/zarr/v2/data.zarr"));
  }

  private static ZarrStore v3() {
    return new FileSystemZarrStore(SharedData.require("data/zarr/v3/data.zarr"));
  }

  private static long[] range(long from, long toExclusive) {
    return LongStream.range(from, toExclusive).toArray();
  }

  private static final long[] ONE_TO_FOUR = {1, 2, 3, 4};

  static Stream<Arguments> v2IntegerArrays() {
    return Stream.of(
        Arguments.of("1d.chunked.i2", ONE_TO_FOUR, new long[] {4}, DataType.INT16),
        Arguments.of("1d.chunked.ragged.i2", range(1, 6), new long[] {5}, DataType.INT16),
        Arguments.of("1d.contiguous.blosc.i2", ONE_TO_FOUR, new long[] {4}, DataType.INT16),
        Arguments.of("1d.contiguous.delta.i2", ONE_TO_FOUR, new long[] {4}, DataType.INT16),
        Arguments.of(
            "1d.contiguous.delta.shuffle.i2",
            new long[] {10, 20, 30, 40},
            new long[] {4},
            DataType.INT16),
        Arguments.of("1d.contiguous.i4", ONE_TO_FOUR, new long[] {4}, DataType.INT32),
        Arguments.of("1d.contiguous.raw.i2", ONE_TO_FOUR, new long[] {4}, DataType.INT16),
        Arguments.of("1d.contiguous.shuffle.i2", ONE_TO_FOUR, new long[] {4}, DataType.INT16),
        Arguments.of(
            "1d.contiguous.u1", new long[] {255, 0, 255, 0}, new long[] {4}, DataType.UINT8),
        Arguments.of("1d.contiguous.b1", new long[] {1, 0, 1, 0}, new long[] {4}, DataType.BOOL),
        Arguments.of("1d.contiguous.zlib.i2", ONE_TO_FOUR, new long[] {4}, DataType.INT16),
        Arguments.of("1d.contiguous.zstd.i2", ONE_TO_FOUR, new long[] {4}, DataType.INT16),
        Arguments.of("2d.chunked.i2", ONE_TO_FOUR, new long[] {2, 2}, DataType.INT16),
        Arguments.of("2d.chunked.ragged.i2", range(1, 10), new long[] {3, 3}, DataType.INT16),
        Arguments.of("2d.contiguous.i2", ONE_TO_FOUR, new long[] {2, 2}, DataType.INT16),
        Arguments.of("3d.chunked.i2", range(0, 27), new long[] {3, 3, 3}, DataType.INT16),
        Arguments.of("3d.chunked.mixed.i2.C", range(0, 27), new long[] {3, 3, 3}, DataType.INT16),
        Arguments.of("3d.chunked.mixed.i2.F", range(0, 27), new long[] {3, 3, 3}, DataType.INT16),
        Arguments.of("3d.contiguous.i2", range(0, 27), new long[] {3, 3, 3}, DataType.INT16));
  }

  @ParameterizedTest(name = "v2 {0}")
  @MethodSource("v2IntegerArrays")
  void readsV2IntegerArrays(String name, long[] expected, long[] shape, DataType type)
      throws IOException {
    ZarrArray array = ZarrArray.open(v2(), name);
    assertEquals(ZarrFormat.V2, array.metadata().format());
    assertEquals(type, array.metadata().dataType());
    assertArrayEquals(shape, array.metadata().shape());
    NdBuffer data = array.read();
    assertArrayEquals(shape, data.shape());
    assertArrayEquals(expected, data.toLongArray(), name);
  }

  static Stream<Arguments> v2FloatArrays() {
    return Stream.of(
        Arguments.of("1d.contiguous.f4.le", new double[] {-1000.5, 0, 1000.5, 0}),
        Arguments.of("1d.contiguous.f4.be", new double[] {-1000.5, 0, 1000.5, 0}),
        Arguments.of("1d.contiguous.f8", new double[] {1.5, 2.5, 3.5, 4.5}),
        // bitround only rounds when writing; reading is the identity
        Arguments.of("1d.contiguous.bitround.f4", new double[] {1.125, 2.25, 3.25, 4.5}));
  }

  @ParameterizedTest(name = "v2 {0}")
  @MethodSource("v2FloatArrays")
  void readsV2FloatArrays(String name, double[] expected) throws IOException {
    assertArrayEquals(expected, ZarrArray.open(v2(), name).read().toDoubleArray(), 0.0, name);
  }

  @Test
  void v2BigEndianDtypeIsReported() throws IOException {
    ArrayMetadata m = ZarrArray.open(v2(), "1d.contiguous.f4.be").metadata();
    assertEquals(ByteOrder.BIG_ENDIAN, m.byteOrder());
    assertEquals(DataType.FLOAT32, m.dataType());
  }

  @Test
  void v2FortranOrderIsReported() throws IOException {
    assertEquals('F', ZarrArray.open(v2(), "3d.chunked.mixed.i2.F").metadata().order());
  }

  @Test
  void v2ChunkReadIncludesPaddingWithFill() throws IOException {
    // 2d.chunked.ragged.i2: shape [3, 3], chunks [2, 2]; chunk (1, 1) holds only element 9
    NdBuffer chunk = ZarrArray.open(v2(), "2d.chunked.ragged.i2").readChunk(1, 1);
    assertArrayEquals(new long[] {2, 2}, chunk.shape());
    assertEquals(9, chunk.getLong(0L, 0L));
  }

  @Test
  void v2RegionRead() throws IOException {
    NdBuffer region =
        ZarrArray.open(v2(), "3d.chunked.i2").read(new long[] {1, 1, 0}, new long[] {2, 1, 3});
    // element (i, j, k) = 9i + 3j + k
    assertArrayEquals(new long[] {12, 13, 14, 21, 22, 23}, region.toLongArray());
  }

  @Test
  void v2GroupsAndAttributes() throws IOException {
    ZarrGroup root = ZarrGroup.open(v2(), "");
    assertEquals(ZarrFormat.V2, root.format());
    assertEquals(Map.of("answer", 42), root.attributes());
    assertThat(root.memberNames(), hasItems("1d.contiguous.i4", "my group with spaces"));
    ZarrGroup spaced = root.openGroup("my group with spaces");
    assertEquals("A group with spaces in the name", spaced.attributes().get("description"));
  }

  @Test
  void v2ConsolidatedMetadataIsReadable() throws IOException {
    Map<String, com.fasterxml.jackson.databind.JsonNode> meta =
        Consolidated.read(v2(), "", ZarrFormat.V2);
    assertEquals(2, meta.get(".zgroup").get("zarr_format").asInt());
    assertEquals("<i4", meta.get("1d.contiguous.i4/.zarray").get("dtype").asText());
  }

  @Test
  void v2UnsupportedCompressorNamesArrayAndCodec() throws IOException {
    ZarrArray lz4 = ZarrArray.open(v2(), "1d.contiguous.lz4.i2");
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, lz4::read);
    assertThat(e.getMessage(), containsString("1d.contiguous.lz4.i2"));
    assertThat(e.getMessage(), containsString("lz4"));
    assertThat(e.getMessage(), containsString("1d.contiguous.lz4.i2/0"));
  }

  @Test
  void v2UnsupportedDtypesNameTheArray() {
    for (String name : new String[] {"1d.contiguous.S7", "1d.contiguous.U7", "3d.chunked.O"}) {
      UnsupportedOperationException e =
          assertThrows(UnsupportedOperationException.class, () -> ZarrArray.open(v2(), name));
      assertThat(e.getMessage(), containsString(name));
    }
  }

  static Stream<Arguments> v3IntegerArrays() {
    return Stream.of(
        Arguments.of("1d.chunked.compressed.sharded.i2", ONE_TO_FOUR),
        Arguments.of("1d.chunked.filled.compressed.sharded.i2", new long[] {1, 2, 0, 0}),
        Arguments.of("1d.chunked.i2", ONE_TO_FOUR),
        Arguments.of("1d.chunked.ragged.i2", range(1, 6)),
        Arguments.of("1d.contiguous.b1", new long[] {1, 0, 1, 0}),
        Arguments.of("1d.contiguous.blosc.i2", ONE_TO_FOUR),
        Arguments.of("1d.contiguous.compressed.sharded.b1", new long[] {1, 0, 1, 0}),
        Arguments.of("1d.contiguous.compressed.sharded.i2", ONE_TO_FOUR),
        Arguments.of("1d.contiguous.compressed.sharded.i4", ONE_TO_FOUR),
        Arguments.of("1d.contiguous.compressed.sharded.u1", new long[] {255, 0, 255, 0}),
        Arguments.of("1d.contiguous.delta.i4", ONE_TO_FOUR),
        Arguments.of("1d.contiguous.gzip.i2", ONE_TO_FOUR),
        Arguments.of("1d.contiguous.i4", ONE_TO_FOUR),
        Arguments.of("1d.contiguous.raw.i2", ONE_TO_FOUR),
        Arguments.of("1d.contiguous.u1", new long[] {255, 0, 255, 0}),
        Arguments.of("2d.chunked.compressed.sharded.filled.i2", range(0, 16)),
        Arguments.of("2d.chunked.compressed.sharded.i2", range(1, 17)),
        Arguments.of("2d.chunked.i2", ONE_TO_FOUR),
        Arguments.of("2d.chunked.ragged.compressed.sharded.i2", range(1, 10)),
        Arguments.of("2d.chunked.ragged.i2", range(1, 10)),
        Arguments.of("2d.contiguous.compressed.sharded.i2", ONE_TO_FOUR),
        Arguments.of("2d.contiguous.i2", ONE_TO_FOUR),
        Arguments.of("3d.chunked.compressed.sharded.i2", range(0, 64)),
        Arguments.of("3d.chunked.i2", range(0, 27)),
        Arguments.of("3d.chunked.mixed.compressed.sharded.i2", range(0, 27)),
        Arguments.of("3d.chunked.mixed.i2.C", range(0, 27)),
        Arguments.of("3d.chunked.mixed.i2.F", range(0, 27)),
        Arguments.of("3d.contiguous.compressed.sharded.i2", range(0, 27)),
        Arguments.of("3d.contiguous.delta.i4.mixed", range(0, 27)),
        Arguments.of("3d.contiguous.i2", range(0, 27)));
  }

  @ParameterizedTest(name = "v3 {0}")
  @MethodSource("v3IntegerArrays")
  void readsV3IntegerArrays(String name, long[] expected) throws IOException {
    ZarrArray array = ZarrArray.open(v3(), name);
    assertEquals(ZarrFormat.V3, array.metadata().format());
    assertArrayEquals(expected, array.read().toLongArray(), name);
  }

  static Stream<Arguments> v3FloatArrays() {
    return Stream.of(
        Arguments.of("1d.contiguous.compressed.sharded.f4", new double[] {-1000.5, 0, 1000.5, 0}),
        Arguments.of("1d.contiguous.compressed.sharded.f8", new double[] {1.5, 2.5, 3.5, 4.5}),
        Arguments.of("1d.contiguous.f4.be", new double[] {-1000.5, 0, 1000.5, 0}),
        Arguments.of("1d.contiguous.f4.le", new double[] {-1000.5, 0, 1000.5, 0}),
        Arguments.of("1d.contiguous.f8", new double[] {1.5, 2.5, 3.5, 4.5}));
  }

  @ParameterizedTest(name = "v3 {0}")
  @MethodSource("v3FloatArrays")
  void readsV3FloatArrays(String name, double[] expected) throws IOException {
    assertArrayEquals(expected, ZarrArray.open(v3(), name).read().toDoubleArray(), 0.0, name);
  }

  @Test
  void v3ShardedChunkReadAndMissingInnerChunks() throws IOException {
    // shards of 2 x 2, inner chunks 1 x 1; the filled variant leaves element 0 as fill
    ZarrArray array = ZarrArray.open(v3(), "2d.chunked.compressed.sharded.filled.i2");
    assertThat(array.metadata().codecNames(), hasItems("sharding_indexed"));
    NdBuffer shard = array.readChunk(1, 1);
    assertArrayEquals(new long[] {10, 11, 14, 15}, shard.toLongArray());
  }

  @Test
  void v3TransposeIsApplied() throws IOException {
    ArrayMetadata m = ZarrArray.open(v3(), "3d.chunked.mixed.i2.F").metadata();
    assertEquals(java.util.List.of("transpose", "bytes", "blosc"), m.codecNames());
    // chunk (0, 0, 2) of shape [3, 3, 1] holds elements with k = 2: 9i + 3j + 2
    NdBuffer chunk = ZarrArray.open(v3(), "3d.chunked.mixed.i2.F").readChunk(0, 0, 2);
    assertArrayEquals(new long[] {2, 5, 8, 11, 14, 17, 20, 23, 26}, chunk.toLongArray());
  }

  @Test
  void v3MissingChunksReadAsFill() throws IOException {
    ZarrArray array = ZarrArray.open(v3(), "3d.chunked.i2");
    // element (0, 0, 0) is 0 == fill, and its chunk file is absent in the fixture
    assertEquals(null, v3().get(array.chunkKey(0, 0, 0)));
    assertEquals(0, array.readChunk(0, 0, 0).getLong(0));
  }

  @Test
  void v3GroupsAttributesAndConsolidatedMetadata() throws IOException {
    ZarrStore store = v3();
    ZarrGroup consolidated = ZarrGroup.open(store, "consolidated");
    assertEquals(Map.of("answer", 42), consolidated.attributes());
    assertEquals(
        "A nested group", consolidated.openGroup("nested").attributes().get("description"));
    assertArrayEquals(
        new long[] {10, 20, 30, 40}, consolidated.openArray("nested/1d.i2").read().toLongArray());
    Map<String, com.fasterxml.jackson.databind.JsonNode> meta =
        Consolidated.read(store, "consolidated", ZarrFormat.V3);
    assertThat(
        meta.keySet(), hasItems("1d.chunked.i2", "2d.contiguous.i2", "nested", "nested/1d.i2"));
    assertEquals(
        "A group with spaces in the name",
        ZarrGroup.open(store, "my group with spaces").attributes().get("description"));
  }

  @Test
  void v3UnsupportedDataTypesNameTheArray() {
    for (String name : new String[] {"1d.contiguous.f2.le", "1d.contiguous.string.vlen"}) {
      UnsupportedOperationException e =
          assertThrows(UnsupportedOperationException.class, () -> ZarrArray.open(v3(), name));
      assertThat(e.getMessage(), containsString(name));
    }
  }

  @Test
  void openingAGroupAsArrayFailsClearly() {
    ZarrException e =
        assertThrows(ZarrException.class, () -> ZarrArray.open(v3(), "my group with spaces"));
    assertThat(e.getMessage(), containsString("is a group"));
    Path root = SharedData.require("data/zarr/v3/data.zarr");
    assertThat(e.getMessage(), containsString(root.toString()));
  }
}
