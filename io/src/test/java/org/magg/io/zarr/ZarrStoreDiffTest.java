package org.magg.io.zarr;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ZarrStoreDiffTest {

  /** A root group with a subgroup holding a float32 array (one NaN) and an int64 array. */
  private static ZarrStore store(ZarrFormat format, float last, long first) throws IOException {
    ZarrStore store = new InMemoryZarrStore();
    ZarrGroup root = ZarrGroup.create(store, "", format, Map.of());
    ZarrGroup g = root.createGroup("g", Map.of("level", 12));
    ZarrArray f =
        g.createArray(
            "f",
            ArrayMetadata.builder()
                .withFormat(format)
                .withShape(6)
                .withChunkShape(3)
                .withDataType(DataType.FLOAT32)
                .withFillValue(Double.NaN)
                .withDimensionNames("cells")
                .build());
    f.writeChunk(new long[] {0}, new float[] {1.5f, Float.NaN, -2f});
    f.writeChunk(new long[] {1}, new float[] {0f, 7f, last});
    ZarrArray n =
        g.createArray(
            "n",
            ArrayMetadata.builder()
                .withFormat(format)
                .withShape(3)
                .withChunkShape(3)
                .withDataType(DataType.INT64)
                .withFillValue(0L)
                .withDimensionNames("cells")
                .build());
    n.writeChunk(new long[] {0}, new long[] {first, 2, 3});
    return store;
  }

  @ParameterizedTest
  @EnumSource(ZarrFormat.class)
  void identicalStores(ZarrFormat format) throws IOException {
    ZarrStoreDiff.Result r = ZarrStoreDiff.compare(store(format, 8f, 1L), store(format, 8f, 1L));
    assertTrue(r.identical(), r.differences().toString());
    assertEquals(2, r.groups());
    assertEquals(2, r.arrays());
    assertEquals(9, r.elements());
    assertThat(r.toText(), containsString("identical"));
  }

  @ParameterizedTest
  @EnumSource(ZarrFormat.class)
  void differentValuesAreNamedWithTheirArrayAndIndex(ZarrFormat format) throws IOException {
    ZarrStoreDiff.Result r =
        ZarrStoreDiff.compare(store(format, 8f, 1L), store(format, Float.NaN, -1L));
    assertFalse(r.identical());
    assertThat(r.differences(), contains("g/f: element 5: 8.0 vs NaN", "g/n: element 0: 1 vs -1"));
  }

  @ParameterizedTest
  @EnumSource(ZarrFormat.class)
  void missingArraysAndDifferentAttributes(ZarrFormat format) throws IOException {
    ZarrStore a = store(format, 8f, 1L);
    ZarrStore b = store(format, 8f, 1L);
    b.deletePrefix("g/n/");
    ZarrGroup.open(b, "g").withAttributes(Map.of("level", 11));
    ZarrStoreDiff.Result r = ZarrStoreDiff.compare(a, b);
    assertThat(r.differences(), hasItem("g/n: present only in " + a.location()));
    assertThat(r.differences(), hasItem("g: group attributes {level=12} vs {level=11}"));
    assertEquals(2, r.differences().size(), r.differences().toString());
  }

  @ParameterizedTest
  @EnumSource(ZarrFormat.class)
  void differentShapesAreReportedWithoutComparingValues(ZarrFormat format) throws IOException {
    ZarrStore a = store(format, 8f, 1L);
    ZarrStore b = store(format, 8f, 1L);
    b.deletePrefix("g/n/");
    ZarrGroup.open(b, "g")
        .createArray(
            "n",
            ArrayMetadata.builder()
                .withFormat(format)
                .withShape(4)
                .withChunkShape(4)
                .withDataType(DataType.INT64)
                .withFillValue(0L)
                .withDimensionNames("cells")
                .build());
    ZarrStoreDiff.Result r = ZarrStoreDiff.compare(a, b);
    assertThat(r.differences(), hasItem("g/n: shape [3] vs [4]"));
    assertThat(r.differences(), hasItem("g/n: chunk shape [3] vs [4]"));
    assertEquals(6, r.elements(), "only the float array's values were compared");
  }
}
