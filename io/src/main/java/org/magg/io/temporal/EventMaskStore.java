package org.magg.io.temporal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.magg.io.netcdf.NetcdfClassicWriter;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;
import org.magg.io.zarr.ArrayMetadata;
import org.magg.io.zarr.Compressor;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrFormat;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStores;

/**
 * The event masks of an event run as a {@code (time, lat, lon)} array of event numbers: at each
 * timestep each cell holds the 1-based number of the event covering it (the events in id order,
 * listed in the {@code event_ids} attribute), 0 where there is none. Beside it the coordinates
 * {@code time} (seconds since 1970-01-01 UTC), {@code lat} and {@code lon}. As Zarr v2 ({@link
 * #writeZarr}: one gzip-compressed chunk per timestep, written one timestep at a time, dimension
 * names for xarray, metadata consolidated) or NetCDF classic ({@link #writeNetcdf}: CDF-2, built in
 * memory, for modest runs).
 */
public final class EventMaskStore {
  /** The Zarr store's name under the output directory. */
  public static final String ZARR_NAME = "masks.zarr";

  /** The NetCDF file's name under the output directory. */
  public static final String NETCDF_NAME = "masks.nc";

  /** The array of event numbers. */
  public static final String VARIABLE = "event_number";

  private static final String TITLE =
      "magg-beam event masks: the number of the event covering each cell (0: none); event i is"
          + " event_ids[i - 1]";

  private EventMaskStore() {}

  /** The event numbers of every cell (row-major lat x lon) at timestep {@code t}. */
  @FunctionalInterface
  public interface Labels {
    int[] at(int t);
  }

  /**
   * Writes the Zarr store at {@code location} (local or {@code s3://}).
   *
   * @return the bytes of the store's objects
   */
  public static long writeZarr(
      String location,
      S3Settings s3,
      FieldGrid grid,
      Instant[] times,
      List<String> ids,
      Labels labels)
      throws IOException {
    EventTableZarr.SizedStore store = new EventTableZarr.SizedStore(ZarrStores.open(location, s3));
    ZarrGroup group =
        ZarrGroup.create(store, "", ZarrFormat.V2, Map.of("title", TITLE, "event_ids", ids));
    int nLat = grid.nLat();
    int nLon = grid.nLon();
    double[] seconds = new double[times.length];
    for (int t = 0; t < times.length; t++) {
      seconds[t] = times[t].toEpochMilli() / 1000.0;
    }
    axis(group, "time", seconds, "seconds since 1970-01-01 00:00:00");
    axis(group, "lat", grid.lat(), "degrees_north");
    axis(group, "lon", grid.lon(), "degrees_east");
    ZarrArray numbers =
        group.createArray(
            VARIABLE,
            ArrayMetadata.builder()
                .withFormat(ZarrFormat.V2)
                .withShape(times.length, nLat, nLon)
                .withChunkShape(1, nLat, nLon)
                .withDataType(DataType.INT32)
                .withFillValue(0L)
                .withCompressor(Compressor.gzip(1))
                .withDimensionNames("time", "lat", "lon")
                .withAttribute("long_name", "number of the event covering the cell (0: none)")
                .build());
    for (int t = 0; t < times.length; t++) {
      numbers.writeChunk(new long[] {t, 0, 0}, labels.at(t));
    }
    ZarrStores.consolidate(store, ZarrFormat.V2);
    return store.bytes();
  }

  private static void axis(ZarrGroup group, String name, double[] values, String units)
      throws IOException {
    group
        .createArray(
            name,
            ArrayMetadata.builder()
                .withFormat(ZarrFormat.V2)
                .withShape(values.length)
                .withChunkShape(Math.max(values.length, 1))
                .withDataType(DataType.FLOAT64)
                .withFillValue(Double.NaN)
                .withDimensionNames(name)
                .withAttribute("units", units)
                .build())
        .writeChunk(new long[] {0}, values.length == 0 ? new double[1] : values);
  }

  /**
   * Writes the NetCDF classic file at {@code location} (local or {@code s3://}).
   *
   * @return the file's bytes
   */
  public static long writeNetcdf(
      String location,
      S3Settings s3,
      FieldGrid grid,
      Instant[] times,
      List<String> ids,
      Labels labels)
      throws IOException {
    int cells = grid.cells();
    long total = (long) times.length * cells;
    if (total > Integer.MAX_VALUE / 4) {
      throw new IOException(
          "event masks of "
              + times.length
              + " timesteps x "
              + cells
              + " cells are too large for a NetCDF classic file built in memory; use output.masks:"
              + " zarr");
    }
    int[] all = new int[(int) total];
    for (int t = 0; t < times.length; t++) {
      System.arraycopy(labels.at(t), 0, all, t * cells, cells);
    }
    double[] seconds = new double[times.length];
    for (int t = 0; t < times.length; t++) {
      seconds[t] = times[t].toEpochMilli() / 1000.0;
    }
    int width = 1;
    for (String id : ids) {
      width = Math.max(width, id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
    NetcdfClassicWriter w = new NetcdfClassicWriter();
    w.dimension("time", times.length)
        .dimension("lat", grid.nLat())
        .dimension("lon", grid.nLon())
        .dimension("event", ids.size())
        .dimension("event_id_len", width);
    w.attribute("title", TITLE);
    w.attribute("Conventions", "CF-1.8");
    w.doubleVariable("time", List.of("time"), seconds)
        .attribute("units", "seconds since 1970-01-01 00:00:00")
        .attribute("calendar", "proleptic_gregorian");
    w.doubleVariable("lat", List.of("lat"), grid.lat()).attribute("units", "degrees_north");
    w.doubleVariable("lon", List.of("lon"), grid.lon()).attribute("units", "degrees_east");
    w.textVariable("event_id", List.of("event", "event_id_len"), ids)
        .attribute("long_name", "event id of event number i + 1");
    w.intVariable(VARIABLE, List.of("time", "lat", "lon"), all)
        .attribute("long_name", "number of the event covering the cell (0: none)");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    w.write(bytes);
    Storage.of(s3).write(location, bytes.toByteArray());
    return bytes.size();
  }
}
