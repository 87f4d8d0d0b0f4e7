package org.magg.transforms.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every rank is the value, bit for bit, that {@link Arrays#sort(double[])} puts at that index. */
class RanksTest {

  /** Asks for the ranks in {@code order} and checks each against the sorted copy. */
  private static void checkAgainstSort(double[] values, int[] order) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int nonNaN = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        nonNaN++;
      }
    }
    Ranks r = new Ranks();
    double[] padded = new double[values.length + 3];
    System.arraycopy(values, 0, padded, 2, values.length);
    r.load(padded, 2, 2 + values.length);
    assertEquals(values.length, r.size());
    assertEquals(nonNaN, r.nonNaN());
    for (int k : order) {
      if (k < nonNaN) {
        assertEquals(
            Double.doubleToRawLongBits(sorted[k]),
            Double.doubleToRawLongBits(r.get(k)),
            "rank " + k + " of " + Arrays.toString(values));
      }
    }
  }

  /** Every rank in a random order (the first 40 of them for a large cell). */
  private static int[] someRanks(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return Arrays.copyOf(order, Math.min(n, 40));
  }

  @Test
  void smallCasesWorkedOut() {
    Ranks r = new Ranks();
    r.load(new double[] {4, -1, 7, 0.5}, 0, 4);
    assertEquals(0.5, r.get(1));
    assertEquals(-1, r.get(0));
    assertEquals(7, r.get(3));
    assertEquals(4, r.get(2));
    // -0.0 ranks before 0.0, as in Arrays.sort
    r.load(new double[] {0.0, -0.0, 0.0}, 0, 3);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(r.get(0)));
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(r.get(1)));
  }

  @Test
  void randomCellsInAnyOrderOfQuestions() {
    Random random = new Random(7);
    for (int round = 0; round < 400; round++) {
      int n = 1 + random.nextInt(round < 200 ? 40 : 3000);
      double[] v = new double[n];
      int kind = round % 5;
      for (int i = 0; i < n; i++) {
        v[i] =
            switch (kind) {
              case 0 -> random.nextGaussian() * 100;
              case 1 -> random.nextInt(5) - 2; // many ties
              case 2 -> i; // sorted
              case 3 -> n - i; // reversed
              default ->
                  switch (random.nextInt(8)) {
                    case 0 -> Double.NaN;
                    case 1 -> -0.0;
                    case 2 -> 0.0;
                    case 3 -> Double.NEGATIVE_INFINITY;
                    case 4 -> Double.POSITIVE_INFINITY;
                    case 5 -> -Double.MIN_VALUE;
                    default -> (float) random.nextGaussian();
                  };
            };
      }
      checkAgainstSort(v, someRanks(n, random));
      // the pattern of a quantile: a rank and its right neighbour, then a second pair
      int k = random.nextInt(n);
      checkAgainstSort(v, new int[] {k, Math.min(k + 1, n - 1), n / 2, Math.min(n / 2 + 1, n - 1)});
    }
  }

  @Test
  void adversarialInputFallsBackToSorting() {
    // organ pipe and all-equal inputs, with the middle rank asked first
    int n = 5000;
    double[] pipe = new double[n];
    double[] same = new double[n];
    for (int i = 0; i < n; i++) {
      pipe[i] = Math.min(i, n - i);
      same[i] = 3.25;
    }
    checkAgainstSort(pipe, new int[] {n / 2, n / 4, n / 4 + 1, 3 * n / 4, 0, n - 1});
    checkAgainstSort(same, new int[] {n / 2, 0, n - 1});
  }

  @Test
  void reloadingForgetsThePreviousCell() {
    Ranks r = new Ranks();
    r.load(new double[] {9, 8, 7, 6, 5}, 0, 5);
    assertEquals(7, r.get(2));
    r.load(new double[] {1, Double.NaN, 3}, 0, 3);
    assertEquals(3, r.size());
    assertEquals(2, r.nonNaN());
    assertEquals(3, r.get(1));
    assertEquals(1, r.get(0));
  }
}
