package org.magg.io.zarr;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ZarrArrayTest {

  @TempDir Path tmp;

  private static ArrayMetadata.Builder meta(ZarrFormat format, DataType type) {
    return ArrayMetadata.builder()
        .withFormat(format)
        .withShape(5, 4)
        .withChunkShape(2, 3)
        .withDataType(type);
  }

  static Stream<Arguments> formatsTypesAndCompressors() {
    Stream.Builder<Arguments> args = Stream.builder();
    for (ZarrFormat f : ZarrFormat.values()) {
      for (DataType t : DataType.values()) {
        for (Compressor c : List.of(Compressor.none(), Compressor.gzip(6), Compressor.zstd(3))) {
          args.add(Arguments.of(f, t, c));
        }
      }
    }
    return args.build();
  }

  /** The value written at flat index i, chosen to fit every type (bool: 0/1). */
  private static long valueAt(DataType t, int i) {
    if (t == DataType.BOOL) {
      return i % 2;
    }
    return t.isUnsigned() ? i * 3 : i * 3 - 20;
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("formatsTypesAndCompressors")
  void roundTripsEveryTypeAndCompressor(ZarrFormat format, DataType type, Compressor compressor)
      throws IOException {
    ZarrStore store = new InMemoryZarrStore();
    ZarrArray array =
        ZarrArray.create(
            store, "a", meta(format, type).withCompressor(compressor).withFillValue(1L).build());
    long[] grid = array.metadata().chunkGridShape();
    assertArrayEquals(new long[] {3, 2}, grid);
    for (long ci = 0; ci < 3; ci++) {
      for (long cj = 0; cj < 2; cj++) {
        if (ci == 1 && cj == 1) {
          continue; // left unwritten: reads as the fill value
        }
        long rows = Math.min(2, 5 - ci * 2);
        long cols = Math.min(3, 4 - cj * 3);
        long[] part = new long[(int) (rows * cols)];
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            part[(int) (r * cols + c)] = valueAt(type, (int) ((ci * 2 + r) * 4 + cj * 3 + c));
          }
        }
        array.writeChunk(new long[] {ci, cj}, part);
      }
    }
    ZarrArray reopened = ZarrArray.open(store, "a");
    assertEquals(type, reopened.metadata().dataType());
    assertEquals(format, reopened.metadata().format());
    NdBuffer all = reopened.read();
    for (int i = 0; i < 20; i++) {
      int row = i / 4;
      int col = i % 4;
      boolean unwritten = row / 2 == 1 && col / 3 == 1;
      double expected = unwritten ? 1 : valueAt(type, i);
      assertEquals(expected, all.getDouble(i), 0.0, "element " + i);
    }
  }

  @Test
  void doublesAndFloatsKeepTheirValues() throws IOException {
    ZarrStore store = new InMemoryZarrStore();
    ZarrArray f64 =
        ZarrArray.create(
            store,
            "f64",
            ArrayMetadata.builder()
                .withFormat(ZarrFormat.V3)
                .withShape(4)
                .withChunkShape(4)
                .withDataType(DataType.FLOAT64)
                .withFillValue(Double.NaN)
                .build());
    double[] values = {Math.PI, -0.0, Double.MIN_VALUE, Double.NEGATIVE_INFINITY};
    f64.writeChunk(new long[] {0}, values);
    assertArrayEquals(values, f64.read().toDoubleArray(), 0.0);

    ZarrArray f32 =
        ZarrArray.create(
            new InMemoryZarrStore(),
            "f32",
            ArrayMetadata.builder()
                .withFormat(ZarrFormat.V2)
                .withShape(3)
                .withChunkShape(2)
                .withDataType(DataType.FLOAT32)
                .withFillValue(Double.NaN)
                .build());
    f32.writeChunk(new long[] {0}, new float[] {1.1f, Float.NaN});
    float[] read = f32.read().toFloatArray();
    assertEquals(1.1f, read[0]);
    assertTrue(Float.isNaN(read[1]));
    assertTrue(Float.isNaN(read[2]), "unwritten chunk reads as the NaN fill value");
  }

  @Test
  void unsignedInputsOfTheSameWidthAreRawBits() throws IOException {
    ZarrStore store = new InMemoryZarrStore();
    ZarrArray u8 =
        ZarrArray.create(
            store,
            "u8",
            ArrayMetadata.builder()
                .withFormat(ZarrFormat.V3)
                .withShape(2)
                .withChunkShape(2)
                .withDataType(DataType.UINT8)
                .build());
    u8.writeChunk(new long[] {0}, new byte[] {(byte) 200, (byte) 255});
    assertArrayEquals(new long[] {200, 255}, u8.read().toLongArray());

    ZarrArray u64 =
        ZarrArray.create(
            store,
            "u64",
            ArrayMetadata.builder()
                .withFormat(ZarrFormat.V3)
                .withShape(2)
                .withChunkShape(2)
                .withDataType(DataType.UINT64)
                .build());
    long big = Long.parseUnsignedLong("18000000000000000000");
    u64.writeChunk(new long[] {0}, new long[] {big, 7});
    NdBuffer read = u64.read();
    assertEquals("18000000000000000000", Long.toUnsignedString(read.getLong(0)));
    assertEquals(1.8e19, read.getDouble(0), 1e4);
    u64.writeChunk(new long[] {0}, new double[] {1.8e19, 0});
    assertEquals(1.8e19, u64.read().getDouble(0), 0.0);
  }

  @Test
  void refusesValuesThatDoNotFit() throws IOException {
    ZarrStore store = new InMemoryZarrStore("test-store");
    ZarrArray i8 =
        ZarrArray.create(
            store,
            "grp/i8",
            ArrayMetadata.builder()
                .withFormat(ZarrFormat.V3)
                .withShape(2)
                .withChunkShape(2)
                .withDataType(DataType.INT8)
                .build());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> i8.writeChunk(new long[] {0}, new int[] {1, 300}));
    assertThat(e.getMessage(), containsString("grp/i8/c/0"));
    assertThat(e.getMessage(), containsString("test-store"));
    assertThat(e.getMessage(), containsString("element 1"));
    assertThrows(
        IllegalArgumentException.class, () -> i8.writeChunk(new long[] {0}, new double[] {1.5, 2}));
    assertThrows(
        IllegalArgumentException.class,
        () -> i8.writeChunk(new long[] {0}, new double[] {Double.NaN, 2}));

    ZarrArray u16 =
        ZarrArray.create(
            new InMemoryZarrStore(),
            "u16",
            ArrayMetadata.builder()
                .withFormat(ZarrFormat.V2)
                .withShape(2)
                .withChunkShape(2)
                .withDataType(DataType.UINT16)
                .build());
    assertThrows(
        IllegalArgumentException.class, () -> u16.writeChunk(new long[] {0}, new int[] {-1, 0}));
    assertThrows(
        IllegalArgumentException.class,
        () -> u16.writeChunk(new long[] {0}, new long[] {65536, 0}));
  }

  @Test
  void refusesWrongValueCountAndChunkCoordinates() throws IOException {
    ZarrArray a =
        ZarrArray.create(new InMemoryZarrStore(), "a", meta(ZarrFormat.V3, DataType.INT32).build());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> a.writeChunk(new long[] {2, 1}, new int[5]));
    // edge chunk (2, 1): 6 values in full, or the 1 x 1 part inside the array
    assertThat(e.getMessage(), containsString("needs 6 values"));
    assertThat(e.getMessage(), containsString("or 1 values"));
    assertThrows(
        IndexOutOfBoundsException.class, () -> a.writeChunk(new long[] {3, 0}, new int[6]));
    assertThrows(IllegalArgumentException.class, () -> a.readChunk(0));
  }

  @Test
  void regionReadsAcrossChunks() throws IOException {
    ZarrArray a =
        ZarrArray.create(
            new InMemoryZarrStore(),
            "a",
            meta(ZarrFormat.V3, DataType.INT32).withFillValue(-1L).build());
    for (long ci = 0; ci < 3; ci++) {
      for (long cj = 0; cj < 2; cj++) {
        int[] chunk = new int[6];
        for (int r = 0; r < 2; r++) {
          for (int c = 0; c < 3; c++) {
            chunk[r * 3 + c] = (int) ((ci * 2 + r) * 10 + cj * 3 + c); // 10 * row + col
          }
        }
        a.writeChunk(new long[] {ci, cj}, chunk);
      }
    }
    NdBuffer region = a.read(new long[] {1, 2}, new long[] {3, 2});
    assertArrayEquals(new long[] {3, 2}, region.shape());
    assertArrayEquals(new int[] {12, 13, 22, 23, 32, 33}, region.toIntArray());
    assertEquals(23, region.getLong(1L, 1L));
    // padding beyond the array edge stays in the chunk but not in the array
    NdBuffer edge = a.readChunk(2, 1);
    assertArrayEquals(new int[] {43, 44, 45, 53, 54, 55}, edge.toIntArray());
    assertThrows(
        IndexOutOfBoundsException.class, () -> a.read(new long[] {4, 0}, new long[] {2, 1}));
  }

  @Test
  void zeroDimensionalArray() throws IOException {
    for (ZarrFormat format : ZarrFormat.values()) {
      ZarrStore store = new InMemoryZarrStore();
      ZarrArray a =
          ZarrArray.create(
              store,
              "scalar",
              ArrayMetadata.builder()
                  .withFormat(format)
                  .withShape()
                  .withChunkShape()
                  .withDataType(DataType.FLOAT64)
                  .build());
      a.writeChunk(new long[0], new double[] {42.5});
      assertEquals(format == ZarrFormat.V3 ? "scalar/c" : "scalar/0", a.chunkKey());
      assertNotNull(store.get(a.chunkKey()));
      assertEquals(42.5, ZarrArray.open(store, "scalar").read().getDouble(0));
    }
  }

  @ParameterizedTest
  @EnumSource(ZarrFormat.class)
  void corruptChunkNamesStoreArrayAndKey(ZarrFormat format) throws IOException {
    ZarrStore store = new FileSystemZarrStore(tmp.resolve("c.zarr"));
    ZarrArray a =
        ZarrArray.create(
            store,
            "g/temp",
            meta(format, DataType.FLOAT32).withCompressor(Compressor.gzip(1)).build());
    a.writeChunk(new long[] {0, 0}, new double[6]);
    store.put(a.chunkKey(0, 0), new byte[] {1, 2, 3});
    ZarrException e = assertThrows(ZarrException.class, () -> a.readChunk(0, 0));
    assertThat(e.getMessage(), containsString("'" + a.chunkKey(0, 0) + "'"));
    assertThat(e.getMessage(), containsString("array 'g/temp'"));
    assertThat(e.getMessage(), containsString(tmp.resolve("c.zarr").toString()));
    assertThat(e.getMessage(), containsString("gzip"));
  }

  @Test
  void wrongSizedUncompressedChunkIsReported() throws IOException {
    ZarrStore store = new InMemoryZarrStore();
    ZarrArray a = ZarrArray.create(store, "a", meta(ZarrFormat.V2, DataType.INT16).build());
    store.put(a.chunkKey(0, 0), new byte[7]);
    ZarrException e = assertThrows(ZarrException.class, () -> a.readChunk(0, 0));
    assertThat(e.getMessage(), containsString("expected 12"));
  }

  @Test
  void shardedArraysRoundTrip() throws IOException {
    ZarrStore store = new InMemoryZarrStore();
    ZarrArray a =
        ZarrArray.create(
            store,
            "s",
            ArrayMetadata.builder()
                .withFormat(ZarrFormat.V3)
                .withShape(6, 4)
                .withChunkShape(4, 4)
                .withDataType(DataType.INT16)
                .withCompressor(Compressor.zstd(1))
                .withSharding(2, 2)
                .build());
    assertEquals(List.of("sharding_indexed"), a.metadata().codecNames());
    short[] shard = new short[16];
    for (int i = 0; i < 16; i++) {
      shard[i] = (short) (i < 8 ? 0 : i);
    }
    a.writeChunk(new long[] {0, 0}, shard);
    a.writeChunk(new long[] {1, 0}, new short[] {1, 2, 3, 4, 5, 6, 7, 8}); // edge shard, 2 x 4
    long[] expected = new long[24];
    for (int i = 0; i < 16; i++) {
      expected[i] = shard[i];
    }
    for (int i = 16; i < 24; i++) {
      expected[i] = i - 15;
    }
    assertArrayEquals(expected, ZarrArray.open(store, "s").read().toLongArray());
  }

  @Test
  void createMakesParentGroupsAndRefusesArraysAsParents() throws IOException {
    ZarrStore store = new InMemoryZarrStore();
    ZarrArray.create(store, "a/b/c", meta(ZarrFormat.V3, DataType.INT8).build());
    assertNotNull(store.get("zarr.json"));
    assertNotNull(store.get("a/zarr.json"));
    assertNotNull(store.get("a/b/zarr.json"));
    assertEquals(ZarrFormat.V3, ZarrGroup.open(store, "a/b").format());
    ZarrException e =
        assertThrows(
            ZarrException.class,
            () -> ZarrArray.create(store, "a/b/c/d", meta(ZarrFormat.V3, DataType.INT8).build()));
    assertThat(e.getMessage(), containsString("is an array"));
    e =
        assertThrows(
            ZarrException.class,
            () -> ZarrArray.create(store, "a/x", meta(ZarrFormat.V2, DataType.INT8).build()));
    assertThat(e.getMessage(), containsString("V3 group"));
  }

  @Test
  void v2ArrayWithoutAttributesHasNoZattrs() throws IOException {
    ZarrStore store = new InMemoryZarrStore();
    ZarrArray.create(store, "a", meta(ZarrFormat.V2, DataType.INT8).build());
    assertNull(store.get("a/.zattrs"));
    ZarrArray.create(
        store, "b", meta(ZarrFormat.V2, DataType.INT8).withDimensionNames("y", "x").build());
    assertEquals(List.of("y", "x"), ZarrArray.open(store, "b").metadata().dimensionNames());
    assertEquals(0, ZarrArray.open(store, "b").metadata().attributes().size());
  }

  @Test
  void missingArrayIsReported() {
    ZarrStore store = new InMemoryZarrStore("where");
    ZarrException e = assertThrows(ZarrException.class, () -> ZarrArray.open(store, "nope"));
    assertThat(e.getMessage(), containsString("No Zarr array at 'nope' in store 'where'"));
    assertTrue(Arrays.asList(e.getMessage().split(" ")).contains("nope/zarr.json"));
  }
}
