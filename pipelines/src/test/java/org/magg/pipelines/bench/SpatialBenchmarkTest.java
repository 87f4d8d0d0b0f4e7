package org.magg.pipelines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.spatial.GranuleCatalog;
import org.magg.pipelines.Magg;
import org.magg.pipelines.config.PipelineConfig;
import org.magg.pipelines.samples.SampleData;

/**
 * The benchmark's hand-written loop in passes of parent cells: every cell in exactly one pass, in
 * catalog order; one cell per pass, a few cells per pass and all cells in one pass bin the same
 * points.
 */
class SpatialBenchmarkTest {
  @TempDir Path dir;

  @Test
  void passesCoverEveryCellOnceAndBinTheSamePoints() throws IOException {
    SampleData.Result sample = SampleData.generate(dir, new SampleData.Spec(6, 3000, 6, 42L));
    List<Long> cells = new ArrayList<>(GranuleCatalog.read(sample.catalog()).cells().keySet());

    List<Map<Long, List<String>>> single = SpatialBenchmark.passes(sample, 1);
    assertEquals(cells.size(), single.size(), "a budget of one point: one cell per pass");
    List<Map<Long, List<String>>> all = SpatialBenchmark.passes(sample, Long.MAX_VALUE);
    assertEquals(1, all.size());
    assertEquals(cells, new ArrayList<>(all.get(0).keySet()));
    // 6 granules x 6 beams x 3,000 points; a budget of a third: at least 3 passes
    List<Map<Long, List<String>>> thirds = SpatialBenchmark.passes(sample, 36_000);
    List<Long> inOrder = new ArrayList<>();
    thirds.forEach(p -> inOrder.addAll(p.keySet()));
    assertEquals(cells, inOrder, "every cell once, in catalog order");
    assertEquals(true, thirds.size() >= 3, thirds.size() + " passes");

    PipelineConfig config = Magg.defaultConfig("atl06");
    long once = SpatialBenchmark.handWrittenLoop(config, sample, 6, Long.MAX_VALUE).binned();
    double sumOnce = SpatialBenchmark.sink;
    SpatialBenchmark.Loop oneByOne = SpatialBenchmark.handWrittenLoop(config, sample, 6, 1);
    long perCell = oneByOne.binned();
    assertEquals(once, perCell);
    // one pass per cell, reading each cell's granules: the catalog's cell -> granule entries
    int entries = 0;
    for (List<String> g : GranuleCatalog.read(sample.catalog()).cells().values()) {
      entries += g.size();
    }
    assertEquals(cells.size(), oneByOne.passes());
    assertEquals(entries, oneByOne.granuleReads());
    assertEquals(
        6, SpatialBenchmark.handWrittenLoop(config, sample, 6, Long.MAX_VALUE).granuleReads());
    assertEquals(sumOnce, SpatialBenchmark.sink, Math.abs(sumOnce) * 1e-12);
    assertEquals(once, SpatialBenchmark.handWrittenLoop(config, sample, 6, 36_000).binned());
    // about 93% of the points are kept (2% fill, 5% quality flags), all inside the catalog's cells
    assertEquals(0.93, once / (6.0 * 6 * 3000), 0.02);
  }
}
