package org.magg.transforms.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellColumnsTest {

  @Test
  void wholeArrays() {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("a", new double[] {1, 2, 3});
    m.put("b", new double[] {4, 5, 6});
    CellColumns c = CellColumns.of(m);
    assertEquals(List.of("a", "b"), c.names());
    assertEquals(3, c.size());
    assertEquals(5.0, c.get("b", 1));
    assertTrue(c.has("a"));
    assertFalse(c.has("z"));
    assertThrows(IllegalArgumentException.class, () -> c.array("z"));
    Map<String, double[]> bad = new LinkedHashMap<>();
    bad.put("a", new double[] {1});
    bad.put("b", new double[] {1, 2});
    assertThrows(IllegalArgumentException.class, () -> CellColumns.of(bad));
  }

  @Test
  void rangesAreViewsWithoutCopies() {
    double[] a = {0, 1, 2, 3, 4, 5};
    double[] b = {9, 9, 9, 9};
    CellColumns c = CellColumns.over(List.of("a", "b"), a, b);
    assertEquals(4, c.size()); // the shortest array bounds the ranges
    c.range(1, 3);
    assertEquals(1, c.from());
    assertEquals(3, c.to());
    assertEquals(2, c.size());
    assertEquals(2.0, c.get("a", 1));
    assertTrue(a == c.array("a"));
    assertArrayEquals(new double[] {1, 2}, c.copyOf("a"));
    assertThrows(IndexOutOfBoundsException.class, () -> c.get("a", 2));
    assertThrows(IndexOutOfBoundsException.class, () -> c.range(3, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> c.range(0, 5));
    assertThrows(IndexOutOfBoundsException.class, () -> c.range(-1, 1));
    c.range(4, 4);
    assertEquals(0, c.size());
    c.data(new double[] {7, 8}, new double[] {1, 2, 3});
    assertEquals(0, c.from());
    assertEquals(2, c.to());
    assertThrows(IllegalArgumentException.class, () -> c.data(new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> CellColumns.over(List.of("a", "a"), a, a));
    assertThrows(IllegalArgumentException.class, () -> CellColumns.over(List.of("a"), a, b));
  }

  @Test
  void ranksFollowTheRange() {
    double[] a = {5, 3, 9, 1, Double.NaN, 2};
    CellColumns c = CellColumns.over(List.of("a"), a);
    c.range(0, 3);
    Ranks r = c.ranks(0);
    assertArrayEquals(new double[] {3, 5, 9}, new double[] {r.get(0), r.get(1), r.get(2)});
    c.range(2, 6);
    r = c.ranks(0);
    assertEquals(4, r.size());
    assertEquals(3, r.nonNaN()); // the NaN ranks last
    assertArrayEquals(new double[] {1, 2, 9}, new double[] {r.get(0), r.get(1), r.get(2)});
    assertThrows(IndexOutOfBoundsException.class, () -> c.ranks(0).get(3));
    assertArrayEquals(new double[] {5, 3, 9, 1, Double.NaN, 2}, a); // source untouched
  }
}
