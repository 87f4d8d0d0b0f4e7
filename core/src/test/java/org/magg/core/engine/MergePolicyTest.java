package org.magg.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each policy on the same two arrays, against values worked out by hand. */
class MergePolicyTest {
  private static final double N = Double.NaN;
  // cell:                           0    1    2    3    4    5
  private static final double[] OLD = {1.0, 5.0, N, N, 0.0, -2.0};
  private static final double[] NEW = {3.0, 2.0, 4.0, N, 0.0, N};

  @Test
  void lastWriterTakesTheNewValuesNaNIncluded() {
    assertArrayEquals(
        new double[] {3.0, 2.0, 4.0, N, 0.0, N}, MergePolicy.LAST_WRITER.merge(OLD, NEW));
  }

  @Test
  void monotoneMinKeepsTheSmallerAndReadsNaNAsNoValue() {
    assertArrayEquals(
        new double[] {1.0, 2.0, 4.0, N, 0.0, -2.0}, MergePolicy.MONOTONE_MIN.merge(OLD, NEW));
  }

  @Test
  void monotoneMaxKeepsTheLargerAndReadsNaNAsNoValue() {
    assertArrayEquals(
        new double[] {3.0, 5.0, 4.0, N, 0.0, -2.0}, MergePolicy.MONOTONE_MAX.merge(OLD, NEW));
  }

  @Test
  void accumulateAddsAndReadsNaNAsNoValue() {
    assertArrayEquals(
        new double[] {4.0, 7.0, 4.0, N, 0.0, -2.0}, MergePolicy.ACCUMULATE.merge(OLD, NEW));
  }

  @Test
  void unionIsTheSetOfNonZeroCells() {
    assertArrayEquals(new double[] {1.0, 1.0, 1.0, N, 0.0, 1.0}, MergePolicy.UNION.merge(OLD, NEW));
    assertEquals(0.0, MergePolicy.UNION.merge(0.0, N));
  }

  @Test
  void monotoneMaxIsOrderIndependent() {
    double[] a = {1, N, 3, 7};
    double[] b = {2, 6, N, 7};
    double[] c = {0, 5, 9, N};
    MergePolicy p = MergePolicy.MONOTONE_MAX;
    assertArrayEquals(p.merge(p.merge(a, b), c), p.merge(p.merge(c, a), b));
    assertArrayEquals(new double[] {2, 6, 9, 7}, p.merge(p.merge(a, b), c));
  }

  @Test
  void lengthsMustAgree() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MergePolicy.ACCUMULATE.merge(new double[2], new double[3]));
    assertTrue(
        e.getMessage().contains("cannot merge 3 values into 2 cells (accumulate)"), e.getMessage());
  }

  @Test
  void parsesConfigNamesAndRefusesOthers() {
    assertEquals(MergePolicy.MONOTONE_MAX, MergePolicy.parse("monotone_max"));
    assertEquals(MergePolicy.LAST_WRITER, MergePolicy.parse("Last-Writer"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MergePolicy.parse("max"));
    assertTrue(e.getMessage().contains("got 'max'"), e.getMessage());
    assertTrue(e.getMessage().contains("monotone_max"), e.getMessage());
  }
}
