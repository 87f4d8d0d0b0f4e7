package org.magg.transforms.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CellMaskTest {

  @Test
  void unionOfBinaryMasksIsTheSortedSetOfTheirCells() {
    CellMask u =
        CellMask.union(
            List.of(
                CellMask.of(new int[] {2, 5, 9}),
                CellMask.of(new int[] {0, 5, 10}),
                CellMask.of(new int[] {9, 11})));
    // {2,5,9} u {0,5,10} u {9,11}
    assertEquals(CellMask.of(new int[] {0, 2, 5, 9, 10, 11}), u);
    assertEquals(1.0, u.weight(3));
  }

  @Test
  void unionKeepsTheLargestWeightOfEachCell() {
    CellMask u =
        CellMask.union(
            List.of(
                CellMask.weighted(new int[] {1, 3}, new double[] {0.25, 0.5}),
                CellMask.of(new int[] {3, 4}),
                CellMask.weighted(new int[] {1, 4, 7}, new double[] {0.75, 0.5, 0.125})));
    // cell 1: max(0.25, 0.75); 3: max(0.5, 1); 4: max(1, 0.5); 7: 0.125
    assertEquals(CellMask.weighted(new int[] {1, 3, 4, 7}, new double[] {0.75, 1, 1, 0.125}), u);
  }

  @Test
  void unionOfNothingOrOneMask() {
    assertTrue(CellMask.union(List.of()).isEmpty());
    CellMask one = CellMask.of(new int[] {4});
    assertSame(one, CellMask.union(List.of(one)));
    assertTrue(CellMask.union(List.of(CellMask.empty(), CellMask.empty())).isEmpty());
    assertEquals(one, CellMask.union(List.of(CellMask.empty(), one)));
  }

  /** Random masks against a union built independently in a sorted map. */
  @Test
  void unionAgreesWithASortedMapOnRandomMasks() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int count = 1 + rnd.nextInt(8);
      boolean weighted = rnd.nextBoolean();
      List<CellMask> masks = new java.util.ArrayList<>();
      TreeMap<Integer, Double> expected = new TreeMap<>();
      for (int i = 0; i < count; i++) {
        int[] cells = rnd.ints(rnd.nextInt(30), 0, 100).distinct().sorted().toArray();
        double[] w = weighted && i % 2 == 0 ? new double[cells.length] : null;
        for (int k = 0; k < cells.length; k++) {
          if (w != null) {
            w[k] = 0.01 + rnd.nextDouble();
          }
          expected.merge(cells[k], w == null ? 1.0 : w[k], Math::max);
        }
        masks.add(CellMask.weighted(cells, w));
      }
      CellMask u = CellMask.union(masks);
      assertEquals(expected.size(), u.size());
      int k = 0;
      for (var e : expected.entrySet()) {
        assertEquals(e.getKey(), u.cell(k));
        assertEquals(e.getValue(), u.weight(k));
        k++;
      }
    }
  }
}
