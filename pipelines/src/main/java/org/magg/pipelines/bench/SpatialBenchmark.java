package org.magg.pipelines.bench;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.magg.core.grid.Healpix;
import org.magg.core.grid.Morton;
import org.magg.io.spatial.GranuleCatalog;
import org.magg.pipelines.Magg;
import org.magg.pipelines.config.PipelineConfig;
import org.magg.pipelines.config.VariableSpec;
import org.magg.pipelines.samples.SampleData;
import org.magg.pipelines.spatial.RunOptions;
import org.magg.pipelines.spatial.RunSummary;
import org.magg.transforms.spatial.CellAggregator;
import org.magg.transforms.spatial.CellAggregators;
import org.magg.transforms.spatial.CellColumns;

/**
 * The spatial benchmark: generates ATL06-layout granules with N points, then times (1) the pipeline
 * on the runner the pipeline arguments choose (Direct by default) and (2) a single-threaded
 * hand-written loop over the same files (read, hash, sort, statistics), and reports points per
 * second, their ratio and peak heap.
 */
public final class SpatialBenchmark {

  /**
   * Measured figures; with several runs, the best (shortest) of each path.
   *
   * @param points points in the generated granules
   * @param pipelineSeconds wall time of the best pipeline run
   * @param pipelinePeakHeapMb peak heap during the pipeline runs (sum of heap pool peaks)
   * @param loopSeconds wall time of the best hand-written loop
   * @param loopPeakHeapMb peak heap during the loops
   * @param summary the pipeline's run summary (of the last run)
   * @param loopBinned points the loop binned (must equal the pipeline's)
   * @param pipelineRuns wall time of every pipeline run, in order
   * @param loopRuns wall time of every loop, in order
   * @param pipelineCpuSeconds CPU time of the whole process during the best pipeline run
   * @param loopCpuSeconds CPU time of the whole process during the best loop
   * @param loadAverage the system load average (1 minute) when the benchmark started, or -1
   * @param loopPasses passes the loop made over groups of parent cells (to fit the heap)
   * @param loopGranuleReads granules the loop read over its passes
   */
  public record Figures(
      long points,
      double pipelineSeconds,
      double pipelinePeakHeapMb,
      double loopSeconds,
      double loopPeakHeapMb,
      RunSummary summary,
      long loopBinned,
      List<Double> pipelineRuns,
      List<Double> loopRuns,
      double pipelineCpuSeconds,
      double loopCpuSeconds,
      double loadAverage,
      int loopPasses,
      int loopGranuleReads) {

    public Figures {
      pipelineRuns = List.copyOf(pipelineRuns);
      loopRuns = List.copyOf(loopRuns);
    }

    public double pipelinePointsPerSecond() {
      return points / pipelineSeconds;
    }

    public double loopPointsPerSecond() {
      return points / loopSeconds;
    }

    public String toText() {
      String runs =
          pipelineRuns.size() < 2
              ? ""
              : String.format(
                  Locale.ROOT,
                  "runs:             pipeline %s s, hand-written %s s (best of each is shown)%n",
                  seconds(pipelineRuns),
                  seconds(loopRuns));
      return String.format(
          Locale.ROOT,
          "points:           %,d (%d granules)%n"
              + "pipeline:         %.2f s, %,.0f points/s, peak heap %.0f MB (%s)%n"
              + "hand-written:     %.2f s, %,.0f points/s, peak heap %.0f MB (1 thread; %d"
              + " pass%s, %d granule reads)%n"
              + "ratio:            pipeline rate / loop rate = %.2f%n"
              + "%s"
              + "cpu:              pipeline %.2f s, hand-written %.2f s (process CPU time of the"
              + " runs shown); per million points %.3f s, %.3f s%n"
              + "machine:          %d processors, load average %.2f at start; max heap %.0f MB"
              + " (-Xmx)%n"
              + "check:            pipeline binned %,d, loop binned %,d%n",
          points,
          summary.granules(),
          pipelineSeconds,
          pipelinePointsPerSecond(),
          pipelinePeakHeapMb,
          summary.runner(),
          loopSeconds,
          loopPointsPerSecond(),
          loopPeakHeapMb,
          loopPasses,
          loopPasses == 1 ? "" : "es",
          loopGranuleReads,
          pipelinePointsPerSecond() / loopPointsPerSecond(),
          runs,
          pipelineCpuSeconds,
          loopCpuSeconds,
          pipelineCpuSeconds / (points / 1e6),
          loopCpuSeconds / (points / 1e6),
          Runtime.getRuntime().availableProcessors(),
          loadAverage,
          Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0),
          summary.pointsBinned(),
          loopBinned);
    }

    private static String seconds(List<Double> runs) {
      StringBuilder s = new StringBuilder();
      for (double r : runs) {
        s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", r));
      }
      return s.toString();
    }
  }

  /** Written by the loop so that its statistics are not optimised away. */
  static volatile double sink;

  private SpatialBenchmark() {}

  /** Generates (or reuses) the granules under {@code dir} and measures both paths once. */
  public static Figures run(Path dir, long points, int granules, List<String> pipelineArgs)
      throws IOException {
    return run(dir, points, granules, pipelineArgs, 1);
  }

  /**
   * Generates (or reuses) the granules under {@code dir} and measures both paths {@code runs}
   * times, alternating (pipeline, loop, pipeline, loop, ...), so that later runs see a warmed-up
   * JVM; the figures are the best of each.
   */
  public static Figures run(
      Path dir, long points, int granules, List<String> pipelineArgs, int runs) throws IOException {
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be at least 1, got " + runs);
    }
    int perBeam = (int) Math.max(1, points / (granules * 6L));
    SampleData.Result sample =
        SampleData.generate(
            dir.resolve("granules"), new SampleData.Spec(granules, perBeam, 6, 42L));
    PipelineConfig config = Magg.defaultConfig("atl06");
    Path store = dir.resolve("bench.zarr");

    double load = Machine.load();
    RunSummary summary = null;
    List<Double> pipelineRuns = new ArrayList<>();
    List<Double> loopRuns = new ArrayList<>();
    List<Double> pipelineCpu = new ArrayList<>();
    List<Double> loopCpu = new ArrayList<>();
    double pipelinePeak = 0;
    double loopPeak = 0;
    long loopBinned = 0;
    int loopPasses = 0;
    int loopReads = 0;
    for (int r = 0; r < runs; r++) {
      try (HeapSampler heap = new HeapSampler()) {
        long t0 = System.nanoTime();
        long c0 = Machine.processCpuNanos();
        summary =
            Magg.run(
                config,
                RunOptions.defaults()
                    .withCatalog(sample.catalog().toString())
                    .withStore(store.toString())
                    .withOverwrite(true)
                    .withPipelineArgs(pipelineArgs));
        pipelineRuns.add((System.nanoTime() - t0) / 1e9);
        pipelineCpu.add((Machine.processCpuNanos() - c0) / 1e9);
        pipelinePeak = Math.max(pipelinePeak, heap.peakMb());
      }
      try (HeapSampler heap = new HeapSampler()) {
        long t1 = System.nanoTime();
        long c1 = Machine.processCpuNanos();
        Loop loop = handWrittenLoop(config, sample, 6);
        loopBinned = loop.binned();
        loopPasses = loop.passes();
        loopReads = loop.granuleReads();
        loopRuns.add((System.nanoTime() - t1) / 1e9);
        loopCpu.add((Machine.processCpuNanos() - c1) / 1e9);
        loopPeak = Math.max(loopPeak, heap.peakMb());
      }
    }
    int bestPipeline = pipelineRuns.indexOf(Collections.min(pipelineRuns));
    int bestLoop = loopRuns.indexOf(Collections.min(loopRuns));
    return new Figures(
        sample.points(),
        pipelineRuns.get(bestPipeline),
        pipelinePeak,
        loopRuns.get(bestLoop),
        loopPeak,
        summary,
        loopBinned,
        pipelineRuns,
        loopRuns,
        pipelineCpu.get(bestPipeline),
        loopCpu.get(bestLoop),
        load,
        loopPasses,
        loopReads);
  }

  /**
   * Read every granule with jhdf, hash each kept point to its order-18 cell, sort the points by
   * cell, and compute every child cell's statistics: what the pipeline does, in one thread and
   * without Beam. Returns the number of points binned.
   *
   * <p>The parent cells are taken in groups, one pass each ({@link #passes}), so that the points
   * held at once stay within the heap whatever the size: a pass reads the granules of its cells and
   * keeps only the points that fall in them (a granule crossing cells of two passes is read in
   * both). A cell's points are the same, in the same order, as when every cell is done in one pass.
   */
  static Loop handWrittenLoop(PipelineConfig config, SampleData.Result sample, int parentOrder)
      throws IOException {
    return handWrittenLoop(config, sample, parentOrder, pointsPerPass());
  }

  /**
   * What one run of the loop did.
   *
   * @param binned points binned
   * @param passes passes over groups of parent cells
   * @param granuleReads granules read, over all passes (a granule crossing two passes is read
   *     twice)
   */
  record Loop(long binned, int passes, int granuleReads) {}

  /** The loop with passes of at most {@code pointsPerPass} points by estimate. */
  static Loop handWrittenLoop(
      PipelineConfig config, SampleData.Result sample, int parentOrder, long pointsPerPass)
      throws IOException {
    int childOrder = config.output().grid().childOrder();
    int children = 1 << (2 * (childOrder - parentOrder));
    List<CellAggregator> aggregators = new ArrayList<>();
    for (VariableSpec v : config.aggregation().variables().values()) {
      aggregators.add(
          CellAggregators.compile(
              v.name(),
              v.function(),
              v.source(),
              v.params(),
              v.expression(),
              config.dataSource().variables().keySet()));
    }
    long binned = 0;
    double checksum = 0;
    int reads = 0;
    List<Map<Long, List<String>>> passes = passes(sample, pointsPerPass);
    Sorted sorted = new Sorted();
    for (Map<Long, List<String>> pass : passes) {
      Map<Long, Bucket> buckets = new HashMap<>();
      Set<String> names = new HashSet<>();
      for (Map.Entry<Long, List<String>> cell : pass.entrySet()) {
        buckets.put(Morton.toNested(cell.getKey()), new Bucket());
        names.addAll(cell.getValue());
      }
      for (Path granule : sample.granules()) {
        if (!names.contains(granule.getFileName().toString())) {
          continue;
        }
        bin(granule, buckets, parentOrder, childOrder, children);
        reads++;
      }
      for (Bucket b : buckets.values()) {
        checksum += statistics(b, children, aggregators, sorted);
        binned += b.size;
      }
    }
    sink = checksum; // keeps the statistics from being optimised away
    return new Loop(binned, passes.size(), reads);
  }

  /**
   * Points one pass of the loop may hold: the heap over 48 bytes, for a point's 12 bytes (child
   * index, two float32 values) held twice while a bucket grows, its 16 bytes in the sorted copy of
   * its cell, and room for the granule being read.
   */
  static long pointsPerPass() {
    return Runtime.getRuntime().maxMemory() / 48;
  }

  /**
   * The catalog's parent cells in groups of consecutive cells (catalog order), each holding at most
   * {@code budget} points by estimate (a granule's points spread evenly over the cells that list
   * it; a cell over the budget is a group of its own), with the file names of each cell's granules.
   */
  static List<Map<Long, List<String>>> passes(SampleData.Result sample, long budget)
      throws IOException {
    GranuleCatalog catalog = GranuleCatalog.read(sample.catalog());
    // the catalog resolves its granules' paths; the passes name them by file name
    Map<Long, List<String>> cells = new LinkedHashMap<>();
    Map<String, Integer> cellsOf = new HashMap<>();
    for (Map.Entry<Long, List<String>> cell : catalog.cells().entrySet()) {
      List<String> names = new ArrayList<>();
      for (String g : cell.getValue()) {
        names.add(Path.of(g).getFileName().toString());
        cellsOf.merge(names.get(names.size() - 1), 1, Integer::sum);
      }
      cells.put(cell.getKey(), names);
    }
    Map<String, Long> pointsOf = new HashMap<>();
    for (Path granule : sample.granules()) {
      pointsOf.put(granule.getFileName().toString(), granulePoints(granule));
    }
    List<Map<Long, List<String>>> passes = new ArrayList<>();
    Map<Long, List<String>> pass = new LinkedHashMap<>();
    double held = 0;
    for (Map.Entry<Long, List<String>> cell : cells.entrySet()) {
      double estimate = 0;
      for (String g : cell.getValue()) {
        estimate += (double) pointsOf.getOrDefault(g, 0L) / cellsOf.get(g);
      }
      if (!pass.isEmpty() && held + estimate > budget) {
        passes.add(pass);
        pass = new LinkedHashMap<>();
        held = 0;
      }
      pass.put(cell.getKey(), cell.getValue());
      held += estimate;
    }
    if (!pass.isEmpty()) {
      passes.add(pass);
    }
    return passes;
  }

  /** The points of a generated granule, from its datasets' shapes (no data is read). */
  private static long granulePoints(Path granule) {
    try (HdfFile f = new HdfFile(granule)) {
      long n = 0;
      for (String beam : SampleData.BEAMS) {
        n += f.getDatasetByPath("/" + beam + "/land_ice_segments/latitude").getDimensions()[0];
      }
      return n;
    }
  }

  /** Reads a granule and adds its kept points to the buckets of the cells they fall in. */
  private static void bin(
      Path granule, Map<Long, Bucket> buckets, int parentOrder, int childOrder, int children) {
    try (HdfFile f = new HdfFile(granule)) {
      for (String beam : SampleData.BEAMS) {
        String g = "/" + beam + "/land_ice_segments/";
        double[] lat = (double[]) f.getDatasetByPath(g + "latitude").getDataFlat();
        double[] lon = (double[]) f.getDatasetByPath(g + "longitude").getDataFlat();
        float[] h = (float[]) f.getDatasetByPath(g + "h_li").getDataFlat();
        float[] s = (float[]) f.getDatasetByPath(g + "h_li_sigma").getDataFlat();
        byte[] q = (byte[]) f.getDatasetByPath(g + "atl06_quality_summary").getDataFlat();
        float fill = fillValue(f.getDatasetByPath(g + "h_li"));
        long[] hashed = new long[lat.length];
        Healpix.nestedHash(18, lon, lat, lat.length, hashed);
        long lastParent = -1;
        Bucket last = null;
        for (int i = 0; i < lat.length; i++) {
          if (q[i] != 0 || h[i] == fill || s[i] == fill) {
            continue;
          }
          long parent = hashed[i] >>> (2 * (18 - parentOrder));
          if (parent != lastParent) {
            // along-track points stay in one parent cell for long stretches
            last = buckets.get(parent);
            lastParent = parent;
          }
          if (last != null) {
            last.add((int) ((hashed[i] >>> (2 * (18 - childOrder))) & (children - 1)), h[i], s[i]);
          }
        }
      }
    }
  }

  /** A counting sort of a parent's points by child, then statistics per child; their sum. */
  private static double statistics(
      Bucket b, int children, List<CellAggregator> aggregators, Sorted sorted) {
    int[] start = new int[children + 1];
    for (int k = 0; k < b.chunks.size(); k++) {
      int[] child = b.chunks.get(k).child;
      for (int i = 0, n = b.chunkSize(k); i < n; i++) {
        start[child[i] + 1]++;
      }
    }
    for (int c = 0; c < children; c++) {
      start[c + 1] += start[c];
    }
    int[] at = Arrays.copyOf(start, children);
    double[][] columns = sorted.columns(b.size);
    double[] sortedH = columns[0];
    double[] sortedS = columns[1];
    for (int k = 0; k < b.chunks.size(); k++) {
      Chunk chunk = b.chunks.get(k);
      for (int i = 0, n = b.chunkSize(k); i < n; i++) {
        int j = at[chunk.child[i]]++;
        sortedH[j] = chunk.h[i];
        sortedS[j] = chunk.s[i];
      }
    }
    CellColumns cells = CellColumns.over(List.of("h_li", "s_li"), sortedH, sortedS);
    double checksum = 0;
    for (int c = 0; c < children; c++) {
      if (start[c] == start[c + 1]) {
        continue;
      }
      cells.range(start[c], start[c + 1]);
      for (CellAggregator a : aggregators) {
        checksum += a.apply(cells);
      }
    }
    return checksum;
  }

  /** The sorted columns of the loop, reused from cell to cell (grown to the largest cell). */
  private static final class Sorted {
    private double[][] columns = new double[2][0];

    /** Two columns (h, s) of at least {@code n} points. */
    double[][] columns(int n) {
      if (columns[0].length < n) {
        columns = null;
        columns = new double[2][n + n / 4];
      }
      return columns;
    }
  }

  /**
   * The kept points of one parent cell in the hand-written loop, in fixed-size chunks: growing one
   * array by doubling would copy every point again and, past half a heap region, churn the G1
   * collector's uncompacted "humongous" regions.
   */
  private static final class Bucket {
    static final int CHUNK = 1 << 15;
    final List<Chunk> chunks = new ArrayList<>();
    Chunk current;
    int size;

    void add(int c, float hv, float sv) {
      int i = size % CHUNK;
      if (i == 0) {
        current = new Chunk();
        chunks.add(current);
      }
      current.child[i] = c;
      current.h[i] = hv;
      current.s[i] = sv;
      size++;
    }

    int chunkSize(int k) {
      return k < chunks.size() - 1 ? CHUNK : size - k * CHUNK;
    }
  }

  /** A chunk of a bucket. */
  private static final class Chunk {
    final int[] child = new int[Bucket.CHUNK];
    final float[] h = new float[Bucket.CHUNK];
    final float[] s = new float[Bucket.CHUNK];
  }

  private static float fillValue(Dataset d) {
    Object v = d.getAttribute("_FillValue").getData();
    return v instanceof float[] ? ((float[]) v)[0] : ((Number) v).floatValue();
  }

  /**
   * Samples the used heap every 5 ms from a daemon thread and keeps the largest value seen (after a
   * GC at the start, so garbage of earlier work does not count).
   */
  static final class HeapSampler implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler() {
      System.gc();
      thread =
          new Thread(
              () -> {
                while (running) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    double peakMb() {
      peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      return peak.get() / (1024.0 * 1024.0);
    }

    @Override
    public void close() {
      running = false;
      thread.interrupt();
    }
  }
}
