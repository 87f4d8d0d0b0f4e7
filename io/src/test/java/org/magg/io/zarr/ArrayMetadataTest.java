package org.magg.io.zarr;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArrayMetadataTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ArrayMetadata.Builder complete(ZarrFormat format) {
    return ArrayMetadata.builder()
        .withFormat(format)
        .withShape(10, 20)
        .withChunkShape(5, 5)
        .withDataType(DataType.FLOAT32);
  }

  @Test
  void refusesIncompleteInput() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ArrayMetadata.builder().withFormat(ZarrFormat.V3).build());
    assertEquals("Shape needs to be provided. Please call `.withShape`.", e.getMessage());
    e =
        assertThrows(
            IllegalStateException.class,
            () -> ArrayMetadata.builder().withFormat(ZarrFormat.V3).withShape(4).build());
    assertEquals(
        "Chunk shape needs to be provided. Please call `.withChunkShape`.", e.getMessage());
    e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ArrayMetadata.builder()
                    .withFormat(ZarrFormat.V3)
                    .withShape(4)
                    .withChunkShape(2)
                    .build());
    assertEquals("Data type needs to be provided. Please call `.withDataType`.", e.getMessage());
    e =
        assertThrows(
            IllegalStateException.class, () -> ArrayMetadata.builder().withShape(4).build());
    assertEquals("Format needs to be provided. Please call `.withFormat`.", e.getMessage());
  }

  @Test
  void refusesInconsistentInput() {
    assertThrows(
        IllegalArgumentException.class, () -> complete(ZarrFormat.V3).withChunkShape(5).build());
    assertThrows(
        IllegalArgumentException.class, () -> complete(ZarrFormat.V3).withChunkShape(5, 0).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> complete(ZarrFormat.V3).withDimensionNames("y").build());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> complete(ZarrFormat.V2).withAttribute("_ARRAY_DIMENSIONS", List.of("a")).build());
    assertThat(e.getMessage(), containsString("withDimensionNames"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> complete(ZarrFormat.V3).withDataType(DataType.INT8).withFillValue(300L).build());
    assertThat(e.getMessage(), containsString("int8"));
    assertThrows(
        IllegalArgumentException.class,
        () -> complete(ZarrFormat.V3).withDataType(DataType.INT32).withFillValue(1.5).build());
    assertThrows(
        IllegalArgumentException.class, () -> complete(ZarrFormat.V2).withSharding(5, 1).build());
    assertThrows(
        IllegalArgumentException.class, () -> complete(ZarrFormat.V3).withSharding(2, 5).build());
  }

  @Test
  void defaultsAndAccessors() {
    ArrayMetadata m = complete(ZarrFormat.V3).build();
    assertEquals(0.0, m.fillValueAsDouble());
    assertEquals(List.of("bytes"), m.codecNames());
    assertArrayEquals(new long[] {2, 4}, m.chunkGridShape());
    assertTrue(m.dimensionNames().isEmpty());
    assertEquals("c/1/3", m.chunkKey(new long[] {1, 3}));
    assertEquals("1.3", complete(ZarrFormat.V2).build().chunkKey(new long[] {1, 3}));
    assertEquals(
        "1/3",
        complete(ZarrFormat.V2).withChunkKeySeparator("/").build().chunkKey(new long[] {1, 3}));
  }

  @Test
  void v3JsonSpellsNanFillAndDimensionNames() {
    ArrayMetadata m =
        complete(ZarrFormat.V3)
            .withFillValue(Double.NaN)
            .withCompressor(Compressor.zstd(7, true))
            .withDimensionNames("y", "x")
            .withAttributes(Map.of("units", "K"))
            .build();
    JsonNode json = V3Metadata.arrayJson(m);
    assertEquals("NaN", json.get("fill_value").textValue());
    assertEquals("float32", json.get("data_type").asText());
    assertEquals(MAPPER.valueToTree(List.of("y", "x")), json.get("dimension_names"));
    assertEquals("K", json.at("/attributes/units").asText());
    assertEquals("little", json.at("/codecs/0/configuration/endian").asText());
    assertEquals("zstd", json.at("/codecs/1/name").asText());
    assertEquals(7, json.at("/codecs/1/configuration/level").asInt());
    assertTrue(json.at("/codecs/1/configuration/checksum").asBoolean());
    assertEquals("/", json.at("/chunk_key_encoding/configuration/separator").asText());

    ArrayMetadata back = V3Metadata.parseArray((ObjectNode) json);
    assertTrue(Double.isNaN(back.fillValueAsDouble()));
    assertEquals(List.of("y", "x"), back.dimensionNames());
    assertEquals(Map.of("units", "K"), back.attributes());
    assertEquals(List.of("bytes", "zstd"), back.codecNames());
  }

  @Test
  void infiniteAndUnsignedFillValues() {
    JsonNode inf =
        V3Metadata.arrayJson(
            complete(ZarrFormat.V3)
                .withDataType(DataType.FLOAT64)
                .withFillValue(Double.NEGATIVE_INFINITY)
                .build());
    assertEquals("-Infinity", inf.get("fill_value").textValue());
    ArrayMetadata u64 =
        complete(ZarrFormat.V3).withDataType(DataType.UINT64).withFillValue(-1L).build();
    JsonNode json = V3Metadata.arrayJson(u64);
    assertEquals("18446744073709551615", json.get("fill_value").bigIntegerValue().toString());
    assertEquals(-1L, V3Metadata.parseArray((ObjectNode) json).fillValueAsLong());
    ArrayMetadata bool =
        complete(ZarrFormat.V2).withDataType(DataType.BOOL).withFillValue(1L).build();
    assertTrue(V2Metadata.zarray(bool).get("fill_value").booleanValue());
  }

  @Test
  void v2JsonHasDtypeCompressorAndDimensionsAttribute() {
    ArrayMetadata m =
        complete(ZarrFormat.V2)
            .withDataType(DataType.UINT16)
            .withFillValue(65535L)
            .withCompressor(Compressor.gzip(4))
            .withDimensionNames("lat", "lon")
            .withAttribute("units", "m")
            .build();
    JsonNode zarray = V2Metadata.zarray(m);
    assertEquals("<u2", zarray.get("dtype").asText());
    assertEquals(65535, zarray.get("fill_value").asInt());
    assertEquals("C", zarray.get("order").asText());
    assertEquals("gzip", zarray.at("/compressor/id").asText());
    assertEquals(4, zarray.at("/compressor/level").asInt());
    assertTrue(zarray.get("filters").isNull());
    assertFalse(zarray.has("dimension_separator"));
    JsonNode zattrs = V2Metadata.zattrs(m);
    assertEquals(MAPPER.valueToTree(List.of("lat", "lon")), zattrs.get("_ARRAY_DIMENSIONS"));
    assertEquals("m", zattrs.get("units").asText());

    ArrayMetadata back = V2Metadata.parseArray((ObjectNode) zarray, (ObjectNode) zattrs);
    assertEquals(List.of("lat", "lon"), back.dimensionNames());
    assertEquals(Map.of("units", "m"), back.attributes());
    assertEquals(65535L, back.fillValueAsLong());
  }

  @Test
  void v2NanFillAndBigEndianDtype() {
    ObjectNode zarray =
        (ObjectNode)
            Json.read(
                ("{\"zarr_format\":2,\"shape\":[3],\"chunks\":[3],\"dtype\":\">f8\","
                        + "\"fill_value\":\"NaN\",\"order\":\"C\",\"compressor\":null,\"filters\":null}")
                    .getBytes(StandardCharsets.UTF_8),
                "test");
    ArrayMetadata m = V2Metadata.parseArray(zarray, null);
    assertEquals(ByteOrder.BIG_ENDIAN, m.byteOrder());
    assertTrue(Double.isNaN(m.fillValueAsDouble()));
    assertEquals("NaN", V2Metadata.zarray(m).get("fill_value").asText());
    assertEquals(">f8", V2Metadata.zarray(m).get("dtype").asText());
  }

  @Test
  void v3HexFillValueAndExtensionFields() {
    String base =
        "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[2],"
            + "\"data_type\":\"float32\",\"chunk_grid\":{\"name\":\"regular\","
            + "\"configuration\":{\"chunk_shape\":[2]}},\"chunk_key_encoding\":{\"name\":\"default\"},"
            + "\"fill_value\":\"0x7fc00000\",\"codecs\":[{\"name\":\"bytes\"}]";
    ArrayMetadata m =
        V3Metadata.parseArray(
            (ObjectNode) Json.read((base + "}").getBytes(StandardCharsets.UTF_8), "t"));
    assertTrue(Double.isNaN(m.fillValueAsDouble()));
    V3Metadata.parseArray(
        (ObjectNode)
            Json.read(
                (base + ",\"ext\":{\"must_understand\":false}}").getBytes(StandardCharsets.UTF_8),
                "t"));
    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class,
            () ->
                V3Metadata.parseArray(
                    (ObjectNode)
                        Json.read(
                            (base + ",\"ext\":{\"x\":1}}").getBytes(StandardCharsets.UTF_8), "t")));
    assertThat(e.getMessage(), containsString("'ext'"));
  }

  @Test
  void v3CodecsMustBeOrdered() {
    String json = "[{\"name\":\"gzip\"},{\"name\":\"bytes\"}]";
    assertThrows(
        ZarrException.class,
        () -> Codecs.fromV3(Json.read(json.getBytes(StandardCharsets.UTF_8), "t"), DataType.INT8));
  }
}
