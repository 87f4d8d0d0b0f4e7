package org.magg.io.zarr;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ZarrGroupTest {

  private static ArrayMetadata small(ZarrFormat format) {
    return ArrayMetadata.builder()
        .withFormat(format)
        .withShape(3)
        .withChunkShape(3)
        .withDataType(DataType.INT16)
        .withDimensionNames("x")
        .build();
  }

  @ParameterizedTest
  @EnumSource(ZarrFormat.class)
  void attributesAndMembers(ZarrFormat format) throws IOException {
    ZarrStore store = new InMemoryZarrStore();
    ZarrGroup root = ZarrGroup.create(store, "", format, Map.of("title", "t", "n", 2));
    ZarrGroup sub = root.createGroup("sub", Map.of("k", List.of(1, 2)));
    root.createArray("a", small(format));
    sub.createArray("b", small(format));

    ZarrGroup reopened = ZarrGroup.open(store, "");
    assertEquals(format, reopened.format());
    assertEquals(Map.of("title", "t", "n", 2), reopened.attributes());
    assertEquals(List.of("a", "sub"), reopened.memberNames());
    assertTrue(reopened.isArray("a"));
    assertFalse(reopened.isArray("sub"));
    assertFalse(reopened.isArray("none"));
    assertEquals(List.of("b"), reopened.openGroup("sub").memberNames());
    assertEquals(Map.of("k", List.of(1, 2)), ZarrGroup.open(store, "sub").attributes());
    assertEquals(List.of("x"), reopened.openArray("sub/b").metadata().dimensionNames());

    ZarrGroup updated = reopened.withAttributes(Map.of("title", "new"));
    assertEquals(Map.of("title", "new"), ZarrGroup.open(store, "").attributes());
    assertEquals(Map.of("title", "new"), updated.attributes());

    ZarrException e = assertThrows(ZarrException.class, () -> ZarrGroup.open(store, "a"));
    assertThat(e.getMessage(), containsString("is an array"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            root.createArray("c", small(format == ZarrFormat.V2 ? ZarrFormat.V3 : ZarrFormat.V2)));
  }

  @Test
  void v2ConsolidatedMetadataFollowsZarrPython() throws IOException {
    ZarrStore store = new InMemoryZarrStore();
    ZarrGroup root = ZarrGroup.create(store, "", ZarrFormat.V2, Map.of("title", "t"));
    root.createGroup("sub", Map.of());
    root.createArray("sub/b", small(ZarrFormat.V2));
    ZarrStores.consolidate(store, ZarrFormat.V2);

    JsonNode doc = Json.read(store.get(".zmetadata"), "test");
    assertEquals(1, doc.get("zarr_consolidated_format").asInt());
    JsonNode meta = doc.get("metadata");
    assertEquals(
        List.of(".zattrs", ".zgroup", "sub/.zgroup", "sub/b/.zarray", "sub/b/.zattrs"),
        fieldNames(meta));
    assertEquals("t", meta.at("/.zattrs/title").asText());
    assertEquals("<i2", meta.get("sub/b/.zarray").get("dtype").asText());
    assertEquals("x", meta.get("sub/b/.zattrs").get("_ARRAY_DIMENSIONS").get(0).asText());
  }

  @Test
  void v3ConsolidatedMetadataFollowsZarrPython3() throws IOException {
    ZarrStore store = new InMemoryZarrStore();
    ZarrGroup root = ZarrGroup.create(store, "", ZarrFormat.V3, Map.of("title", "t"));
    root.createGroup("sub", Map.of("d", "nested"));
    root.createArray("sub/b", small(ZarrFormat.V3));
    root.createArray("a", small(ZarrFormat.V3));
    ZarrStores.consolidate(store, ZarrFormat.V3);

    JsonNode doc = Json.read(store.get("zarr.json"), "test");
    assertEquals("t", doc.at("/attributes/title").asText());
    JsonNode cm = doc.get("consolidated_metadata");
    assertEquals("inline", cm.get("kind").asText());
    assertFalse(cm.get("must_understand").asBoolean(true));
    assertEquals(List.of("a", "sub", "sub/b"), fieldNames(cm.get("metadata")));
    assertEquals("nested", cm.at("/metadata/sub/attributes/d").asText());
    assertEquals("array", cm.get("metadata").get("sub/b").get("node_type").asText());
    assertEquals("inline", cm.at("/metadata/sub/consolidated_metadata/kind").asText());

    // the root still opens as a group with its attributes, and consolidating again is stable
    assertEquals(Map.of("title", "t"), ZarrGroup.open(store, "").attributes());
    byte[] first = store.get("zarr.json");
    ZarrStores.consolidate(store, ZarrFormat.V3);
    assertTrue(java.util.Arrays.equals(first, store.get("zarr.json")));
  }

  @Test
  void consolidatingNeedsAGroupOfThatFormat() throws IOException {
    ZarrStore store = new InMemoryZarrStore();
    assertThrows(ZarrException.class, () -> ZarrStores.consolidate(store, ZarrFormat.V3));
    ZarrGroup.create(store, "", ZarrFormat.V2, Map.of());
    assertThrows(ZarrException.class, () -> ZarrStores.consolidate(store, ZarrFormat.V3));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    return names;
  }
}
