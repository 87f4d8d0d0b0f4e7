package org.magg.transforms.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.magg.core.grid.Morton;
import org.magg.io.spatial.CellChunk;
import org.magg.io.spatial.PointBatch;

class CellStatisticsTest {
  private static final Set<String> VARS = Set.of("h");

  private static CellStatistics stats() {
    List<CellAggregator> aggs =
        List.of(
            CellAggregators.compile("n", "len", "h", Map.of(), null, VARS),
            CellAggregators.compile("mean", "mean", "h", Map.of(), null, VARS),
            CellAggregators.compile("q50", "median", "h", Map.of(), null, VARS));
    return new CellStatistics(6, 7, List.of("h"), aggs);
  }

  @Test
  void pointsFromSeveralBatchesLandInTheirChildren() {
    long parent = 3234123L;
    PointBatch a = new PointBatch(3, new int[] {2, 0, 2}, new double[][] {{10, 1, 30}});
    PointBatch b = new PointBatch(2, new int[] {2, 3}, new double[][] {{20, 7}});
    CellChunk chunk = stats().compute(parent, 4, List.of(a, b));
    assertEquals(4, chunk.childCount());
    assertEquals(5, chunk.pointsBinned());
    assertEquals(3, chunk.childCellsWithData());
    assertEquals(4, chunk.chunkIndex());
    // n, mean, median per child: {1}, {}, {10, 30, 20}, {7}
    double[][] v = chunk.values();
    assertEquals(List.of(1.0, 0.0, 3.0, 1.0), List.of(v[0][0], v[0][1], v[0][2], v[0][3]));
    assertEquals(1.0, v[1][0]);
    assertTrue(Double.isNaN(v[1][1]));
    assertEquals(20.0, v[1][2]);
    assertEquals(20.0, v[2][2]);
    assertEquals(7.0, v[2][3]);
    long[] children = Morton.children(parent, 7);
    for (int c = 0; c < 4; c++) {
      assertEquals(children[c], chunk.mortons()[c]);
      assertEquals(Morton.toNested(children[c]), chunk.cellIds()[c]);
    }
  }

  @Test
  void badChildIndexIsAnErrorNamingTheCell() {
    PointBatch bad = new PointBatch(1, new int[] {4}, new double[][] {{1}});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> stats().compute(3234123L, 0, List.of(bad)));
    assertTrue(e.getMessage().contains("3234123"), e.getMessage());
  }
}
