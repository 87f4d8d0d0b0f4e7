package org.magg.pipelines;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.magg.config.PipelineConfig;
import org.magg.config.VariableSpec;
import org.magg.grid.Healpix;
import org.magg.grid.Morton;
import org.magg.transforms.aggregation.CellAggregator;
import org.magg.transforms.aggregation.CellAggregators;
import org.magg.transforms.aggregation.CellColumns;

/**
 * The spatial benchmark: generates ATL06-layout granules with N points, then times (1) the pipeline
 * on the Direct runner and (2) a single-threaded hand-written loop over the same files (read, hash,
 * sort, statistics), and reports points per second, their ratio and peak heap.
 */
public final class SpatialBenchmark {

  /**
   * Measured figures.
   *
   * @param points points in the generated granules
   * @param pipelineSeconds wall time of the pipeline run
   * @param pipelinePeakHeapMb peak heap during the pipeline run (sum of heap pool peaks)
   * @param loopSeconds wall time of the hand-written loop
   * @param loopPeakHeapMb peak heap during the loop
   * @param summary the pipeline's run summary
   * @param loopBinned points the loop binned (must equal the pipeline's)
   */
  public record Figures(
      long points,
      double pipelineSeconds,
      double pipelinePeakHeapMb,
      double loopSeconds,
      double loopPeakHeapMb,
      RunSummary summary,
      long loopBinned) {

    public double pipelinePointsPerSecond() {
      return points / pipelineSeconds;
    }

    public double loopPointsPerSecond() {
      return points / loopSeconds;
    }

    public String toText() {
      return String.format(
          Locale.ROOT,
          "points:           %,d (%d granules)%n"
              + "pipeline:         %.2f s, %,.0f points/s, peak heap %.0f MB (%s)%n"
              + "hand-written:     %.2f s, %,.0f points/s, peak heap %.0f MB (1 thread)%n"
              + "ratio:            pipeline rate / loop rate = %.2f%n"
              + "max heap:         %.0f MB (-Xmx)%n"
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
          pipelinePointsPerSecond() / loopPointsPerSecond(),
          Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0),
          summary.pointsBinned(),
          loopBinned);
    }
  }

  /** Written by the loop so that its statistics are not optimised away. */
  static volatile double sink;

  private SpatialBenchmark() {}

  /** Generates (or reuses) the granules under {@code dir} and measures both paths. */
  public static Figures run(Path dir, long points, int granules, List<String> pipelineArgs)
      throws IOException {
    int perBeam = (int) Math.max(1, points / (granules * 6L));
    SampleData.Result sample =
        SampleData.generate(
            dir.resolve("granules"), new SampleData.Spec(granules, perBeam, 6, 42L));
    PipelineConfig config = Magg.defaultConfig("atl06");
    Path store = dir.resolve("bench.zarr");

    RunSummary summary;
    double pipelineSeconds;
    double pipelinePeak;
    try (HeapSampler heap = new HeapSampler()) {
      long t0 = System.nanoTime();
      summary =
          Magg.run(
              config,
              RunOptions.defaults()
                  .withCatalog(sample.catalog().toString())
                  .withStore(store.toString())
                  .withOverwrite(true)
                  .withPipelineArgs(pipelineArgs));
      pipelineSeconds = (System.nanoTime() - t0) / 1e9;
      pipelinePeak = heap.peakMb();
    }
    long loopBinned;
    double loopSeconds;
    double loopPeak;
    try (HeapSampler heap = new HeapSampler()) {
      long t1 = System.nanoTime();
      loopBinned = handWrittenLoop(config, sample, 6);
      loopSeconds = (System.nanoTime() - t1) / 1e9;
      loopPeak = heap.peakMb();
    }
    return new Figures(
        sample.points(), pipelineSeconds, pipelinePeak, loopSeconds, loopPeak, summary, loopBinned);
  }

  /**
   * Read every granule with jhdf, hash each kept point to its order-18 cell, sort the points by
   * cell, and compute every child cell's statistics: what the pipeline does, in one thread and
   * without Beam. Returns the number of points binned.
   */
  static long handWrittenLoop(PipelineConfig config, SampleData.Result sample, int parentOrder)
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
    Map<Long, Bucket> buckets = new HashMap<>();
    for (Long cell : catalogCells(sample.catalog())) {
      buckets.put(Morton.toNested(cell), new Bucket());
    }
    for (Path granule : sample.granules()) {
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
          for (int i = 0; i < lat.length; i++) {
            if (q[i] != 0 || h[i] == fill || s[i] == fill) {
              continue;
            }
            Bucket b = buckets.get(hashed[i] >>> (2 * (18 - parentOrder)));
            if (b != null) {
              b.add((int) ((hashed[i] >>> (2 * (18 - childOrder))) & (children - 1)), h[i], s[i]);
            }
          }
        }
      }
    }
    long binned = 0;
    double checksum = 0;
    for (Bucket b : buckets.values()) {
      // counting sort of the parent's points by child, then statistics per child
      int[] start = new int[children + 1];
      for (int i = 0; i < b.size; i++) {
        start[b.child[i] + 1]++;
      }
      for (int c = 0; c < children; c++) {
        start[c + 1] += start[c];
      }
      int[] at = Arrays.copyOf(start, children);
      double[] sortedH = new double[b.size];
      double[] sortedS = new double[b.size];
      for (int i = 0; i < b.size; i++) {
        int k = at[b.child[i]]++;
        sortedH[k] = b.h[i];
        sortedS[k] = b.s[i];
      }
      CellColumns columns = CellColumns.over(List.of("h_li", "s_li"), sortedH, sortedS);
      for (int c = 0; c < children; c++) {
        if (start[c] == start[c + 1]) {
          continue;
        }
        columns.range(start[c], start[c + 1]);
        for (CellAggregator a : aggregators) {
          checksum += a.apply(columns);
        }
      }
      binned += b.size;
    }
    sink = checksum; // keeps the statistics from being optimised away
    return binned;
  }

  /** The kept points of one parent cell in the hand-written loop. */
  private static final class Bucket {
    int[] child = new int[1024];
    float[] h = new float[1024];
    float[] s = new float[1024];
    int size;

    void add(int c, float hv, float sv) {
      if (size == child.length) {
        child = Arrays.copyOf(child, size * 2);
        h = Arrays.copyOf(h, size * 2);
        s = Arrays.copyOf(s, size * 2);
      }
      child[size] = c;
      h[size] = hv;
      s[size] = sv;
      size++;
    }
  }

  private static float fillValue(Dataset d) {
    Object v = d.getAttribute("_FillValue").getData();
    return v instanceof float[] ? ((float[]) v)[0] : ((Number) v).floatValue();
  }

  private static List<Long> catalogCells(Path catalog) {
    return new ArrayList<>(org.magg.io.GranuleCatalog.read(catalog).cells().keySet());
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
