package org.magg.pipelines.event;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.magg.core.csv.CsvWriter;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;
import org.magg.io.temporal.Event;
import org.magg.io.temporal.EventCatalogJson;
import org.magg.io.temporal.EventMaskStore;
import org.magg.io.temporal.FieldGrid;
import org.magg.io.temporal.WrittenFile;
import org.magg.transforms.event.LifecycleRow;
import org.magg.transforms.event.StepObjects;
import org.magg.transforms.event.TrackRow;
import org.magg.transforms.event.TrackStep;
import org.magg.transforms.event.TrackedEvent;

/**
 * Writes an event run's products once every event is in (at the end of a batch run, or when a
 * streaming run's input ends): {@code catalog.json} (the event-catalog JSON a temporal run's {@code
 * --events} reads), {@code lifecycle.csv} and {@code tracks.csv}, events in id order, and with
 * {@code output.masks} a {@code (time, lat, lon)} store of event numbers over every timestep
 * detected ({@link EventMaskStore}). Also reports what was detected ({@link Counts}). The files
 * depend only on the events and timesteps, so every runner, parallelism and arrival order writes
 * the same bytes.
 */
final class EventProducts {
  /** The files a run writes directly under the output directory. */
  static final List<String> FILES =
      List.of(
          "catalog.json",
          "lifecycle.csv",
          "tracks.csv",
          "failures.csv",
          EventMaskStore.NETCDF_NAME);

  /** The directories a run writes under the output directory. */
  static final List<String> DIRECTORIES = List.of(EventMaskStore.ZARR_NAME, EventPlan.METRICS_DIR);

  static final String CATALOG = "catalog";
  static final String LIFECYCLE = "lifecycle";
  static final String TRACKS = "tracks";
  static final String MASKS = "masks";

  static final TupleTag<WrittenFile> FILES_TAG = new TupleTag<>() {};
  static final TupleTag<Counts> COUNTS_TAG = new TupleTag<>() {};

  private EventProducts() {}

  /**
   * What was detected.
   *
   * @param timesteps timesteps whose objects were detected (a timestep given twice counts twice)
   * @param objects objects detected over them
   * @param events events kept
   */
  record Counts(long timesteps, long objects, long events) implements Serializable {}

  /**
   * Makes {@code location} ready for a run: refuses it when it holds files unless {@code
   * overwrite}, and then deletes what a run writes there (other files are left alone).
   */
  static void prepare(String location, boolean overwrite, Storage storage) throws IOException {
    List<String> existing = storage.listUnder(location);
    if (existing.isEmpty()) {
      return;
    }
    if (!overwrite) {
      throw new IllegalArgumentException(
          "output "
              + location
              + " already holds "
              + existing.size()
              + " file(s); pass --overwrite to replace the catalog, tables, masks, metrics and"
              + " failures a run writes, or choose another --output");
    }
    for (String name : FILES) {
      storage.delete(Storage.join(location, name));
    }
    for (String name : DIRECTORIES) {
      storage.deleteUnder(Storage.join(location, name));
    }
  }

  /** Writes the products of {@code events} detected over {@code steps}. */
  static PCollectionTuple write(
      PCollection<TrackedEvent> events, PCollection<StepObjects> steps, EventPlan plan) {
    TupleTag<TrackedEvent> eventTag = new TupleTag<>() {};
    TupleTag<KV<Long, Integer>> stepTag = new TupleTag<>() {};
    PCollection<KV<Integer, TrackedEvent>> keyedEvents =
        events
            .apply("EventsGlobal", atEnd())
            .apply("EventsOnOneKey", WithKeys.of(0))
            .setCoder(KvCoder.of(VarIntCoder.of(), TrackedEvent.coder()));
    PCollection<KV<Integer, KV<Long, Integer>>> keyedSteps =
        steps
            .apply("StepsGlobal", atEnd())
            .apply(
                "StepCounts",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.integers(),
                            TypeDescriptors.kvs(
                                TypeDescriptors.longs(), TypeDescriptors.integers())))
                    .via(
                        (StepObjects s) ->
                            KV.of(0, KV.of(s.time().toEpochMilli(), s.objects().size()))))
            .setCoder(
                KvCoder.of(VarIntCoder.of(), KvCoder.of(VarLongCoder.of(), VarIntCoder.of())));
    Settings settings =
        new Settings(
            plan.output(),
            plan.grid().grid(),
            plan.config().output().masks(),
            new LinkedHashMap<>(metadata(plan)),
            plan.s3());
    PCollectionTuple out =
        KeyedPCollectionTuple.of(eventTag, keyedEvents)
            .and(stepTag, keyedSteps)
            .apply("AllEventsAndTimesteps", CoGroupByKey.create())
            .apply(
                "WriteProducts",
                ParDo.of(new WriteFn(settings, eventTag, stepTag))
                    .withOutputTags(FILES_TAG, TupleTagList.of(COUNTS_TAG)));
    out.get(FILES_TAG).setCoder(WrittenFile.coder());
    out.get(COUNTS_TAG).setCoder(SerializableCoder.of(Counts.class));
    return out;
  }

  /** Where and how the products are written. */
  record Settings(
      String output, FieldGrid grid, String masks, Map<String, Object> metadata, S3Settings s3)
      implements Serializable {}

  /**
   * The global window, fired once when the input ends (the watermark passes its end): at the end of
   * a batch run, or when a streaming run's watch stops.
   */
  static <T> Window<T> atEnd() {
    return Window.<T>into(new GlobalWindows())
        .triggering(AfterWatermark.pastEndOfWindow())
        .withAllowedLateness(org.joda.time.Duration.ZERO)
        .discardingFiredPanes();
  }

  /** The catalog's metadata: how its events were found. */
  private static Map<String, Object> metadata(EventPlan plan) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", "magg-beam event pipeline");
    m.put("collection", plan.config().detection().collection());
    m.put("detection", plan.config().detection().expression().text());
    m.put("value", plan.config().detection().value());
    m.put("connectivity", plan.config().detection().rules().connectivity());
    m.put("min_cells", plan.config().detection().rules().minCells());
    m.put("min_area_km2", plan.config().detection().rules().minAreaKm2());
    m.put("min_overlap", plan.config().tracking().minOverlap());
    m.put("min_steps", plan.config().tracking().minSteps());
    m.put("max_gap_steps", plan.config().tracking().maxGapSteps());
    return m;
  }

  /** The lifecycle table's CSV text, one row per event in the given order. */
  static String lifecycle(List<TrackedEvent> events) {
    CsvWriter csv = CsvWriter.withLf().row(LifecycleRow.HEADER);
    for (TrackedEvent e : events) {
      csv.row(e.lifecycle().csvValues());
    }
    return csv.text();
  }

  /** The track table's CSV text: per event in the given order, its rows in time order. */
  static String tracks(List<TrackedEvent> events) {
    CsvWriter csv = CsvWriter.withLf().row(TrackRow.HEADER);
    long rows = 0;
    for (TrackedEvent e : events) {
      for (TrackRow r : e.trackRows()) {
        csv.row(r.csvValues());
        rows++;
      }
    }
    return csv.text();
  }

  /** Writes the products once all events and timesteps are in. */
  static final class WriteFn extends DoFn<KV<Integer, CoGbkResult>, WrittenFile> {
    private final Settings settings;
    private final TupleTag<TrackedEvent> eventTag;
    private final TupleTag<KV<Long, Integer>> stepTag;

    WriteFn(
        Settings settings, TupleTag<TrackedEvent> eventTag, TupleTag<KV<Long, Integer>> stepTag) {
      this.settings = settings;
      this.eventTag = eventTag;
      this.stepTag = stepTag;
    }

    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> all, MultiOutputReceiver out)
        throws IOException {
      List<TrackedEvent> events = new ArrayList<>();
      all.getValue().getAll(eventTag).forEach(events::add);
      events.sort(TrackedEvent.ID_ORDER);
      TreeMap<Long, Integer> times = new TreeMap<>();
      long timesteps = 0;
      long objects = 0;
      for (KV<Long, Integer> s : all.getValue().getAll(stepTag)) {
        timesteps++;
        objects += s.getValue();
        times.merge(s.getKey(), s.getValue(), Math::max);
      }
      Storage storage = Storage.of(settings.s3());
      String dir = settings.output();
      List<Event> catalog = new ArrayList<>(events.size());
      for (TrackedEvent e : events) {
        catalog.add(e.toCatalogEvent());
      }
      OutputReceiver<WrittenFile> files = out.get(FILES_TAG);
      files.output(
          put(
              storage,
              dir,
              "catalog.json",
              CATALOG,
              events.size(),
              stream ->
                  EventCatalogJson.write(settings.grid(), catalog, settings.metadata(), stream)));
      files.output(put(storage, dir, "lifecycle.csv", LIFECYCLE, events.size(), lifecycle(events)));
      long trackRows = events.stream().mapToLong(e -> e.steps().size()).sum();
      files.output(put(storage, dir, "tracks.csv", TRACKS, trackRows, tracks(events)));
      if (!settings.masks().equals("none")) {
        files.output(writeMasks(events, times, settings));
      }
      out.get(COUNTS_TAG).output(new Counts(timesteps, objects, events.size()));
    }

    private static WrittenFile put(
        Storage storage, String dir, String name, String kind, long rows, String text)
        throws IOException {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      return put(storage, dir, name, kind, rows, out -> out.write(bytes));
    }

    /** Writes a file streamed by {@code content}, counting its bytes. */
    private static WrittenFile put(
        Storage storage, String dir, String name, String kind, long rows, Storage.Content content)
        throws IOException {
      String target = Storage.join(dir, name);
      long[] bytes = new long[1];
      storage.write(
          target,
          out -> {
            Counting counting = new Counting(out);
            content.writeTo(counting);
            bytes[0] = counting.bytes;
          });
      return new WrittenFile(target, kind, rows, bytes[0]);
    }

    /** A stream that counts the bytes written through it. */
    private static final class Counting extends java.io.FilterOutputStream {
      private long bytes;

      Counting(java.io.OutputStream out) {
        super(out);
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        bytes++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        bytes += len;
      }
    }

    /** The mask store: at each timestep, each cell's event number (1-based, in id order) or 0. */
    private static WrittenFile writeMasks(
        List<TrackedEvent> events, TreeMap<Long, Integer> times, Settings settings)
        throws IOException {
      long[] axis = times.keySet().stream().mapToLong(Long::longValue).toArray();
      Map<Long, Integer> index = new java.util.HashMap<>();
      for (int t = 0; t < axis.length; t++) {
        index.put(axis[t], t);
      }
      List<String> ids = events.stream().map(TrackedEvent::id).toList();
      FieldGrid grid = settings.grid();
      // the cells of each timestep's events: (event number, cells) per timestep
      List<List<int[]>> cellsAt = new ArrayList<>(axis.length);
      List<List<Integer>> numbersAt = new ArrayList<>(axis.length);
      for (int t = 0; t < axis.length; t++) {
        cellsAt.add(new ArrayList<>());
        numbersAt.add(new ArrayList<>());
      }
      for (int k = 0; k < events.size(); k++) {
        for (TrackStep s : events.get(k).steps()) {
          Integer t = index.get(s.time().toEpochMilli());
          if (t != null) {
            cellsAt.get(t).add(s.object().cells());
            numbersAt.get(t).add(k + 1);
          }
        }
      }
      String location =
          Storage.join(
              settings.output(),
              settings.masks().equals("zarr")
                  ? EventMaskStore.ZARR_NAME
                  : EventMaskStore.NETCDF_NAME);
      Instant[] instants = new Instant[axis.length];
      for (int t = 0; t < axis.length; t++) {
        instants[t] = Instant.ofEpochMilli(axis[t]);
      }
      EventMaskStore.Labels labels =
          t -> {
            int[] plane = new int[grid.cells()];
            List<int[]> cells = cellsAt.get(t);
            for (int j = 0; j < cells.size(); j++) {
              int number = numbersAt.get(t).get(j);
              for (int c : cells.get(j)) {
                plane[c] = number;
              }
            }
            return plane;
          };
      try {
        long bytes =
            settings.masks().equals("zarr")
                ? EventMaskStore.writeZarr(location, settings.s3(), grid, instants, ids, labels)
                : EventMaskStore.writeNetcdf(location, settings.s3(), grid, instants, ids, labels);
        return new WrittenFile(location, MASKS, axis.length, bytes);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
  }
}
