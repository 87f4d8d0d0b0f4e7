package org.magg.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.magg.testing.SharedData;
import org.magg.testing.ZarrReaders;

/**
 * Writes v2 and v3 stores with this package and reads them back with independent readers:
 * zarrita.js (v2 and v3, through {@code tools/zarr-check/check.mjs}) and zarr-python plus xarray
 * (v2, through {@code tools/zarr-check/check_zarr_v2.py}). Values, shapes, data types, fill values,
 * attributes, dimension names and consolidated metadata are compared with what was written. A
 * missing reader skips the test locally and fails it under CI.
 */
class ZarrIndependentReadersTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path OUT = SharedData.projectDir().resolve("target/zarr-independent");
  private static final Map<String, Object> ROOT_ATTRS =
      Map.of(
          "title",
          "magg zarr check",
          "version",
          3,
          "nested",
          Map.of("list", List.of(1, 2, 3), "flag", true));
  private static final Map<String, Object> SUB_ATTRS = Map.of("description", "a subgroup");

  /** How the Java values of an array are handed to {@code writeChunk}. */
  enum JavaType {
    DOUBLE,
    FLOAT,
    LONG,
    INT,
    SHORT,
    BYTE
  }

  /** One array of the test stores; values are the logical array in C order. */
  record Spec(
      String name,
      DataType type,
      JavaType javaType,
      long[] shape,
      int[] chunks,
      Compressor compressor,
      Number fill,
      List<String> dims,
      Map<String, Object> attrs,
      long[] integerValues,
      double[] floatValues,
      Set<List<Long>> skippedChunks,
      int[] shardInner) {

    int size() {
      return (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /** The expected value of element i after reading (fill for skipped chunks). */
    Object expected(int i) {
      if (isInSkippedChunk(i)) {
        return type.isFloatingPoint() ? (Object) fill.doubleValue() : fillText();
      }
      if (type.isFloatingPoint()) {
        double v = floatValues[i];
        return type == DataType.FLOAT32 ? (double) (float) v : v;
      }
      long v = integerValues[i];
      return type == DataType.UINT64 ? Long.toUnsignedString(v) : Long.toString(v);
    }

    private String fillText() {
      long v = fill.longValue();
      return type == DataType.UINT64 ? Long.toUnsignedString(v) : Long.toString(v);
    }

    private boolean isInSkippedChunk(int flat) {
      long[] idx = unflatten(flat, shape);
      List<Long> chunk = new ArrayList<>();
      for (int d = 0; d < shape.length; d++) {
        chunk.add(idx[d] / chunks[d]);
      }
      return skippedChunks.contains(chunk);
    }
  }

  private static long[] unflatten(long flat, long[] shape) {
    long[] idx = new long[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      idx[d] = flat % shape[d];
      flat /= shape[d];
    }
    return idx;
  }

  private static final long TWO_63_PLUS_5 = Long.MIN_VALUE + 5; // 2^63 + 5 as raw bits

  private static List<Spec> specs(ZarrFormat format) {
    List<Spec> specs = new ArrayList<>();
    double[] temperature = new double[5 * 7];
    for (int i = 0; i < temperature.length; i++) {
      temperature[i] = 250 + i * 0.5;
    }
    temperature[3] = Double.NaN;
    temperature[10] = -0.125;
    specs.add(
        new Spec(
            "temperature",
            DataType.FLOAT32,
            JavaType.DOUBLE,
            new long[] {5, 7},
            new int[] {2, 3},
            Compressor.gzip(5),
            Double.NaN,
            List.of("lat", "lon"),
            Map.of("units", "K", "long_name", "air temperature"),
            null,
            temperature,
            Set.of(List.of(2L, 2L), List.of(1L, 0L)),
            null));
    specs.add(
        new Spec(
            "counts_u64",
            DataType.UINT64,
            JavaType.LONG,
            new long[] {6},
            new int[] {4},
            Compressor.zstd(3),
            0L,
            List.of("x"),
            Map.of(),
            new long[] {0, 1, Long.MAX_VALUE, TWO_63_PLUS_5, -1L /* 2^64-1 */, 12345},
            null,
            Set.of(),
            null));
    specs.add(
        new Spec(
            "offsets_i64",
            DataType.INT64,
            JavaType.LONG,
            new long[] {3, 7},
            new int[] {2, 4},
            Compressor.zstd(1, true),
            -1L,
            List.of("time", "lon"),
            Map.of("units", "s"),
            new long[] {
              Long.MIN_VALUE,
              -1,
              -123456789012L,
              0,
              1,
              Long.MAX_VALUE,
              -42,
              -7,
              -6,
              -5,
              -4,
              -3,
              -2,
              -1,
              10,
              20,
              30,
              40,
              50,
              60,
              -9_000_000_000_000_000_000L
            },
            null,
            Set.of(),
            null));
    specs.add(
        new Spec(
            "mask",
            DataType.BOOL,
            JavaType.BYTE,
            new long[] {5, 7},
            new int[] {5, 7},
            Compressor.none(),
            0L,
            List.of("lat", "lon"),
            Map.of(),
            Stream.iterate(0L, i -> i + 1).limit(35).mapToLong(i -> (i % 3 == 0) ? 1 : 0).toArray(),
            null,
            Set.of(),
            null));
    specs.add(
        new Spec(
            "band_i8",
            DataType.INT8,
            JavaType.BYTE,
            new long[] {4},
            new int[] {3},
            Compressor.gzip(1),
            0L,
            List.of("band"),
            Map.of(),
            new long[] {-128, -1, 0, 127},
            null,
            Set.of(),
            null));
    specs.add(
        new Spec(
            "band_u8",
            DataType.UINT8,
            JavaType.BYTE,
            new long[] {4},
            new int[] {4},
            Compressor.none(),
            255L,
            List.of("band"),
            Map.of(),
            new long[] {0, 1, 200, 255},
            null,
            Set.of(),
            null));
    specs.add(
        new Spec(
            "band_i16",
            DataType.INT16,
            JavaType.SHORT,
            new long[] {4},
            new int[] {2},
            Compressor.zstd(0),
            0L,
            List.of("band"),
            Map.of(),
            new long[] {-32768, -2, 2, 32767},
            null,
            Set.of(),
            null));
    specs.add(
        new Spec(
            "band_u16",
            DataType.UINT16,
            JavaType.INT,
            new long[] {4},
            new int[] {4},
            Compressor.none(),
            0L,
            List.of("band"),
            Map.of(),
            new long[] {0, 1, 40000, 65535},
            null,
            Set.of(),
            null));
    specs.add(
        new Spec(
            "band_i32",
            DataType.INT32,
            JavaType.INT,
            new long[] {4},
            new int[] {4},
            Compressor.gzip(9),
            0L,
            List.of("band"),
            Map.of(),
            new long[] {Integer.MIN_VALUE, -1, 1, Integer.MAX_VALUE},
            null,
            Set.of(),
            null));
    specs.add(
        new Spec(
            "band_u32",
            DataType.UINT32,
            JavaType.LONG,
            new long[] {4},
            new int[] {4},
            Compressor.none(),
            0L,
            List.of("band"),
            Map.of(),
            new long[] {0, 1, 3_000_000_000L, 4_294_967_295L},
            null,
            Set.of(),
            null));
    specs.add(
        new Spec(
            "lon",
            DataType.FLOAT64,
            JavaType.DOUBLE,
            new long[] {7},
            new int[] {7},
            Compressor.zstd(5),
            -9999.0,
            List.of("lon"),
            Map.of("units", "degrees_east"),
            null,
            new double[] {
              -180, -120.5, 1e-300, 0.1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 179.75
            },
            Set.of(),
            null));
    specs.add(
        new Spec(
            "sub/level",
            DataType.INT32,
            JavaType.INT,
            new long[] {3},
            new int[] {2},
            Compressor.gzip(5),
            0L,
            List.of("level"),
            Map.of("positive", "down"),
            new long[] {1000, 850, 500},
            null,
            Set.of(),
            null));
    if (format == ZarrFormat.V3) {
      long[] sharded = new long[8 * 8];
      for (int i = 0; i < sharded.length; i++) {
        // leave inner chunk rows 0-1 / cols 0-1 of the first shard as fill
        long[] idx = unflatten(i, new long[] {8, 8});
        sharded[i] = (idx[0] < 2 && idx[1] < 2) ? 0 : 100 * idx[0] + idx[1] - 50;
      }
      specs.add(
          new Spec(
              "sharded",
              DataType.INT32,
              JavaType.INT,
              new long[] {8, 8},
              new int[] {4, 4},
              Compressor.zstd(3),
              0L,
              List.of("row", "col"),
              Map.of(),
              sharded,
              null,
              Set.of(List.of(1L, 0L)),
              new int[] {2, 2}));
    }
    return specs;
  }

  private static Path v2Store;
  private static Path v3Store;

  @BeforeAll
  static void writeStores() throws IOException {
    deleteRecursively(OUT);
    v2Store = OUT.resolve("v2.zarr");
    v3Store = OUT.resolve("v3.zarr");
    writeStore(v2Store, ZarrFormat.V2);
    writeStore(v3Store, ZarrFormat.V3);
  }

  private static void writeStore(Path dir, ZarrFormat format) throws IOException {
    ZarrStore store = ZarrStores.open(dir.toUri().toString());
    ZarrGroup root = ZarrGroup.create(store, "", format, ROOT_ATTRS);
    root.createGroup("sub", SUB_ATTRS);
    for (Spec spec : specs(format)) {
      ArrayMetadata.Builder builder =
          ArrayMetadata.builder()
              .withFormat(format)
              .withShape(spec.shape())
              .withChunkShape(spec.chunks())
              .withDataType(spec.type())
              .withCompressor(spec.compressor())
              .withDimensionNames(spec.dims())
              .withAttributes(spec.attrs());
      if (spec.fill() instanceof Double) {
        builder.withFillValue(spec.fill().doubleValue());
      } else {
        builder.withFillValue(spec.fill().longValue());
      }
      if (spec.shardInner() != null) {
        builder.withSharding(spec.shardInner());
      }
      ZarrArray array = root.createArray(spec.name(), builder.build());
      writeChunks(array, spec);
    }
    ZarrStores.consolidate(store, format);
  }

  /** Writes every chunk not in the skip set, passing only the part inside the array. */
  private static void writeChunks(ZarrArray array, Spec spec) throws IOException {
    long[] grid = array.metadata().chunkGridShape();
    long chunkCount = Arrays.stream(grid).reduce(1, (a, b) -> a * b);
    for (long c = 0; c < chunkCount; c++) {
      long[] coords = unflatten(c, grid);
      List<Long> key = new ArrayList<>();
      for (long x : coords) {
        key.add(x);
      }
      if (spec.skippedChunks().contains(key)) {
        continue;
      }
      long[] extent = new long[coords.length];
      for (int d = 0; d < coords.length; d++) {
        extent[d] = Math.min(spec.chunks()[d], spec.shape()[d] - coords[d] * spec.chunks()[d]);
      }
      int n = (int) Arrays.stream(extent).reduce(1, (a, b) -> a * b);
      int[] source = new int[n];
      for (int i = 0; i < n; i++) {
        long[] local = unflatten(i, extent);
        long flat = 0;
        for (int d = 0; d < coords.length; d++) {
          flat = flat * spec.shape()[d] + coords[d] * spec.chunks()[d] + local[d];
        }
        source[i] = (int) flat;
      }
      switch (spec.javaType()) {
        case DOUBLE:
          array.writeChunk(
              coords, Arrays.stream(source).mapToDouble(i -> spec.floatValues()[i]).toArray());
          break;
        case FLOAT:
          float[] f = new float[n];
          for (int i = 0; i < n; i++) {
            f[i] = (float) spec.floatValues()[source[i]];
          }
          array.writeChunk(coords, f);
          break;
        case LONG:
          array.writeChunk(
              coords, Arrays.stream(source).mapToLong(i -> spec.integerValues()[i]).toArray());
          break;
        case INT:
          array.writeChunk(
              coords, Arrays.stream(source).map(i -> (int) spec.integerValues()[i]).toArray());
          break;
        case SHORT:
          short[] s = new short[n];
          for (int i = 0; i < n; i++) {
            s[i] = (short) spec.integerValues()[source[i]];
          }
          array.writeChunk(coords, s);
          break;
        case BYTE:
          byte[] b = new byte[n];
          for (int i = 0; i < n; i++) {
            b[i] = (byte) spec.integerValues()[source[i]];
          }
          array.writeChunk(coords, b);
          break;
        default:
          throw new AssertionError(spec.javaType());
      }
    }
  }

  // ------------------------------------------------------------------ readers

  private static JsonNode zarrita(Path store, ZarrFormat format)
      throws IOException, InterruptedException {
    List<String> arrays = new ArrayList<>();
    for (Spec s : specs(format)) {
      arrays.add(s.name());
    }
    return ZarrReaders.zarrita(
        store, format == ZarrFormat.V2 ? "v2" : "v3", List.of("", "sub"), arrays);
  }

  @Test
  void zarritaReadsV2() throws Exception {
    JsonNode out = zarrita(v2Store, ZarrFormat.V2);
    checkZarritaOutput(out, ZarrFormat.V2);
  }

  @Test
  void zarritaReadsV3() throws Exception {
    JsonNode out = zarrita(v3Store, ZarrFormat.V3);
    checkZarritaOutput(out, ZarrFormat.V3);
  }

  private static void checkZarritaOutput(JsonNode out, ZarrFormat format) {
    // consolidated metadata lists every node
    List<String> contents = new ArrayList<>();
    out.get("contents")
        .forEach(n -> contents.add(n.get("path").asText() + ":" + n.get("kind").asText()));
    for (Spec s : specs(format)) {
      assertTrue(
          contents.contains("/" + s.name() + ":array"),
          "consolidated contents " + contents + " lack " + s.name());
    }
    assertTrue(contents.contains("/sub:group"), "consolidated contents lack /sub: " + contents);

    assertEquals(MAPPER.valueToTree(ROOT_ATTRS), out.at("/groups/").get("attrs"));
    assertEquals(MAPPER.valueToTree(SUB_ATTRS), out.at("/groups/sub/attrs"));
    for (Spec s : specs(format)) {
      JsonNode a = out.get("arrays").get(s.name());
      String what = "zarrita " + format + " " + s.name();
      assertEquals(toList(s.shape()), toLongList(a.get("shape")), what + " shape");
      assertEquals(s.type().v3Name(), a.get("dtype").asText(), what + " dtype");
      checkValues(s, a.get("values"), what);
      checkScalar(s, s.fill(), a.get("fill_value"), what + " fill_value");
      Map<String, Object> attrs = new LinkedHashMap<>(s.attrs());
      if (format == ZarrFormat.V2) {
        attrs.put("_ARRAY_DIMENSIONS", s.dims());
      } else {
        assertEquals(MAPPER.valueToTree(s.dims()), a.get("dimension_names"), what + " dims");
      }
      assertEquals(MAPPER.valueToTree(attrs), a.get("attrs"), what + " attrs");
    }
  }

  @Test
  void zarrPythonAndXarrayReadV2() throws Exception {
    List<String> arrays = new ArrayList<>();
    for (Spec s : specs(ZarrFormat.V2)) {
      arrays.add(s.name());
    }
    JsonNode out = ZarrReaders.zarrPython(v2Store, List.of("", "sub"), arrays, List.of("", "sub"));

    List<String> keys = new ArrayList<>();
    out.get("consolidated_keys").forEach(k -> keys.add(k.asText()));
    assertTrue(
        keys.containsAll(
            List.of(
                ".zgroup",
                ".zattrs",
                "sub/.zgroup",
                "sub/.zattrs",
                "temperature/.zarray",
                "temperature/.zattrs",
                "sub/level/.zarray")),
        keys.toString());
    assertEquals(MAPPER.valueToTree(ROOT_ATTRS), out.at("/groups/").get("attrs"));
    assertEquals(MAPPER.valueToTree(SUB_ATTRS), out.at("/groups/sub/attrs"));

    for (Spec s : specs(ZarrFormat.V2)) {
      JsonNode a = out.get("arrays").get(s.name());
      String what = "zarr-python " + s.name();
      assertEquals(toList(s.shape()), toLongList(a.get("shape")), what + " shape");
      assertEquals(toList(s.chunks()), toLongList(a.get("chunks")), what + " chunks");
      assertEquals(s.type().v2Name(), a.get("dtype").asText(), what + " dtype");
      checkScalar(s, s.fill(), a.get("fill_value"), what + " fill_value");
      checkValues(s, a.get("values"), what);
      String compressor = s.compressor().name();
      assertEquals(
          compressor.equals("none") ? null : compressor,
          a.get("compressor").isNull() ? null : a.get("compressor").get("id").asText(),
          what + " compressor");
    }

    // xarray: dimensions come from _ARRAY_DIMENSIONS, values are exact without CF decoding
    for (Spec s : specs(ZarrFormat.V2)) {
      String group = s.name().contains("/") ? s.name().substring(0, s.name().indexOf('/')) : "";
      String var = s.name().substring(s.name().lastIndexOf('/') + 1);
      JsonNode v = out.at("/xarray").get(group).get("variables").get(var);
      String what = "xarray " + s.name();
      assertEquals(MAPPER.valueToTree(s.dims()), v.get("dims"), what + " dims");
      assertEquals(s.type().v2Name(), v.get("dtype").asText(), what + " dtype");
      checkValues(s, v.get("values"), what);
      for (Map.Entry<String, Object> e : s.attrs().entrySet()) {
        assertEquals(e.getValue(), v.get("attrs").get(e.getKey()).asText(), what + " attrs");
      }
    }
    assertEquals(MAPPER.valueToTree(ROOT_ATTRS), out.at("/xarray").get("").get("attrs"));
    // with default decoding, the NaN fill of a float32 variable keeps it float32
    assertEquals(
        "<f4", out.at("/xarray").get("").at("/variables/temperature/decoded_dtype").asText());
  }

  // ------------------------------------------------------------------ comparisons

  private static void checkValues(Spec s, JsonNode values, String what) {
    assertEquals(s.size(), values.size(), what + " value count");
    for (int i = 0; i < s.size(); i++) {
      JsonNode node = values.get(i);
      Object expected = s.expected(i);
      String at = what + " element " + i;
      if (s.type() == DataType.BOOL) {
        assertEquals(!"0".equals(expected), node.asBoolean(), at);
      } else if (s.type().isFloatingPoint()) {
        assertEquals((Double) expected, ZarrReaders.number(node), 0.0, at);
      } else {
        assertEquals(expected, readInteger(node), at);
      }
    }
  }

  private static void checkScalar(Spec s, Number expected, JsonNode node, String what) {
    if (s.type() == DataType.BOOL) {
      assertEquals(expected.longValue() != 0, node.asBoolean(), what);
    } else if (s.type().isFloatingPoint()) {
      assertEquals(expected.doubleValue(), ZarrReaders.number(node), 0.0, what);
    } else {
      String text =
          s.type() == DataType.UINT64
              ? Long.toUnsignedString(expected.longValue())
              : Long.toString(expected.longValue());
      assertEquals(text, readInteger(node), what);
    }
  }

  private static String readInteger(JsonNode node) {
    if (node.isTextual()) {
      return new BigInteger(node.asText()).toString();
    }
    if (node.isBoolean()) {
      return node.asBoolean() ? "1" : "0";
    }
    return node.bigIntegerValue().toString();
  }

  private static List<Long> toList(long[] a) {
    return Arrays.stream(a).boxed().toList();
  }

  private static List<Long> toList(int[] a) {
    return Arrays.stream(a).mapToLong(x -> x).boxed().toList();
  }

  private static List<Long> toLongList(JsonNode node) {
    List<Long> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asLong()));
    return out;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
