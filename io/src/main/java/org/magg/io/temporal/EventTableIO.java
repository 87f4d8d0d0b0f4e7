package org.magg.io.temporal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;

/**
 * The sinks of a temporal pipeline. Each returns what it wrote ({@link WrittenFile}: location,
 * kind, rows, bytes); files are written atomically through {@link Storage} (local or {@code
 * s3://}).
 *
 * <ul>
 *   <li>{@link #write}: the event table once all rows are in (batch): {@code events.csv} always,
 *       and {@code events.nc} (NetCDF classic, CDF-2) or {@code events.zarr} (Zarr v2) beside it;
 *       one row per event (its latest pane) and one per catalog entry the catalog refused (an id
 *       given twice has two rows: the valid event's and the repeat's, {@code failed}), in the
 *       catalog's order.
 *   <li>{@link #writePanes}: in a streaming pipeline each pane of each event as its own small CSV
 *       under {@code panes/}, named by event and pane index, so a re-fired or retried pane
 *       overwrites itself.
 *   <li>{@link #writeFailures}: failures (files, timesteps) as {@code failures.csv}, written once
 *       every failure is in (batch; nothing when there is none), or each as its own {@code
 *       failures/<hash>.csv} (streaming).
 * </ul>
 */
public final class EventTableIO {
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

  /**
   * The whole table of events whose ids are only known when the pipeline runs (say, detected in
   * it), written once all rows are in, in the order {@code idOrder} gives their ids (batch).
   */
  public static <C extends Comparator<String> & java.io.Serializable> Write write(
      String location, List<String> metricNames, C idOrder, String format, S3Settings s3) {
    return new Write(location, metricNames, List.of(), format, s3).withIdOrder(idOrder);
  }

  /** Each pane's row as its own CSV file under {@code location/panes/} (streaming). */
  public static WritePanes writePanes(String location, List<String> metricNames, S3Settings s3) {
    return new WritePanes(location, metricNames, s3);
  }

  /**
   * Failures (files, timesteps) as {@code failures.csv}: one file in batch, written once every
   * failure is in; in streaming each failure as its own {@code failures/<hash>.csv}.
   */
  public static WriteFailures writeFailures(String location, boolean streaming, S3Settings s3) {
    return new WriteFailures(location, streaming, s3);
  }

  /** The batch sink of the table. */
  public static final class Write
      extends PTransform<PCollection<EventRow>, PCollection<WrittenFile>> {
    private final String location;
    private final List<String> metricNames;
    private final List<String> order;
    private final String format;
    private final S3Settings s3;
    private Comparator<String> idOrder;

    private Write withIdOrder(Comparator<String> order) {
      this.idOrder = order;
      return this;
    }

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
    public PCollection<WrittenFile> expand(PCollection<EventRow> rows) {
      return rows.apply("GlobalWindow", Window.<EventRow>into(new GlobalWindows()))
          .apply(
              "OneTable",
              WithKeys.<String, EventRow>of("table").withKeyType(TypeDescriptors.strings()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), EventRow.coder()))
          .apply(GroupByKey.create())
          .apply(
              "WriteTable",
              ParDo.of(
                  new WriteTableFn(location, metricNames, order, idOrder, format, Storage.of(s3))))
          .setCoder(WrittenFile.coder());
    }
  }

  /** The streaming sink of the table: one CSV per pane. */
  public static final class WritePanes
      extends PTransform<PCollection<EventRow>, PCollection<WrittenFile>> {
    private final String location;
    private final List<String> metricNames;
    private final S3Settings s3;

    private WritePanes(String location, List<String> metricNames, S3Settings s3) {
      this.location = location;
      this.metricNames = List.copyOf(metricNames);
      this.s3 = s3;
    }

    @Override
    public PCollection<WrittenFile> expand(PCollection<EventRow> rows) {
      return rows.apply(
              "WritePane", ParDo.of(new WritePaneFn(location, metricNames, Storage.of(s3))))
          .setCoder(WrittenFile.coder());
    }
  }

  /** The sink of the failures. */
  public static final class WriteFailures
      extends PTransform<PCollection<Failure>, PCollection<WrittenFile>> {
    private final String location;
    private final boolean streaming;
    private final S3Settings s3;

    private WriteFailures(String location, boolean streaming, S3Settings s3) {
      this.location = location;
      this.streaming = streaming;
      this.s3 = s3;
    }

    @Override
    public PCollection<WrittenFile> expand(PCollection<Failure> failures) {
      Storage storage = Storage.of(s3);
      if (streaming) {
        return failures
            .apply("WriteFailure", ParDo.of(new WriteFailureFn(location, storage)))
            .setCoder(WrittenFile.coder());
      }
      return failures
          .apply("FailuresGlobal", Window.<Failure>into(new GlobalWindows()))
          .apply(
              "OneList",
              WithKeys.<String, Failure>of("failures").withKeyType(TypeDescriptors.strings()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), Failure.coder()))
          .apply("GroupFailures", GroupByKey.create())
          .apply("WriteFailures", ParDo.of(new WriteFailuresFn(location, storage)))
          .setCoder(WrittenFile.coder());
    }
  }

  /** Writes {@code bytes} as {@code location/name} and says so. */
  private static WrittenFile put(
      Storage storage, String location, String name, String kind, long rows, byte[] bytes)
      throws IOException {
    String target = Storage.join(location, name);
    storage.write(target, bytes);
    return new WrittenFile(target, kind, rows, bytes.length);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The rows of the table: each event's latest pane, and each catalog entry the catalog refused as
   * its own row (never merged with the row of another entry of the same id), placed where {@code
   * order} lists them: an id's first place goes to the event that loaded with it, its other places
   * to its refused entries (ordered by reason, which names the entry). Ids {@code order} does not
   * list come last, by id.
   */
  static List<EventRow> inOrder(Iterable<EventRow> all, List<String> order) {
    Map<String, EventRow> latest = new LinkedHashMap<>();
    List<EventRow> refused = new ArrayList<>();
    for (EventRow r : all) {
      if (r.catalogEntry()) {
        refused.add(r);
        continue;
      }
      EventRow prev = latest.get(r.eventId());
      if (prev == null || r.paneIndex() > prev.paneIndex()) {
        latest.put(r.eventId(), r);
      }
    }
    Map<String, ArrayDeque<Integer>> places = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      places.computeIfAbsent(order.get(i), k -> new ArrayDeque<>()).add(i);
    }
    refused.sort(Comparator.comparing(EventRow::eventId).thenComparing(EventRow::reason));
    List<EventRow> rows = new ArrayList<>(latest.values());
    rows.addAll(refused);
    Map<EventRow, Integer> place = new IdentityHashMap<>();
    for (EventRow r : rows) {
      ArrayDeque<Integer> free = places.get(r.eventId());
      place.put(r, free == null || free.isEmpty() ? Integer.MAX_VALUE : free.poll());
    }
    rows.sort(
        Comparator.comparingInt((EventRow r) -> place.get(r)).thenComparing(EventRow::eventId));
    return rows;
  }

  /** Writes the table: the rows of {@link #inOrder}. */
  static final class WriteTableFn extends DoFn<KV<String, Iterable<EventRow>>, WrittenFile> {
    private final String location;
    private final List<String> metricNames;
    private final List<String> order;
    private final Comparator<String> idOrder;
    private final String format;
    private final Storage storage;

    WriteTableFn(
        String location,
        List<String> metricNames,
        List<String> order,
        Comparator<String> idOrder,
        String format,
        Storage storage) {
      this.location = location;
      this.metricNames = metricNames;
      this.order = order;
      this.idOrder = idOrder;
      this.format = format;
      this.storage = storage;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<EventRow>> table, OutputReceiver<WrittenFile> out)
        throws IOException {
      List<EventRow> rows = inOrder(table.getValue(), order);
      if (idOrder != null) {
        rows.sort(Comparator.comparing(EventRow::eventId, idOrder));
      }
      int n = rows.size();
      out.output(
          put(
              storage,
              location,
              "events.csv",
              WrittenFile.TABLE,
              n,
              utf8(EventTableCsv.table(metricNames, rows))));
      if (format.equals("netcdf")) {
        out.output(
            put(
                storage,
                location,
                "events.nc",
                WrittenFile.NETCDF,
                n,
                EventTableNetcdf.encode(metricNames, rows)));
      } else if (format.equals("zarr")) {
        String target = Storage.join(location, "events.zarr");
        long bytes = EventTableZarr.write(target, storage.s3Settings(), metricNames, rows);
        out.output(new WrittenFile(target, WrittenFile.ZARR, n, bytes));
      }
    }
  }

  /**
   * Writes one pane's row as {@code panes/<event>.pane-<index>.csv}; a catalog entry the catalog
   * refused as {@code panes/<event>.refused-<hash of reason>.csv}.
   */
  static final class WritePaneFn extends DoFn<EventRow, WrittenFile> {
    private final String location;
    private final List<String> metricNames;
    private final Storage storage;

    WritePaneFn(String location, List<String> metricNames, Storage storage) {
      this.location = location;
      this.metricNames = metricNames;
      this.storage = storage;
    }

    @ProcessElement
    public void process(@Element EventRow row, OutputReceiver<WrittenFile> out) throws IOException {
      String safe = row.eventId().replaceAll("[^A-Za-z0-9._-]", "_");
      // a refused catalog entry is named by its reason (which names the entry), so it does not
      // overwrite the pane of a valid event with the same id
      String name =
          row.catalogEntry()
              ? "panes/"
                  + safe
                  + ".refused-"
                  + Integer.toHexString(row.reason().hashCode())
                  + ".csv"
              : "panes/" + safe + ".pane-" + row.paneIndex() + ".csv";
      byte[] bytes = utf8(EventTableCsv.table(metricNames, List.of(row)));
      out.output(put(storage, location, name, WrittenFile.PANE, 1, bytes));
    }
  }

  /** Writes all failures, sorted by subject and reason, as {@code failures.csv}. */
  static final class WriteFailuresFn extends DoFn<KV<String, Iterable<Failure>>, WrittenFile> {
    private final String location;
    private final Storage storage;

    WriteFailuresFn(String location, Storage storage) {
      this.location = location;
      this.storage = storage;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Failure>> all, OutputReceiver<WrittenFile> out)
        throws IOException {
      List<Failure> list = new ArrayList<>();
      all.getValue().forEach(list::add);
      list.sort(Comparator.comparing(Failure::subject).thenComparing(Failure::reason));
      byte[] bytes = utf8(EventTableCsv.failures(list));
      out.output(put(storage, location, "failures.csv", WrittenFile.FAILURES, list.size(), bytes));
    }
  }

  /** Writes one failure as {@code failures/<hash of subject and reason>.csv}. */
  static final class WriteFailureFn extends DoFn<Failure, WrittenFile> {
    private final String location;
    private final Storage storage;

    WriteFailureFn(String location, Storage storage) {
      this.location = location;
      this.storage = storage;
    }

    @ProcessElement
    public void process(@Element Failure f, OutputReceiver<WrittenFile> out) throws IOException {
      String name =
          "failures/" + Integer.toHexString((f.subject() + f.reason()).hashCode()) + ".csv";
      byte[] bytes = utf8(EventTableCsv.failures(List.of(f)));
      out.output(put(storage, location, name, WrittenFile.FAILURES, 1, bytes));
    }
  }
}
