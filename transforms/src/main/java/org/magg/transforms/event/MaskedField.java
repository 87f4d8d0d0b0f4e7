package org.magg.transforms.event;

/**
 * A timestep's detection input: per cell (row-major {@code lat x lon}) whether it is inside an
 * object, and the value field whose maximum each object reports.
 *
 * @param mask the evaluated detection predicate
 * @param values the value field (NaN where missing)
 */
public record MaskedField(boolean[] mask, double[] values) {
  public MaskedField {
    if (mask.length != values.length) {
      throw new IllegalArgumentException(
          "a mask of " + mask.length + " cells with " + values.length + " values");
    }
  }
}
