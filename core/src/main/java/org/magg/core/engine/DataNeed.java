package org.magg.core.engine;

import java.io.Serializable;
import java.util.Objects;

/**
 * A variable a producer reads: its name and kind, the coarsest native resolution it accepts, and
 * optionally the units and element type it expects.
 *
 * @param name the variable's name
 * @param kind whether it has a time dimension
 * @param maxNativeResM the coarsest native resolution (metres) the producer accepts, or null for
 *     any
 * @param units the units expected, or empty for whatever the variable has
 * @param dtype the element type expected, or null for whatever the variable has
 * @param required whether the producer cannot run without it (an optional need that no producer
 *     makes is simply absent from the inputs)
 */
public record DataNeed(
    String name, VarKind kind, Double maxNativeResM, String units, VarDtype dtype, boolean required)
    implements Serializable {

  /** Checks the fields. @throws IllegalArgumentException naming the need and the field */
  public DataNeed {
    Names.check("need name", name);
    Objects.requireNonNull(kind, () -> "need '" + name + "': kind is required");
    units = units == null ? "" : units;
    Names.checkResolution("need '" + name + "'", maxNativeResM);
  }

  /** A required need of any resolution, units and type. */
  public static DataNeed of(String name, VarKind kind) {
    return new DataNeed(name, kind, null, "", null, true);
  }

  /** This need accepting native resolutions up to {@code metres} (null: any). */
  public DataNeed withMaxNativeResM(Double metres) {
    return new DataNeed(name, kind, metres, units, dtype, required);
  }

  /** This need as optional. */
  public DataNeed optional() {
    return new DataNeed(name, kind, maxNativeResM, units, dtype, false);
  }
}
