package org.magg.transforms.cycles;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Which observations each batch of state variables uses in a local analysis, and their taper
 * weights, on a periodic 1-D grid (DAPPER's {@code nd_Id_localization}): the n variables are split
 * into round(n / batchSize) contiguous batches (the first n mod count batches one longer, as
 * numpy's {@code array_split}); the distance from a batch to an observation is the mean over the
 * batch's points of the periodic distance min(|i - p|, n - |i - p|); an observation is used when
 * its {@link GaspariCohn} weight exceeds 1e-3.
 */
public final class Localization implements Serializable {
  private static final long serialVersionUID = 1L;
  static final double CUTOFF = 1e-3;
  private final int n;
  private final int[][] batches;
  private final int[][] obs;
  private final double[][] weights;

  private Localization(int n, int[][] batches, int[][] obs, double[][] weights) {
    this.n = n;
    this.batches = batches;
    this.obs = obs;
    this.weights = weights;
  }

  /** Localisation of observations at grid positions {@code obsLocations} on a ring of n. */
  public static Localization periodic(int n, double[] obsLocations, double radius, int batchSize) {
    if (radius < 0) {
      throw new IllegalArgumentException("localisation radius must be >= 0, got " + radius);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("localisation batch size must be >= 1, got " + batchSize);
    }
    if (obsLocations == null) {
      throw new IllegalArgumentException(
          "local analyses need the observations' grid positions; the observation operator has"
              + " none");
    }
    int count = Math.max(1, (int) Math.rint((double) n / batchSize));
    int base = n / count;
    int extra = n % count;
    int[][] batches = new int[count][];
    int start = 0;
    for (int b = 0; b < count; b++) {
      int size = base + (b < extra ? 1 : 0);
      batches[b] = new int[size];
      for (int i = 0; i < size; i++) {
        batches[b][i] = start + i;
      }
      start += size;
    }
    int[][] obs = new int[count][];
    double[][] weights = new double[count][];
    for (int b = 0; b < count; b++) {
      List<Integer> used = new ArrayList<>();
      List<Double> w = new ArrayList<>();
      for (int j = 0; j < obsLocations.length; j++) {
        double sum = 0;
        for (int i : batches[b]) {
          double d = Math.abs(i - obsLocations[j]);
          sum += Math.min(d, n - d);
        }
        double c = GaspariCohn.coefficient(sum / batches[b].length, radius);
        if (c > CUTOFF) {
          used.add(j);
          w.add(c);
        }
      }
      obs[b] = used.stream().mapToInt(Integer::intValue).toArray();
      weights[b] = w.stream().mapToDouble(Double::doubleValue).toArray();
    }
    return new Localization(n, batches, obs, weights);
  }

  public int stateDim() {
    return n;
  }

  public int batchCount() {
    return batches.length;
  }

  /** The state indices of batch b. */
  public int[] batch(int b) {
    return batches[b].clone();
  }

  /** The observations batch b uses. */
  public int[] observations(int b) {
    return obs[b].clone();
  }

  /** Their taper weights. */
  public double[] weights(int b) {
    return weights[b].clone();
  }

  int[] batchRef(int b) {
    return batches[b];
  }

  int[] obsRef(int b) {
    return obs[b];
  }

  double[] weightsRef(int b) {
    return weights[b];
  }
}
