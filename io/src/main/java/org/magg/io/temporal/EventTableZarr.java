package org.magg.io.temporal;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.magg.io.s3.S3Settings;
import org.magg.io.zarr.ArrayMetadata;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrFormat;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStore;
import org.magg.io.zarr.ZarrStores;

/**
 * The Zarr v2 encoding of the event table: the numeric columns as arrays over {@code event} (one
 * chunk each), the ids, statuses and reasons as group attributes, metadata consolidated.
 */
final class EventTableZarr {
  private EventTableZarr() {}

  /**
   * Writes the store at {@code location} (local or {@code s3://}).
   *
   * @return the bytes of the store's objects
   */
  static long write(String location, S3Settings s3, List<String> metricNames, List<EventRow> rows)
      throws IOException {
    SizedStore store = new SizedStore(ZarrStores.open(location, s3));
    ZarrGroup group =
        ZarrGroup.create(
            store,
            "",
            ZarrFormat.V2,
            Map.of(
                "title",
                "magg-beam temporal aggregation: one row per event",
                "event_ids",
                rows.stream().map(EventRow::eventId).toList(),
                "statuses",
                rows.stream().map(EventRow::status).toList(),
                "reasons",
                rows.stream().map(EventRow::reason).toList()));
    int n = Math.max(rows.size(), 1);
    for (int m = 0; m < metricNames.size(); m++) {
      double[] v = new double[n];
      Arrays.fill(v, Double.NaN);
      for (int i = 0; i < rows.size(); i++) {
        v[i] = rows.get(i).metrics()[m];
      }
      column(group, metricNames.get(m), DataType.FLOAT64, rows.size())
          .writeChunk(new long[] {0}, v);
    }
    int[] ts = new int[n];
    long[] bytes = new long[n];
    double[] start = new double[n];
    double[] end = new double[n];
    for (int i = 0; i < rows.size(); i++) {
      ts[i] = rows.get(i).timesteps();
      bytes[i] = rows.get(i).bytesRead();
      start[i] = rows.get(i).startSeconds();
      end[i] = rows.get(i).endSeconds();
    }
    column(group, "timesteps", DataType.INT32, rows.size()).writeChunk(new long[] {0}, ts);
    column(group, "bytes_read", DataType.INT64, rows.size()).writeChunk(new long[] {0}, bytes);
    column(group, "start", DataType.FLOAT64, rows.size(), "seconds since 1970-01-01")
        .writeChunk(new long[] {0}, start);
    column(group, "end", DataType.FLOAT64, rows.size(), "seconds since 1970-01-01")
        .writeChunk(new long[] {0}, end);
    ZarrStores.consolidate(store, ZarrFormat.V2);
    return store.bytes();
  }

  private static ZarrArray column(
      ZarrGroup g, String name, DataType type, int rows, String... units) throws IOException {
    ArrayMetadata.Builder b =
        ArrayMetadata.builder()
            .withFormat(ZarrFormat.V2)
            .withShape(rows)
            .withChunkShape(Math.max(rows, 1))
            .withDataType(type)
            .withDimensionNames("event");
    if (type == DataType.FLOAT64) {
      b.withFillValue(Double.NaN);
    } else {
      b.withFillValue(0L);
    }
    if (units.length > 0) {
      b.withAttribute("units", units[0]);
    }
    return g.createArray(name, b.build());
  }

  /** A store that remembers the size of each object put into it. */
  static final class SizedStore implements ZarrStore {
    private final ZarrStore store;
    private final Map<String, Integer> sizes = new TreeMap<>();

    SizedStore(ZarrStore store) {
      this.store = store;
    }

    long bytes() {
      return sizes.values().stream().mapToLong(Integer::longValue).sum();
    }

    @Override
    public byte[] get(String key) throws IOException {
      return store.get(key);
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
      store.put(key, value);
      sizes.put(key, value.length);
    }

    @Override
    public boolean exists(String key) throws IOException {
      return store.exists(key);
    }

    @Override
    public void delete(String key) throws IOException {
      store.delete(key);
      sizes.remove(key);
    }

    @Override
    public void deletePrefix(String prefix) throws IOException {
      store.deletePrefix(prefix);
      sizes.keySet().removeIf(k -> k.startsWith(prefix));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
      return store.list(prefix);
    }

    @Override
    public String location() {
      return store.location();
    }
  }
}
