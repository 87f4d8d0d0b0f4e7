package org.magg.transforms.event;

import java.io.Serializable;
import org.magg.io.gridded.FieldSlice;
import org.magg.io.gridded.GridSlice;

/**
 * Evaluates the detection predicate on one timestep of a collection: which cells are inside
 * objects, and the field whose maximum they report. Implementations are serializable (they travel
 * to the workers) and throw {@link IllegalArgumentException} naming the variable when a slice
 * cannot be evaluated.
 */
@FunctionalInterface
public interface SliceMask extends Serializable {
  MaskedField evaluate(FieldSlice slice);

  /**
   * Cells where the 2-D field {@code variable} is greater than {@code threshold} (NaN is not);
   * reports the maximum of {@code variable}.
   */
  static SliceMask above(String variable, double threshold) {
    return slice -> {
      GridSlice g = slice.variable(variable);
      if (g.levels() != 1) {
        throw new IllegalArgumentException(
            "variable '"
                + variable
                + "' has "
                + g.levels()
                + " levels (detection needs a 2-D lat x lon field)");
      }
      double[] v = g.values();
      boolean[] mask = new boolean[v.length];
      for (int c = 0; c < v.length; c++) {
        mask[c] = v[c] > threshold;
      }
      return new MaskedField(mask, v);
    };
  }
}
