package org.magg.core.engine;

import java.io.Serializable;

/**
 * A regular spatial axis: {@code count} cell centres from {@code start} by {@code step} degrees.
 *
 * @param start the first cell centre (degrees)
 * @param step the spacing (degrees, non-zero, finite)
 * @param count the number of cells (at least 1)
 */
public record Axis(double start, double step, int count) implements Serializable {

  /** Checks the fields. @throws IllegalArgumentException naming the field */
  public Axis {
    if (!Double.isFinite(start)) {
      throw new IllegalArgumentException("axis start must be a finite number, got " + start);
    }
    if (!Double.isFinite(step) || step == 0) {
      throw new IllegalArgumentException("axis step must be a non-zero number, got " + step);
    }
    if (count < 1) {
      throw new IllegalArgumentException("axis count must be at least 1, got " + count);
    }
  }

  /** The centre of cell {@code i}: {@code start + i * step}. */
  public double at(int i) {
    return start + i * step;
  }

  /** Every cell centre. */
  public double[] values() {
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] = at(i);
    }
    return v;
  }
}
