package org.magg.transforms.spatial;

import java.io.Serializable;
import java.util.Set;

/**
 * One compiled aggregation variable: computes a single value from the points of a cell.
 *
 * <p>Instances are immutable and thread-safe; all per-call scratch lives in the {@link CellColumns}
 * passed in. Create them with {@link CellAggregators#compile}.
 */
public interface CellAggregator extends Serializable {

  /** The output variable name (the key under {@code aggregation.variables}). */
  String outputName();

  /**
   * The canonical function name ({@code len}, {@code min}, {@code quantile}, ...; {@code count}
   * becomes {@code len}, {@code np.}/{@code numpy.} prefixes and {@code amin}/{@code amax} aliases
   * are resolved), or {@code expression} for an expression variable.
   */
  String function();

  /**
   * The data_source variables this aggregator reads: its source (if any) followed by the variables
   * of its expression or of its weights, in order of first appearance.
   */
  Set<String> requiredVariables();

  /**
   * The value for the current cell of {@code cells}. An empty cell gives 0 for {@code len}/{@code
   * count} and NaN for everything else (magg's empty-cell rule; the writer maps NaN to the fill
   * value).
   *
   * @throws IllegalArgumentException if a required variable is not among the cell's columns
   * @throws ArithmeticException for {@code average} whose weights sum to zero (numpy raises {@code
   *     ZeroDivisionError} there)
   */
  double apply(CellColumns cells);
}
