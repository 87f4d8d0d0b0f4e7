package org.magg.io.gridded;

import java.io.Serializable;
import org.magg.core.Failure;

/**
 * Work done on each timestep inside {@link GriddedFieldIO}'s reading step ({@link
 * GriddedFieldIO.Read#thenApply}), so that the field slices are not held, encoded or passed on
 * between steps: only the results are. On a runner that materialises each step's output before the
 * next step runs (the Direct runner does, with no backpressure), reading a long series into {@link
 * FieldSlice}s first would hold every slice in memory at once.
 *
 * <p>An instance is serialised to the workers; {@link #setup()} is called once per copy before the
 * first slice (build per-thread state there, in transient fields). Each copy is used by one thread.
 *
 * @param <T> the result of one timestep
 */
public interface SliceFn<T> extends Serializable {
  /** Called once per deserialised copy, before the first {@link #apply}. */
  default void setup() {}

  /**
   * The result of one timestep. A {@link RuntimeException} fails this timestep alone: {@link
   * #failure} describes it and the next timesteps are still read and applied.
   */
  T apply(FieldSlice slice);

  /**
   * The failure reported when {@link #apply} throws: stage {@code timestep}, subject the slice's
   * source ({@code path#time=index}), reason {@code <collection> at <time>: <message>}.
   */
  default Failure failure(FieldSlice slice, RuntimeException e) {
    return slice.failure(e);
  }
}
