package org.magg.pipelines.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.magg.io.gridded.GridSlice;
import org.magg.io.gridded.GriddedFieldIO;
import org.magg.io.gridded.GriddedSource;
import org.magg.io.gridded.GriddedSources;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.event.EventPipeline;
import org.magg.pipelines.event.EventRunOptions;
import org.magg.pipelines.event.EventSummary;
import org.magg.pipelines.samples.BlobFields;
import org.magg.transforms.event.DetectionGrid;
import org.magg.transforms.event.DetectionRules;
import org.magg.transforms.event.EventTracker;
import org.magg.transforms.event.ObjectDetector;
import org.magg.transforms.event.StepObjects;
import org.magg.transforms.event.TrackedEvent;
import org.magg.transforms.event.TrackingRules;

/**
 * The event benchmark: generates (or reuses) {@code N} days of 3-hourly IVT-like fields with moving
 * blobs on the MERRA-2 grid ({@link BlobFields}), then times, on the runner the pipeline arguments
 * choose, the event pipeline itself ({@link EventPipeline#run}, as {@code magg run} runs it: the
 * fields read with {@link GriddedFieldIO}, the objects above {@value #THRESHOLD} detected in the
 * reading step, tracked into events and written as {@code catalog.json}, {@code lifecycle.csv} and
 * {@code tracks.csv}); and, side by side, a single-threaded hand-written loop that does the same
 * with the same classes but without Beam (read each timestep with the project's gridded reader,
 * threshold, {@link ObjectDetector}, {@link EventTracker}, make the rows) and writes nothing.
 *
 * <p><b>Cells per second</b> = timesteps x nLat x nLon of the fields, divided by the wall time of
 * the run (reading included). What is timed is a {@link Subject}: {@link #pipeline()} by default.
 */
public final class EventBenchmark {
  /** The first day of the generated fields. */
  static final LocalDate FIRST_DAY = LocalDate.of(2021, 1, 1);

  /** Detection threshold on IVT (kg m-1 s-1). */
  static final double THRESHOLD = 250;

  /** 8-connected objects of at least 4 cells, any area. */
  static final DetectionRules DETECTION = new DetectionRules(8, 4, 0);

  /** Link at half the smaller object's area; events of at least 2 timesteps; no gaps. */
  static final TrackingRules TRACKING = new TrackingRules(0.5, 2, 0);

  /**
   * What one timed run counted.
   *
   * @param runner the runner's name, or {@code hand-written} for the loop
   * @param steps timesteps read
   * @param objects objects detected (kept by the detection rules)
   * @param events events tracked (kept by the tracking rules)
   * @param lifecycleRows lifecycle rows made from them (one per event)
   * @param trackRows track rows made from them (one per event and timestep seen)
   * @param failures timesteps or files that failed
   * @param bytesRead bytes read from the files
   */
  public record Counts(
      String runner,
      long steps,
      long objects,
      long events,
      long lifecycleRows,
      long trackRows,
      long failures,
      long bytesRead) {}

  /** What is timed: reads the fields directory, detects and tracks, and says what it counted. */
  @FunctionalInterface
  public interface Subject {
    Counts run(Path fields, List<String> pipelineArgs) throws IOException;
  }

  /**
   * One timed run.
   *
   * @param counts what it counted
   * @param seconds wall time
   * @param cpuSeconds process CPU time during the run
   * @param peakHeapMb sampled peak heap during the run
   * @param loadBefore the 1-minute load average before the run
   * @param loadAfter the 1-minute load average after it
   */
  public record Run(
      Counts counts,
      double seconds,
      double cpuSeconds,
      double peakHeapMb,
      double loadBefore,
      double loadAfter) {}

  /**
   * What the benchmark measured.
   *
   * @param spec the generated fields
   * @param fieldBytes bytes of the field files
   * @param reused whether the fields were already there
   * @param pipelineArgs the Beam options of the pipeline runs
   * @param pipelineRuns the pipeline's runs, in order
   * @param loopRuns the hand-written loop's runs, in order
   */
  public record Figures(
      BlobFields.Spec spec,
      long fieldBytes,
      boolean reused,
      List<String> pipelineArgs,
      List<Run> pipelineRuns,
      List<Run> loopRuns) {
    public Figures {
      pipelineArgs = List.copyOf(pipelineArgs);
      pipelineRuns = List.copyOf(pipelineRuns);
      loopRuns = List.copyOf(loopRuns);
    }

    /** Grid cells of the fields: timesteps x nLat x nLon. */
    public long cells() {
      return spec.cells();
    }

    /** The pipeline's shortest run. */
    public Run bestPipeline() {
      return best(pipelineRuns);
    }

    /** The loop's shortest run. */
    public Run bestLoop() {
      return best(loopRuns);
    }

    private static Run best(List<Run> runs) {
      return Collections.min(runs, java.util.Comparator.comparingDouble(Run::seconds));
    }

    /** Cells of the fields per second of the pipeline's shortest run, reading included. */
    public double cellsPerSecond() {
      return cells() / bestPipeline().seconds();
    }

    /**
     * Whether every run read every timestep without failure and found the same objects, events and
     * rows as every other run, the loop's included.
     */
    public boolean consistent() {
      List<Run> all = new ArrayList<>(pipelineRuns);
      all.addAll(loopRuns);
      Counts first = all.get(0).counts();
      for (Run r : all) {
        Counts c = r.counts();
        if (c.failures() != 0
            || c.steps() != spec.steps()
            || c.objects() != first.objects()
            || c.events() != first.events()
            || c.lifecycleRows() != c.events()
            || c.trackRows() != first.trackRows()) {
          return false;
        }
      }
      return true;
    }

    /** 0 when the runs are {@link #consistent() consistent} and found events, else 1. */
    public int exitCode() {
      return consistent() && bestPipeline().counts().events() > 0 ? 0 : 1;
    }

    public String toText() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "fields:      %d days from %s, %d x %d grid, %,d steps, %,d cells, %.0f MB on disk"
                  + " (deflate %d, %s)%n",
              spec.days(),
              spec.firstDay(),
              spec.nLat(),
              spec.nLon(),
              spec.steps(),
              cells(),
              fieldBytes / 1e6,
              spec.deflateLevel(),
              reused ? "reused" : "generated"));
      sb.append(
          String.format(
              Locale.ROOT,
              "detection:   IVT > %.0f, connectivity %d, min_cells %d; tracking: min_overlap %.2f,"
                  + " min_steps %d%n",
              THRESHOLD,
              DETECTION.connectivity(),
              DETECTION.minCells(),
              TRACKING.minOverlap(),
              TRACKING.minSteps()));
      sb.append(
          String.format(
              Locale.ROOT,
              "machine:     %d processors, max heap %.0f MB; Beam options: %s%n",
              Runtime.getRuntime().availableProcessors(),
              Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0),
              String.join(" ", pipelineArgs)));
      for (int i = 0; i < pipelineRuns.size(); i++) {
        append(sb, "pipeline", i + 1, pipelineRuns.get(i));
        if (i < loopRuns.size()) {
          append(sb, "loop", i + 1, loopRuns.get(i));
        }
      }
      Run p = bestPipeline();
      Run l = bestLoop();
      sb.append(
          String.format(
              Locale.ROOT,
              "%nbest:        pipeline (%s) %.2f s, %,.0f cells/s; hand-written loop (1 thread)"
                  + " %.2f s, %,.0f cells/s; pipeline rate / loop rate = %.2f%n",
              p.counts().runner(),
              p.seconds(),
              cells() / p.seconds(),
              l.seconds(),
              cells() / l.seconds(),
              l.seconds() / p.seconds()));
      sb.append(
          String.format(
              Locale.ROOT,
              "check:       %s%n",
              consistent()
                  ? "every run read every step and found the same objects, events and rows"
                  : "RUNS DISAGREE or failed (see above)"));
      sb.append(String.format(Locale.ROOT, "cells_per_second=%.0f%n", cellsPerSecond()));
      return sb.toString();
    }

    private void append(StringBuilder sb, String what, int round, Run r) {
      Counts c = r.counts();
      sb.append(
          String.format(
              Locale.ROOT,
              "%n%s %d (%s)%n"
                  + "  wall time   %.2f s, %,.0f cells/s (cpu %.2f s, peak heap %.0f MB, load %.2f"
                  + " before, %.2f after)%n"
                  + "  counted     %,d steps, %,d objects, %,d events (%,d lifecycle rows, %,d track"
                  + " rows), %d failures%n"
                  + "  bytes read  %,d%n",
              what,
              round,
              c.runner(),
              r.seconds(),
              cells() / r.seconds(),
              r.cpuSeconds(),
              r.peakHeapMb(),
              r.loadBefore(),
              r.loadAfter(),
              c.steps(),
              c.objects(),
              c.events(),
              c.lifecycleRows(),
              c.trackRows(),
              c.failures(),
              c.bytesRead()));
    }
  }

  private EventBenchmark() {}

  /**
   * Generates (or reuses) {@code days} days of fields on the MERRA-2 grid under {@code dir/fields}
   * and times the event pipeline ({@link #pipeline()}, with the runner settings an event run adds,
   * {@link EventPipeline#pipelineArgs}) and the hand-written loop, {@code runs} times each,
   * alternating.
   */
  public static Figures run(Path dir, int days, List<String> pipelineArgs, int runs)
      throws IOException {
    List<String> args =
        EventPipeline.pipelineArgs(EventRunOptions.builder().pipelineArgs(pipelineArgs).build());
    return run(dir, BlobFields.Spec.merra2(FIRST_DAY, days), args, runs, pipeline());
  }

  /** The same on any generated grid, timing {@code subject} against the loop. */
  public static Figures run(
      Path dir, BlobFields.Spec spec, List<String> pipelineArgs, int runs, Subject subject)
      throws IOException {
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be at least 1, got " + runs);
    }
    BlobFields.Result fields = BlobFields.generate(dir.resolve("fields"), spec);
    DetectionGrid grid = DetectionGrid.of(spec.grid());
    List<Run> pipelineRuns = new ArrayList<>();
    List<Run> loopRuns = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      pipelineRuns.add(time(() -> subject.run(fields.dir(), pipelineArgs)));
      loopRuns.add(time(() -> handWrittenLoop(fields.files(), grid)));
    }
    return new Figures(spec, fields.bytes(), fields.reused(), pipelineArgs, pipelineRuns, loopRuns);
  }

  private interface Timed {
    Counts run() throws IOException;
  }

  private static Run time(Timed work) throws IOException {
    double loadBefore = Machine.load();
    try (SpatialBenchmark.HeapSampler heap = new SpatialBenchmark.HeapSampler()) {
      long c0 = Machine.processCpuNanos();
      long t0 = System.nanoTime();
      Counts counts = work.run();
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpu = (Machine.processCpuNanos() - c0) / 1e9;
      return new Run(counts, seconds, cpu, heap.peakMb(), loadBefore, Machine.load());
    }
  }

  /**
   * The event pipeline itself ({@link EventPipeline#run}), as {@code magg run} runs it: the config
   * {@link #CONFIG} (written to {@code event.yaml} beside the fields directory) over the fields,
   * writing {@code catalog.json}, {@code lifecycle.csv} and {@code tracks.csv} to {@code output}
   * beside them, replaced at each run. The lifecycle and track rows are counted in the files
   * written.
   */
  public static Subject pipeline() {
    return (fields, args) -> {
      Path dir = fields.toAbsolutePath().getParent();
      Path config = dir.resolve(CONFIG_FILE);
      if (!java.nio.file.Files.isRegularFile(config)
          || !java.nio.file.Files.readString(config).equals(CONFIG)) {
        java.nio.file.Files.writeString(config, CONFIG);
      }
      Path output = dir.resolve(OUTPUT_DIR);
      EventSummary s =
          EventPipeline.run(ConfigLoader.loadEvent(config.toString(), null), options(fields, args));
      return new Counts(
          s.runner(),
          s.timestepsRead(),
          s.objects(),
          s.eventsKept(),
          rows(output.resolve("lifecycle.csv")),
          rows(output.resolve("tracks.csv")),
          s.failureCount(),
          s.bytesRead());
    };
  }

  /** The run options of {@link #pipeline()}: one split per file, the output replaced. */
  static EventRunOptions options(Path fields, List<String> args) {
    return EventRunOptions.builder()
        .fields(fields.toAbsolutePath().toString())
        .output(fields.toAbsolutePath().getParent().resolve(OUTPUT_DIR).toString())
        .timestepsPerSplit(BlobFields.STEPS_PER_DAY)
        .pipelineArgs(args)
        .overwrite(true)
        .build();
  }

  /** The config file {@link #pipeline()} writes beside the fields directory. */
  static final String CONFIG_FILE = "event.yaml";

  /** The output directory {@link #pipeline()} writes beside the fields directory. */
  static final String OUTPUT_DIR = "output";

  /** The benchmark's event config: {@link #THRESHOLD}, {@link #DETECTION}, {@link #TRACKING}. */
  static final String CONFIG =
      String.join(
          "\n",
          "pipeline: {type: event}",
          "data_source:",
          "  collections:",
          "    IVT: {files: '"
              + BlobFields.FILE_GLOB
              + "', time_step: PT3H, variables: ["
              + BlobFields.VARIABLE
              + "]}",
          "detection:",
          "  collection: IVT",
          "  expression: '" + BlobFields.VARIABLE + " > " + THRESHOLD + "'",
          "  connectivity: " + DETECTION.connectivity(),
          "  min_cells: " + DETECTION.minCells(),
          "  min_area_km2: " + DETECTION.minAreaKm2(),
          "tracking:",
          "  min_overlap: " + TRACKING.minOverlap(),
          "  min_steps: " + TRACKING.minSteps(),
          "  max_gap_steps: " + TRACKING.maxGapSteps(),
          "output: {masks: none}",
          "");

  /** Rows of a CSV file written with a header line and one line per row. */
  private static long rows(Path csv) throws IOException {
    try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(csv)) {
      return Math.max(0, lines.count() - 1);
    }
  }

  /**
   * The same work in one thread without Beam: each file in time order, each timestep read with the
   * project's gridded reader, thresholded, labelled by {@link ObjectDetector} and linked by {@link
   * EventTracker}; then each event's lifecycle and track rows made.
   */
  static Counts handWrittenLoop(List<Path> files, DetectionGrid grid) throws IOException {
    ObjectDetector detector = ObjectDetector.of(grid, DETECTION);
    EventTracker tracker = EventTracker.of(grid, TRACKING);
    long steps = 0;
    long objects = 0;
    long bytes = 0;
    List<TrackedEvent> events = new ArrayList<>();
    boolean[] mask = new boolean[grid.cells()];
    for (Path f : files) {
      try (GriddedSource src = GriddedSources.open(f.toString(), null)) {
        Instant[] times = src.times();
        for (int t = 0; t < times.length; t++) {
          GridSlice g = src.read(BlobFields.VARIABLE, t);
          double[] v = g.values();
          for (int c = 0; c < v.length; c++) {
            mask[c] = v[c] > THRESHOLD;
          }
          StepObjects found = detector.detect(times[t], mask, v);
          objects += found.objects().size();
          events.addAll(tracker.advance(found));
          steps++;
        }
        bytes += src.bytesRead();
      }
    }
    events.addAll(tracker.finish());
    long lifecycle = 0;
    long tracks = 0;
    for (TrackedEvent e : events) {
      if (!e.lifecycle().csvValues().isEmpty()) {
        lifecycle++;
      }
      tracks += e.trackRows().size();
    }
    return new Counts("hand-written", steps, objects, events.size(), lifecycle, tracks, 0, bytes);
  }
}
