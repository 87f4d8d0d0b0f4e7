package org.magg.pipelines.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.magg.core.csv.CsvReader;
import org.magg.core.csv.CsvRow;
import org.magg.io.temporal.Event;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.TemporalConfig;
import org.magg.pipelines.samples.SampleFields;
import org.magg.pipelines.samples.SyntheticEvents;
import org.magg.pipelines.temporal.TemporalPipeline;
import org.magg.pipelines.temporal.TemporalRunOptions;
import org.magg.pipelines.temporal.TemporalSummary;
import org.magg.transforms.temporal.SliceEvaluator;

/**
 * The temporal benchmark: generates (or reuses) {@code D} days of MERRA-2-shaped fields ({@link
 * SampleFields}) and synthetic event catalogs of several sizes, runs the {@code merra2_storm}
 * config over each on the runner the pipeline arguments choose, and reports wall time, field
 * timesteps and bytes read, grid cells processed per second and bytes read per event.
 *
 * <p>The catalogs are nested: the smaller ones are subsets of the largest, always holding its event
 * that starts first and its event whose window (with the 24 h precipitation tail) ends last, so
 * every catalog spans the same field period. Each timestep of that period is read once whatever the
 * number of events, so the bytes read are the same for every catalog.
 *
 * <p><b>Grid cells processed</b> = for each collection, timesteps read x nLat x nLon x levels (3
 * for OMEGA, 1 otherwise), summed; one cell of one timestep counts once however many variables the
 * collection has and however many events it reaches. Divided by the wall time of the run (planning,
 * reading, evaluating, reducing, writing the table and reading it back).
 */
public final class TemporalBenchmark {
  /** The seed of the synthetic events. */
  static final long SEED = 42L;

  /** The first day of the generated fields. */
  static final LocalDate FIRST_DAY = LocalDate.of(2021, 1, 1);

  /**
   * One measured run.
   *
   * @param events events in the catalog
   * @param summary the pipeline's summary
   * @param cells grid cells processed (see the class comment)
   * @param timestepsByCollection timesteps read per collection
   * @param eventSteps (timestep, event) steps evaluated
   * @param meanEventBytes the mean of the table's per-event {@code bytes_read} (bytes of the
   *     timesteps that reached the event; shared timesteps count for every event they reach)
   * @param cpuSeconds process CPU time during the run
   * @param peakHeapMb sampled peak heap during the run
   * @param loadBefore the 1-minute load average before the run
   * @param loadAfter the 1-minute load average after it
   * @param round 1 for the first run of this event count in the JVM, 2 for the second, ...
   */
  public record Run(
      int events,
      TemporalSummary summary,
      long cells,
      Map<String, Long> timestepsByCollection,
      long eventSteps,
      double meanEventBytes,
      double cpuSeconds,
      double peakHeapMb,
      double loadBefore,
      double loadAfter,
      int round) {

    public Run {
      timestepsByCollection =
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timestepsByCollection));
    }

    public double seconds() {
      return summary.seconds();
    }

    public double cellsPerSecond() {
      return cells / seconds();
    }

    public double bytesPerEvent() {
      return (double) summary.bytesRead() / events;
    }

    public boolean allOk() {
      return summary.count("ok") == events && summary.failureCount() == 0;
    }
  }

  /**
   * What the benchmark measured.
   *
   * @param spec the generated fields
   * @param fieldBytes bytes of the field files and static data on disk
   * @param runs the runs, in order
   * @param pipelineArgs the Beam options of the runs
   */
  public record Figures(
      SampleFields.Spec spec, long fieldBytes, List<Run> runs, List<String> pipelineArgs) {
    public Figures {
      runs = List.copyOf(runs);
      pipelineArgs = List.copyOf(pipelineArgs);
    }

    /** Whether every run read the same number of bytes. */
    public boolean sameBytes() {
      return runs.stream().map(r -> r.summary().bytesRead()).distinct().count() <= 1;
    }

    /** 0 when every event of every run is ok and the bytes read agree, else 1. */
    public int exitCode() {
      return runs.stream().allMatch(Run::allOk) && sameBytes() ? 0 : 1;
    }

    public String toText() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "fields:  %d days from %s, %d x %d grid, OMEGA %d levels, %.0f MB on disk"
                  + " (deflate %d)%n",
              spec.days(),
              spec.firstDay(),
              spec.nLat(),
              spec.nLon(),
              spec.levels(),
              fieldBytes / 1e6,
              spec.deflateLevel()));
      sb.append(
          String.format(
              Locale.ROOT,
              "machine: %d processors, max heap %.0f MB; Beam options: %s%n",
              Runtime.getRuntime().availableProcessors(),
              Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0),
              String.join(" ", pipelineArgs)));
      for (Run r : runs) {
        TemporalSummary s = r.summary();
        sb.append(
            String.format(
                Locale.ROOT,
                "%n%d events on %s (round %d): ok %d, incomplete %d, failed %d, failures %d%n",
                r.events(),
                s.runner(),
                r.round(),
                s.count("ok"),
                s.count("incomplete"),
                s.count("failed"),
                s.failureCount()));
        sb.append(
            String.format(
                Locale.ROOT,
                "  wall time        %.2f s (cpu %.2f s, peak heap %.0f MB, load %.2f before,"
                    + " %.2f after)%n",
                r.seconds(),
                r.cpuSeconds(),
                r.peakHeapMb(),
                r.loadBefore(),
                r.loadAfter()));
        sb.append(
            String.format(
                Locale.ROOT,
                "  timesteps read   %d %s from %d files%n",
                s.timestepsRead(),
                r.timestepsByCollection(),
                s.filesMatched()));
        sb.append(
            String.format(
                Locale.ROOT,
                "  grid cells       %,d, %,.0f cells/s%n",
                r.cells(),
                r.cellsPerSecond()));
        sb.append(
            String.format(
                Locale.ROOT,
                "  bytes read       %,d total, %,.0f per event (total / events), mean of the"
                    + " per-event bytes_read %,.0f%n",
                s.bytesRead(),
                r.bytesPerEvent(),
                r.meanEventBytes()));
        sb.append(String.format(Locale.ROOT, "  event-steps      %,d evaluated%n", r.eventSteps()));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "%nbytes read by event count: %s -> %s%n",
              bytesByEvents(),
              sameBytes()
                  ? "identical (each timestep read once, whatever the overlap)"
                  : "DIFFERENT"));
      return sb.toString();
    }

    private String bytesByEvents() {
      StringBuilder sb = new StringBuilder();
      for (Run r : runs) {
        sb.append(sb.length() == 0 ? "" : ", ")
            .append(r.events())
            .append(": ")
            .append(String.format(Locale.ROOT, "%,d", r.summary().bytesRead()));
      }
      return sb.toString();
    }
  }

  private TemporalBenchmark() {}

  /**
   * Generates (or reuses) {@code days} days of MERRA-2-shaped fields under {@code dir/fields} and
   * runs {@code merra2_storm} once per event count, in the order given, the whole list {@code
   * repeats} times.
   */
  public static Figures run(
      Path dir, int days, List<Integer> eventCounts, List<String> pipelineArgs, int repeats)
      throws IOException {
    return run(dir, SampleFields.Spec.merra2(FIRST_DAY, days), eventCounts, pipelineArgs, repeats);
  }

  /**
   * The same on any generated grid (tests use a small one); the list of event counts is run {@code
   * repeats} times in a row (later rounds see a warmed-up JVM).
   */
  public static Figures run(
      Path dir,
      SampleFields.Spec spec,
      List<Integer> eventCounts,
      List<String> pipelineArgs,
      int repeats)
      throws IOException {
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
    }
    if (eventCounts.isEmpty() || eventCounts.stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException(
          "event counts must be at least 1 and at least one given, got " + eventCounts);
    }
    SampleFields.Result fields = SampleFields.generate(dir.resolve("fields"), spec);
    TemporalConfig config = ConfigLoader.loadTemporal("merra2_storm", null);
    SliceEvaluator evaluator = config.sliceEvaluator();
    int max = eventCounts.stream().mapToInt(Integer::intValue).max().getAsInt();
    List<Event> all = SampleFields.events(spec, max, SEED).generate();
    List<Integer> order = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      order.addAll(eventCounts);
    }
    List<Run> runs = new ArrayList<>();
    for (int n : order) {
      Path catalog = dir.resolve("events-" + n + ".json");
      SyntheticEvents.writeJson(catalog, spec.grid(), subset(all, n, evaluator));
      Path out = dir.resolve("out-" + n);
      deleteRecursively(out);
      TemporalRunOptions options =
          TemporalRunOptions.batch(catalog.toString(), fields.dir().toString(), out.toString())
              .withPipelineArgs(pipelineArgs);
      double loadBefore = Machine.load();
      long c0 = Machine.processCpuNanos();
      TemporalSummary summary;
      double peak;
      try (SpatialBenchmark.HeapSampler heap = new SpatialBenchmark.HeapSampler()) {
        summary = TemporalPipeline.run(config, options);
        peak = heap.peakMb();
      }
      double cpu = (Machine.processCpuNanos() - c0) / 1e9;
      Map<String, Long> steps = timestepsByCollection(summary);
      runs.add(
          new Run(
              n,
              summary,
              cells(steps, spec),
              steps,
              summary.counter("temporal/event_steps"),
              meanEventBytes(out.resolve("events.csv")),
              cpu,
              peak,
              loadBefore,
              Machine.load(),
              (int) runs.stream().filter(r -> r.events() == n).count() + 1));
    }
    return new Figures(spec, fields.bytes(), runs, pipelineArgs);
  }

  /**
   * {@code n} events of {@code all}, in their original order, whose windows cover the same times as
   * all of them do: a run reads only its events' reach, so the subsets read the same timesteps and
   * differ only in how many events overlap them. Holds a smallest cover of the events' spans
   * ({@code [start, end]}, what the non-precipitation collections read) and of their windows
   * ({@code [start, window end]}, with the precipitation tail), then the first others.
   *
   * @throws IllegalArgumentException when {@code n} is smaller than those covers
   */
  static List<Event> subset(List<Event> all, int n, SliceEvaluator evaluator) {
    if (n >= all.size()) {
      return all;
    }
    Set<Event> chosen = new LinkedHashSet<>();
    chosen.addAll(cover(all, e -> e.end().toEpochMilli()));
    chosen.addAll(cover(all, e -> evaluator.windowEnd(e.end().toEpochMilli())));
    if (chosen.size() > n) {
      throw new IllegalArgumentException(
          n + " events cannot cover the period the others cover; at least " + chosen.size());
    }
    for (Event e : all) {
      if (chosen.size() >= n) {
        break;
      }
      chosen.add(e);
    }
    List<Event> out = new ArrayList<>();
    for (Event e : all) {
      if (chosen.contains(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * A smallest set of events whose intervals {@code [start, end(e)]} have the same union as all of
   * them (the greedy interval cover: from the left, the interval reaching farthest).
   */
  private static List<Event> cover(List<Event> all, java.util.function.ToLongFunction<Event> end) {
    List<Event> byStart = new ArrayList<>(all);
    byStart.sort(Comparator.comparing(Event::start));
    List<Event> out = new ArrayList<>();
    int i = 0;
    while (i < byStart.size()) {
      // a new connected piece of the union starts at byStart[i]
      long reached = Long.MIN_VALUE;
      Event best = null;
      long pieceStart = byStart.get(i).start().toEpochMilli();
      long covered = pieceStart - 1;
      while (i < byStart.size() && byStart.get(i).start().toEpochMilli() <= covered + 1) {
        // among the intervals starting within what is covered, take the one reaching farthest
        while (i < byStart.size() && byStart.get(i).start().toEpochMilli() <= covered + 1) {
          long r = end.applyAsLong(byStart.get(i));
          if (r > reached) {
            reached = r;
            best = byStart.get(i);
          }
          i++;
        }
        if (reached <= covered) {
          break;
        }
        out.add(best);
        covered = reached;
      }
    }
    return out;
  }

  /** Timesteps read per collection, from the {@code gridded/<collection>} counters. */
  static Map<String, Long> timestepsByCollection(TemporalSummary summary) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (SampleFields.Collection c : SampleFields.COLLECTIONS) {
      out.put(c.name(), summary.counter("gridded/" + c.name() + "/timesteps_read"));
    }
    return out;
  }

  /** Grid cells processed: per collection, timesteps x nLat x nLon x levels. */
  static long cells(Map<String, Long> timesteps, SampleFields.Spec spec) {
    long cells = 0;
    for (SampleFields.Collection c : SampleFields.COLLECTIONS) {
      long levels = c.levels() ? spec.levels() : 1;
      cells += timesteps.getOrDefault(c.name(), 0L) * spec.nLat() * spec.nLon() * levels;
    }
    return cells;
  }

  /** The mean of the {@code bytes_read} column of an event table. */
  static double meanEventBytes(Path table) throws IOException {
    List<CsvRow> rows =
        CsvReader.readAll(Files.readString(table, StandardCharsets.UTF_8), table.toString());
    List<String> header = rows.isEmpty() ? List.of() : rows.get(0).fields();
    int col = header.indexOf("bytes_read");
    if (col < 0) {
      throw new IOException(table + " has no bytes_read column (header " + header + ")");
    }
    double sum = 0;
    for (CsvRow row : rows.subList(1, rows.size())) {
      sum += Long.parseLong(row.get(col));
    }
    return rows.size() > 1 ? sum / (rows.size() - 1) : 0;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
