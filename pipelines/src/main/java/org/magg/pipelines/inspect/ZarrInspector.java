package org.magg.pipelines.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.magg.core.Json;
import org.magg.core.RunResult;
import org.magg.io.storage.Storage;
import org.magg.io.zarr.ArrayMetadata;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.NdBuffer;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStore;
import org.magg.io.zarr.ZarrStores;

/**
 * Describes a Zarr store: every group (attributes, the xdggs {@code dggs} description) and every
 * array (shape, chunks, data type, codecs, fill value, dimensions, attributes, how many of its
 * chunks are written and the range of the values in them). Values are read one written chunk at a
 * time, the part of it inside the array only; chunks never written are not read.
 */
final class ZarrInspector {
  private final ZarrStore store;
  private final boolean ranges;
  private final ArrayNode groupsJson = Json.mapper().createArrayNode();
  private final ArrayNode arraysJson = Json.mapper().createArrayNode();
  private final StringBuilder text = new StringBuilder();
  private long chunksTotal;
  private long chunksWritten;

  private ZarrInspector(ZarrStore store, boolean ranges) {
    this.store = store;
    this.ranges = ranges;
  }

  static Inspection inspect(String location, Storage storage, boolean ranges) throws IOException {
    ZarrStore store = ZarrStores.open(location, storage.s3Settings());
    ZarrInspector z = new ZarrInspector(store, ranges);
    ObjectNode json = Inspection.start(OutputKind.ZARR, location);
    String body = z.describe(json);
    String head =
        "Zarr v"
            + json.get("zarr_format").asInt()
            + " store "
            + location
            + ": "
            + RunResult.count(z.groupsJson.size(), "group")
            + ", "
            + RunResult.count(z.arraysJson.size(), "array")
            + ", "
            + z.chunksWritten
            + " of "
            + z.chunksTotal
            + " chunks written\n";
    return new Inspection(OutputKind.ZARR, location, json, head + body);
  }

  /** Fills {@code json} with the store's groups and arrays; returns the text. */
  private String describe(ObjectNode json) throws IOException {
    if (rootIsArray()) {
      ZarrArray a = ZarrArray.open(store, "");
      json.put("zarr_format", a.metadata().format().number());
      Table t = header();
      array(a, "/", t);
      text.append(t.render("  "));
    } else {
      ZarrGroup root = ZarrGroup.open(store, "");
      json.put("zarr_format", root.format().number());
      group(root);
    }
    json.put("chunks_total", chunksTotal);
    json.put("chunks_written", chunksWritten);
    json.set("groups", groupsJson);
    json.set("arrays", arraysJson);
    return text.toString();
  }

  private boolean rootIsArray() throws IOException {
    byte[] v3 = store.get("zarr.json");
    if (v3 != null) {
      return "array".equals(Json.mapper().readTree(v3).path("node_type").asText());
    }
    return store.exists(".zarray");
  }

  private void group(ZarrGroup g) throws IOException {
    String display = "/" + g.path();
    Map<String, Object> attrs = g.attributes();
    ObjectNode gj = groupsJson.addObject();
    gj.put("path", display);
    gj.set("attributes", Json.mapper().valueToTree(attrs));
    text.append('\n').append(display).append(" (group)\n");
    Map<String, Object> dggs = dggs(attrs);
    if (dggs != null) {
      gj.set("dggs", Json.mapper().valueToTree(dggs));
      text.append("  dggs: ").append(describeDggs(dggs)).append('\n');
    }
    Map<String, Object> rest = new LinkedHashMap<>(attrs);
    rest.remove("dggs");
    if (!rest.isEmpty()) {
      text.append("  attributes:\n").append(Attributes.lines(rest, "    "));
    } else if (dggs == null) {
      text.append("  (no attributes)\n");
    }
    List<String> members = g.memberNames();
    Table arrays = header();
    StringBuilder arrayAttributes = new StringBuilder();
    for (String m : members) {
      if (g.isArray(m)) {
        ZarrArray a = g.openArray(m);
        array(a, m, arrays);
        Map<String, Object> aa = a.metadata().attributes();
        if (!aa.isEmpty()) {
          arrayAttributes.append("    ").append(m).append(": ").append(inline(aa)).append('\n');
        }
      }
    }
    if (arrays.rows() > 1) {
      text.append(arrays.render("  "));
    }
    if (arrayAttributes.length() > 0) {
      text.append("  array attributes:\n").append(arrayAttributes);
    }
    for (String m : members) {
      if (!g.isArray(m)) {
        group(g.openGroup(m));
      }
    }
  }

  private Table header() {
    return new Table()
        .row(
            "array", "shape", "chunks", "dims", "dtype", "codecs", "fill", "written", "min", "max",
            "NaN");
  }

  private void array(ZarrArray a, String name, Table rows) throws IOException {
    ArrayMetadata m = a.metadata();
    long[] grid = m.chunkGridShape();
    long total = 1;
    for (long g : grid) {
      total *= g;
    }
    String prefix = a.path().isEmpty() ? "" : a.path() + "/";
    Set<String> keys = new HashSet<>(store.list(prefix));
    DataType type = m.dataType();
    double fill = m.fillValueAsDouble();
    ValueRange range = new ValueRange(type.isInteger(), type.isFloatingPoint() ? Double.NaN : fill);
    long written = 0;
    long[] coords = new long[grid.length];
    for (long i = 0; i < total; i++) {
      if (keys.contains(a.chunkKey(coords))) {
        written++;
        if (ranges) {
          addChunk(a, m, coords, range);
        }
      }
      next(coords, grid);
    }
    chunksTotal += total;
    chunksWritten += written;

    ObjectNode j = arraysJson.addObject();
    j.put("path", "/" + a.path());
    j.set("shape", Json.mapper().valueToTree(m.shape()));
    j.set("chunks", Json.mapper().valueToTree(m.chunkShape()));
    j.set("chunk_grid", Json.mapper().valueToTree(grid));
    j.put("chunks_total", total);
    j.put("chunks_written", written);
    j.put("dtype", type.v3Name());
    j.set("codecs", Json.mapper().valueToTree(m.codecNames()));
    j.set("fill_value", Json.mapper().valueToTree(m.fillValue()));
    j.set("dimensions", Json.mapper().valueToTree(m.dimensionNames()));
    j.set("attributes", Json.mapper().valueToTree(m.attributes()));
    if (ranges) {
      j.set("range", range.toJson());
    }
    rows.row(
        name,
        dims(m.shape()),
        dims(m.chunkShape()),
        String.join(",", m.dimensionNames()),
        type.v3Name(),
        String.join(",", m.codecNames()),
        Double.isNaN(fill) ? "NaN" : range.format(fill),
        written + "/" + total,
        ranges ? range.format(range.min()) : "",
        ranges ? range.format(range.max()) : "",
        ranges ? Long.toString(range.nan()) : "");
  }

  /** Adds the values of one written chunk inside the array (edge chunks are cut to it). */
  private static void addChunk(ZarrArray a, ArrayMetadata m, long[] coords, ValueRange range)
      throws IOException {
    long[] shape = m.shape();
    int[] chunk = m.chunkShape();
    long[] offset = new long[shape.length];
    long[] extent = new long[shape.length];
    for (int d = 0; d < shape.length; d++) {
      offset[d] = coords[d] * chunk[d];
      extent[d] = Math.min(chunk[d], shape[d] - offset[d]);
    }
    NdBuffer b = a.read(offset, extent);
    boolean unsigned64 = m.dataType() == DataType.UINT64;
    for (int i = 0; i < b.size(); i++) {
      range.add(unsigned64 ? unsigned(b.getLong(i)) : b.getDouble(i));
    }
  }

  private static double unsigned(long v) {
    return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
  }

  /** The next chunk coordinates in C order. */
  private static void next(long[] coords, long[] grid) {
    for (int d = coords.length - 1; d >= 0; d--) {
      if (++coords[d] < grid[d]) {
        return;
      }
      coords[d] = 0;
    }
  }

  private static String dims(long[] shape) {
    return shape.length == 0
        ? "()"
        : Arrays.stream(shape).mapToObj(Long::toString).reduce((x, y) -> x + "x" + y).get();
  }

  private static String dims(int[] shape) {
    return dims(Arrays.stream(shape).asLongStream().toArray());
  }

  private static String inline(Map<String, Object> attrs) {
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, Object> e : attrs.entrySet()) {
      s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append('=');
      s.append(Attributes.value(e.getValue()));
    }
    return s.toString();
  }

  /** The xdggs description of a group: its {@code dggs} attribute, or null. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> dggs(Map<String, Object> attrs) {
    Object d = attrs.get("dggs");
    return d instanceof Map<?, ?> ? (Map<String, Object>) d : null;
  }

  private static String describeDggs(Map<String, Object> d) {
    StringBuilder s = new StringBuilder();
    s.append(d.getOrDefault("name", "?"));
    Object level = d.containsKey("refinement_level") ? d.get("refinement_level") : d.get("level");
    s.append(", refinement level ").append(level);
    s.append(", indexing ").append(d.getOrDefault("indexing_scheme", "?"));
    for (String k : new String[] {"spatial_dimension", "coordinate", "ellipsoid"}) {
      if (d.containsKey(k)) {
        s.append(", ").append(k.replace('_', ' ')).append(' ').append(d.get(k));
      }
    }
    return s.toString();
  }
}
