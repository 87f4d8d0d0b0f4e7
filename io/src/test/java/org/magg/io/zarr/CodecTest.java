package org.magg.io.zarr;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecTest {

  private static final ChunkSpec SPEC_2x3_I16 =
      new ChunkSpec(new int[] {2, 3}, DataType.INT16, new byte[2]);

  private static byte[] int16(int... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      b.putShort((short) v);
    }
    return b.array();
  }

  @Test
  void transposeMatchesNumpy() {
    // numpy.transpose([[0, 1, 2], [3, 4, 5]], (1, 0)) == [[0, 3], [1, 4], [2, 5]]
    TransposeCodec t = new TransposeCodec(new int[] {1, 0});
    assertArrayEquals(int16(0, 3, 1, 4, 2, 5), t.encode(int16(0, 1, 2, 3, 4, 5), SPEC_2x3_I16));
    assertArrayEquals(new int[] {3, 2}, t.encodedSpec(SPEC_2x3_I16).shape());
    assertArrayEquals(int16(0, 1, 2, 3, 4, 5), t.decode(int16(0, 3, 1, 4, 2, 5), SPEC_2x3_I16));
  }

  @Test
  void transposeThreeDimensions() {
    // shape (2, 3, 4), element value = 12i + 4j + k; order (2, 0, 1) -> shape (4, 2, 3)
    ChunkSpec spec = new ChunkSpec(new int[] {2, 3, 4}, DataType.INT16, new byte[2]);
    int[] values = new int[24];
    for (int i = 0; i < 24; i++) {
      values[i] = i;
    }
    TransposeCodec t = new TransposeCodec(new int[] {2, 0, 1});
    byte[] encoded = t.encode(int16(values), spec);
    ByteBuffer b = ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN);
    // encoded[k][i][j] = decoded[i][j][k]
    for (int k = 0; k < 4; k++) {
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++) {
          assertEquals(12 * i + 4 * j + k, b.getShort(2 * (k * 6 + i * 3 + j)));
        }
      }
    }
    assertArrayEquals(int16(values), t.decode(encoded, spec));
  }

  @Test
  void transposeRejectsNonPermutation() {
    assertThrows(ZarrException.class, () -> new TransposeCodec(new int[] {0, 0}));
  }

  @Test
  void bytesCodecSwapsForBigEndian() {
    BytesCodec big = new BytesCodec(ByteOrder.BIG_ENDIAN);
    assertArrayEquals(
        new byte[] {0x01, 0x02, 0x03, 0x04},
        big.encode(
            new byte[] {0x02, 0x01, 0x04, 0x03},
            new ChunkSpec(new int[] {2}, DataType.INT16, new byte[2])));
    ZarrException e =
        assertThrows(
            ZarrException.class,
            () ->
                big.decode(new byte[3], new ChunkSpec(new int[] {2}, DataType.INT16, new byte[2])));
    assertThat(e.getMessage(), containsString("expected 4"));
  }

  @Test
  void shuffleGroupsBytes() {
    ShuffleCodec s = new ShuffleCodec(2);
    assertArrayEquals(new byte[] {1, 3, 5, 2, 4, 6}, s.encode(new byte[] {1, 2, 3, 4, 5, 6}, null));
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, s.decode(new byte[] {1, 3, 5, 2, 4, 6}, null));
  }

  @Test
  void deltaWrapsAroundLikeTheDataType() {
    DeltaCodec d = new DeltaCodec(DataType.INT8, ByteOrder.LITTLE_ENDIAN, true);
    byte[] decoded = {100, -100, 127, -128};
    // differences: 100, -200 -> 56, 227 -> -29, -255 -> 1
    byte[] encoded = d.encode(decoded, null);
    assertArrayEquals(new byte[] {100, 56, -29, 1}, encoded);
    assertArrayEquals(decoded, d.decode(encoded, null));
  }

  @Test
  void crc32cAppendsLittleEndianChecksum() {
    // the CRC-32C check value of "123456789" is 0xE3069283
    byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
    byte[] encoded = new Crc32cCodec().encode(data, null);
    assertArrayEquals(
        new byte[] {(byte) 0x83, (byte) 0x92, 0x06, (byte) 0xE3},
        java.util.Arrays.copyOfRange(encoded, 9, 13));
    assertArrayEquals(data, new Crc32cCodec().decode(encoded, null));
    encoded[0] ^= 1;
    ZarrException e =
        assertThrows(ZarrException.class, () -> new Crc32cCodec().decode(encoded, null));
    assertThat(e.getMessage(), containsString("crc32c checksum mismatch"));
  }

  @Test
  void compressorsRoundTrip() throws IOException {
    byte[] data = new byte[10_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i % 17 * (i % 5));
    }
    ChunkSpec spec = new ChunkSpec(new int[] {10_000}, DataType.UINT8, new byte[1]);
    for (Codec c :
        List.of(
            new GzipCodec(5),
            new ZlibCodec(1),
            new ZstdCodec(3, true),
            new ZstdCodec(0, false),
            new BloscCodec("lz4", 5, 1, 0, 0),
            new BloscCodec("zstd", 3, 2, 4, 0))) {
      byte[] encoded = c.encode(data, spec);
      assertArrayEquals(data, c.decode(encoded, spec), c.name());
    }
  }

  @Test
  void gzipWritesGzipStreams() throws IOException {
    byte[] encoded = new GzipCodec(5).encode(new byte[] {1, 2, 3}, null);
    assertEquals(0x1f, encoded[0] & 0xFF);
    assertEquals(0x8b, encoded[1] & 0xFF);
  }

  @Test
  void shardingRoundTripSkipsEmptyInnerChunks() throws IOException {
    CodecPipeline inner =
        new CodecPipeline(List.of(new BytesCodec(ByteOrder.LITTLE_ENDIAN), new GzipCodec(1)));
    CodecPipeline index =
        new CodecPipeline(List.of(new BytesCodec(ByteOrder.LITTLE_ENDIAN), new Crc32cCodec()));
    for (boolean atEnd : new boolean[] {true, false}) {
      ShardingCodec sharding = new ShardingCodec(new int[] {1, 3}, inner, index, atEnd);
      byte[] decoded = int16(0, 0, 0, 7, 8, 9); // first inner chunk equals the fill value
      byte[] shard = sharding.encode(decoded, SPEC_2x3_I16);
      assertArrayEquals(decoded, sharding.decode(shard, SPEC_2x3_I16));
      ByteBuffer idx =
          ByteBuffer.wrap(shard, atEnd ? shard.length - 36 : 0, 32).order(ByteOrder.LITTLE_ENDIAN);
      assertEquals(-1L, idx.getLong());
      assertEquals(-1L, idx.getLong());
    }
  }

  @Test
  void shardingDetectsCorruptIndex() throws IOException {
    CodecPipeline inner = new CodecPipeline(List.of(new BytesCodec(ByteOrder.LITTLE_ENDIAN)));
    CodecPipeline index =
        new CodecPipeline(List.of(new BytesCodec(ByteOrder.LITTLE_ENDIAN), new Crc32cCodec()));
    ShardingCodec sharding = new ShardingCodec(new int[] {1, 3}, inner, index, true);
    byte[] shard = sharding.encode(int16(1, 2, 3, 4, 5, 6), SPEC_2x3_I16);
    shard[shard.length - 10] ^= 0x40;
    assertThrows(ZarrException.class, () -> sharding.decode(shard, SPEC_2x3_I16));
  }
}
