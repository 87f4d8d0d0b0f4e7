package org.magg.io.temporal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.magg.core.Failure;
import org.magg.core.csv.CsvWriter;
import org.magg.io.netcdf.NetcdfClassicWriter;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.io.s3.S3Settings;
import org.magg.io.zarr.ArrayMetadata;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrFormat;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStore;
import org.magg.io.zarr.ZarrStores;

/**
 * Writes the event table of a temporal pipeline: {@code events.csv} always, and {@code events.nc}
 * (NetCDF classic, CDF-2) or {@code events.zarr} (Zarr v2) beside it; one row per event in the
 * catalog's order. In a streaming pipeline each pane of each event is written as its own small CSV
 * under {@code panes/} ({@link #writePanes}), named by event and pane index, so a re-fired or
 * retried pane overwrites itself.
 */
public final class EventTableIO {
  /** The CSV columns before the metrics. */
  static final List<String> LEAD = List.of("event_id", "status", "start", "end");

  /** The CSV columns after the metrics. */
  static final List<String> TAIL = List.of("timesteps", "bytes_read", "pane", "reason");

  private EventTableIO() {}

  /**
   * The whole table, written once all rows are in (batch).
   *
   * @param location output directory (local or {@code s3://})
   * @param metricNames metric names in config order
   * @param order event ids in catalog order
   * @param format {@code netcdf}, {@code zarr} or {@code csv} (CSV only)
   */
  public static Write write(
      String location, List<String> metricNames, List<String> order, String format, S3Settings s3) {
    return new Write(location, metricNames, order, format, s3);
  }

  /** Each pane's row as its own CSV file under {@code location/panes/} (streaming). */
  public static WritePanes writePanes(String location, List<String> metricNames, S3Settings s3) {
    return new WritePanes(location, metricNames, s3);
  }

  /**
   * Failures (files, timesteps) as {@code failures.csv}: one file in batch, written once every
   * failure is in; in streaming each failure as its own {@code failures/<hash>.csv}.
   */
  public static PTransform<PCollection<Failure>, PCollection<String>> writeFailures(
      String location, boolean streaming, S3Settings s3) {
    return new PTransform<>() {
      @Override
      public PCollection<String> expand(PCollection<Failure> failures) {
        if (streaming) {
          return failures
              .apply(
                  "WriteFailure",
                  ParDo.of(
                      new DoFn<Failure, String>() {
                        @ProcessElement
                        public void process(@Element Failure f, OutputReceiver<String> out)
                            throws IOException {
                          String name =
                              "failures/"
                                  + Integer.toHexString((f.subject() + f.reason()).hashCode())
                                  + ".csv";
                          out.output(
                              put(
                                  location,
                                  name,
                                  failuresCsv(List.of(f)).getBytes(StandardCharsets.UTF_8),
                                  s3));
                        }
                      }))
              .setCoder(StringUtf8Coder.of());
        }
        return failures
            .apply("FailuresGlobal", Window.<Failure>into(new GlobalWindows()))
            .apply(
                "OneList",
                WithKeys.<String, Failure>of("failures").withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), Failure.coder()))
            .apply("GroupFailures", GroupByKey.create())
            .apply(
                "WriteFailures",
                ParDo.of(
                    new DoFn<KV<String, Iterable<Failure>>, String>() {
                      @ProcessElement
                      public void process(
                          @Element KV<String, Iterable<Failure>> all, OutputReceiver<String> out)
                          throws IOException {
                        List<Failure> list = new ArrayList<>();
                        all.getValue().forEach(list::add);
                        list.sort(
                            Comparator.comparing(Failure::subject).thenComparing(Failure::reason));
                        out.output(
                            put(
                                location,
                                "failures.csv",
                                failuresCsv(list).getBytes(StandardCharsets.UTF_8),
                                s3));
                      }
                    }))
            .setCoder(StringUtf8Coder.of());
      }
    };
  }

  /** Failures as CSV: {@code stage,subject,reason}. */
  public static String failuresCsv(List<Failure> failures) {
    CsvWriter csv = CsvWriter.withLf().row("stage", "subject", "reason");
    for (Failure f : failures) {
      csv.row(f.stage(), f.subject(), f.reason());
    }
    return csv.text();
  }

  /** Writes {@code bytes} to {@code location/name} (local: atomically by a rename). */
  static String put(String location, String name, byte[] bytes, S3Settings s3) throws IOException {
    String target = join(location, name);
    if (S3Location.isS3(target)) {
      S3Objects.of(s3).write(S3Location.parse(target), bytes);
    } else {
      Path p = Path.of(target);
      Files.createDirectories(p.toAbsolutePath().getParent());
      Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
      Files.write(tmp, bytes);
      Files.move(
          tmp,
          p,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return target;
  }

  /** The table's CSV text. */
  public static String csv(List<String> metricNames, List<EventRow> rows) {
    List<String> header = new ArrayList<>(LEAD);
    header.addAll(metricNames);
    header.addAll(TAIL);
    CsvWriter csv = CsvWriter.withLf().row(header);
    for (EventRow r : rows) {
      List<String> cells = new ArrayList<>();
      cells.add(r.eventId());
      cells.add(r.status());
      cells.add(time(r.startMillis()));
      cells.add(time(r.endMillis()));
      for (double v : r.metrics()) {
        cells.add(Double.isNaN(v) ? "" : Double.toString(v));
      }
      cells.add(Integer.toString(r.timesteps()));
      cells.add(Long.toString(r.bytesRead()));
      cells.add(r.pane());
      cells.add(r.reason());
      csv.row(cells);
    }
    return csv.text();
  }

  private static String time(long millis) {
    return millis == EventRow.UNKNOWN_TIME ? "" : Instant.ofEpochMilli(millis).toString();
  }

  private static double seconds(long millis) {
    return millis == EventRow.UNKNOWN_TIME ? Double.NaN : millis / 1000.0;
  }

  /** What was written. */
  public record Written(List<String> files, int rows) implements java.io.Serializable {}

  /** The batch sink. */
  public static final class Write extends PTransform<PCollection<EventRow>, PCollection<Written>> {
    private final String location;
    private final List<String> metricNames;
    private final List<String> order;
    private final String format;
    private final S3Settings s3;

    private Write(
        String location,
        List<String> metricNames,
        List<String> order,
        String format,
        S3Settings s3) {
      this.location = location;
      this.metricNames = List.copyOf(metricNames);
      this.order = List.copyOf(order);
      this.format = format.toLowerCase(Locale.ROOT);
      this.s3 = s3;
      if (!List.of("netcdf", "zarr", "csv").contains(this.format)) {
        throw new IllegalArgumentException(
            "table format '" + format + "' is not one of netcdf, zarr, csv");
      }
    }

    @Override
    public PCollection<Written> expand(PCollection<EventRow> rows) {
      return rows.apply("GlobalWindow", Window.<EventRow>into(new GlobalWindows()))
          .apply(
              "OneTable",
              WithKeys.<String, EventRow>of("table").withKeyType(TypeDescriptors.strings()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), EventRow.coder()))
          .apply(GroupByKey.create())
          .apply(
              "WriteTable", ParDo.of(new WriteTableFn(location, metricNames, order, format, s3)));
    }
  }

  static final class WriteTableFn extends DoFn<KV<String, Iterable<EventRow>>, Written> {
    private final String location;
    private final List<String> metricNames;
    private final List<String> order;
    private final String format;
    private final S3Settings s3;

    WriteTableFn(
        String location,
        List<String> metricNames,
        List<String> order,
        String format,
        S3Settings s3) {
      this.location = location;
      this.metricNames = metricNames;
      this.order = order;
      this.format = format;
      this.s3 = s3;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<EventRow>> table, OutputReceiver<Written> out)
        throws IOException {
      Map<String, EventRow> latest = new LinkedHashMap<>();
      for (EventRow r : table.getValue()) {
        EventRow prev = latest.get(r.eventId());
        if (prev == null || r.paneIndex() > prev.paneIndex()) {
          latest.put(r.eventId(), r);
        }
      }
      Map<String, Integer> rank = new LinkedHashMap<>();
      for (int i = 0; i < order.size(); i++) {
        rank.put(order.get(i), i);
      }
      List<EventRow> rows = new ArrayList<>(latest.values());
      rows.sort(
          Comparator.comparingInt((EventRow r) -> rank.getOrDefault(r.eventId(), Integer.MAX_VALUE))
              .thenComparing(EventRow::eventId));
      List<String> files = new ArrayList<>();
      files.add(put("events.csv", csv(metricNames, rows).getBytes(StandardCharsets.UTF_8)));
      if (format.equals("netcdf")) {
        files.add(put("events.nc", netcdf(rows)));
      } else if (format.equals("zarr")) {
        files.add(zarr(rows));
      }
      out.output(new Written(files, rows.size()));
    }

    private String put(String name, byte[] bytes) throws IOException {
      return EventTableIO.put(location, name, bytes, s3);
    }

    private byte[] netcdf(List<EventRow> rows) throws IOException {
      int width = 1;
      for (EventRow r : rows) {
        width = Math.max(width, r.eventId().getBytes(StandardCharsets.UTF_8).length);
      }
      int reasonWidth = 1;
      for (EventRow r : rows) {
        reasonWidth = Math.max(reasonWidth, r.reason().getBytes(StandardCharsets.UTF_8).length);
      }
      NetcdfClassicWriter w = new NetcdfClassicWriter();
      w.dimension("event", rows.size())
          .dimension("event_id_len", width)
          .dimension("status_len", 10)
          .dimension("reason_len", reasonWidth);
      w.attribute("title", "magg-beam temporal aggregation: one row per event");
      w.attribute("Conventions", "CF-1.8");
      List<String> event = List.of("event");
      w.textVariable(
              "event_id",
              List.of("event", "event_id_len"),
              rows.stream().map(EventRow::eventId).toList())
          .attribute("long_name", "event id");
      w.textVariable(
              "status",
              List.of("event", "status_len"),
              rows.stream().map(EventRow::status).toList())
          .attribute("long_name", "ok, incomplete or failed");
      w.doubleVariable("start", event, seconds(rows, true))
          .attribute("_FillValue", Double.NaN)
          .attribute("units", "seconds since 1970-01-01 00:00:00")
          .attribute("calendar", "proleptic_gregorian");
      w.doubleVariable("end", event, seconds(rows, false))
          .attribute("_FillValue", Double.NaN)
          .attribute("units", "seconds since 1970-01-01 00:00:00")
          .attribute("calendar", "proleptic_gregorian");
      for (int m = 0; m < metricNames.size(); m++) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = rows.get(i).metrics()[m];
        }
        w.doubleVariable(metricNames.get(m), event, v).attribute("_FillValue", Double.NaN);
      }
      w.intVariable("timesteps", event, rows.stream().mapToInt(EventRow::timesteps).toArray())
          .attribute("long_name", "distinct field timesteps processed");
      w.doubleVariable(
              "bytes_read", event, rows.stream().mapToDouble(r -> (double) r.bytesRead()).toArray())
          .attribute("units", "bytes");
      w.textVariable(
          "reason", List.of("event", "reason_len"), rows.stream().map(EventRow::reason).toList());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      w.write(out);
      return out.toByteArray();
    }

    private static double[] seconds(List<EventRow> rows, boolean start) {
      double[] out = new double[rows.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = EventTableIO.seconds(start ? rows.get(i).startMillis() : rows.get(i).endMillis());
      }
      return out;
    }

    /** Zarr v2: numeric columns over {@code event}; ids as UTF-8 bytes and a group attribute. */
    private String zarr(List<EventRow> rows) throws IOException {
      String target = join(location, "events.zarr");
      ZarrStore store = ZarrStores.open(target, s3);
      List<String> ids = rows.stream().map(EventRow::eventId).toList();
      ZarrGroup group =
          ZarrGroup.create(
              store,
              "",
              ZarrFormat.V2,
              Map.of(
                  "title",
                  "magg-beam temporal aggregation: one row per event",
                  "event_ids",
                  ids,
                  "statuses",
                  rows.stream().map(EventRow::status).toList(),
                  "reasons",
                  rows.stream().map(EventRow::reason).toList()));
      int n = Math.max(rows.size(), 1);
      for (int m = 0; m < metricNames.size(); m++) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, Double.NaN);
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
        start[i] = EventTableIO.seconds(rows.get(i).startMillis());
        end[i] = EventTableIO.seconds(rows.get(i).endMillis());
      }
      column(group, "timesteps", DataType.INT32, rows.size()).writeChunk(new long[] {0}, ts);
      column(group, "bytes_read", DataType.INT64, rows.size()).writeChunk(new long[] {0}, bytes);
      column(group, "start", DataType.FLOAT64, rows.size(), "seconds since 1970-01-01")
          .writeChunk(new long[] {0}, start);
      column(group, "end", DataType.FLOAT64, rows.size(), "seconds since 1970-01-01")
          .writeChunk(new long[] {0}, end);
      ZarrStores.consolidate(store, ZarrFormat.V2);
      return target;
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
  }

  /** {@code dir/name} for a local directory or an {@code s3://} prefix. */
  public static String join(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  /** The streaming sink: one CSV per pane. */
  public static final class WritePanes
      extends PTransform<PCollection<EventRow>, PCollection<String>> {
    private final String location;
    private final List<String> metricNames;
    private final S3Settings s3;

    private WritePanes(String location, List<String> metricNames, S3Settings s3) {
      this.location = location;
      this.metricNames = List.copyOf(metricNames);
      this.s3 = s3;
    }

    @Override
    public PCollection<String> expand(PCollection<EventRow> rows) {
      return rows.apply("WritePane", ParDo.of(new WritePaneFn(location, metricNames, s3)))
          .setCoder(StringUtf8Coder.of());
    }
  }

  static final class WritePaneFn extends DoFn<EventRow, String> {
    private final String location;
    private final List<String> metricNames;
    private final S3Settings s3;

    WritePaneFn(String location, List<String> metricNames, S3Settings s3) {
      this.location = location;
      this.metricNames = metricNames;
      this.s3 = s3;
    }

    @ProcessElement
    public void process(@Element EventRow row, OutputReceiver<String> out) throws IOException {
      String safe = row.eventId().replaceAll("[^A-Za-z0-9._-]", "_");
      String name = "panes/" + safe + ".pane-" + row.paneIndex() + ".csv";
      byte[] bytes = csv(metricNames, List.of(row)).getBytes(StandardCharsets.UTF_8);
      String target = put(location, name, bytes, s3);
      out.output(target);
    }
  }
}
