package org.magg.core.engine;

import java.io.Serializable;
import java.util.Objects;

/**
 * A variable of the cube: its name, whether it has a time dimension, its element type and units,
 * how writes merge, a description, the coarsest native resolution it accepts, and whether it must
 * exist for a run to succeed.
 *
 * @param name the variable's name (a letter or {@code _}, then letters, digits, {@code _}); the
 *     cube stores it as {@code <name>.zarr}
 * @param kind {@link VarKind#STATIC} or {@link VarKind#TIME}
 * @param dtype the element type
 * @param units the units (UDUNITS-style, {@code "1"} for dimensionless); empty if unknown
 * @param mergePolicy how writes merge, or null when not declared: then {@link
 *     MergePolicy#LAST_WRITER} applies, and only one producer may produce the variable
 * @param description free text; empty if none
 * @param maxNativeResM the coarsest native resolution (metres) at which data satisfies this
 *     variable, or null for any
 * @param required whether a run fails when the variable cannot be obtained
 */
public record VarSpec(
    String name,
    VarKind kind,
    VarDtype dtype,
    String units,
    MergePolicy mergePolicy,
    String description,
    Double maxNativeResM,
    boolean required)
    implements Serializable {

  /** Checks the fields. @throws IllegalArgumentException naming the variable and the field */
  public VarSpec {
    Names.check("variable name", name);
    Objects.requireNonNull(kind, () -> "variable '" + name + "': kind is required");
    Objects.requireNonNull(dtype, () -> "variable '" + name + "': dtype is required");
    units = units == null ? "" : units;
    description = description == null ? "" : description;
    Names.checkResolution("variable '" + name + "'", maxNativeResM);
  }

  /** A required variable with no declared merge policy, description or resolution limit. */
  public static VarSpec of(String name, VarKind kind, VarDtype dtype, String units) {
    return new VarSpec(name, kind, dtype, units, null, "", null, true);
  }

  /** The policy writes merge by: the declared one, else {@link MergePolicy#LAST_WRITER}. */
  public MergePolicy effectiveMergePolicy() {
    return mergePolicy == null ? MergePolicy.LAST_WRITER : mergePolicy;
  }

  /** Whether a merge policy was declared. */
  public boolean declaresMergePolicy() {
    return mergePolicy != null;
  }

  /** This spec with {@code policy} declared. */
  public VarSpec withMergePolicy(MergePolicy policy) {
    return new VarSpec(name, kind, dtype, units, policy, description, maxNativeResM, required);
  }

  /** This spec accepting native resolutions up to {@code metres} (null: any). */
  public VarSpec withMaxNativeResM(Double metres) {
    return new VarSpec(name, kind, dtype, units, mergePolicy, description, metres, required);
  }

  /**
   * Whether data stored at {@code nativeResM} metres (NaN if unknown) is fine enough: always when
   * this spec sets no limit, never when the resolution is unknown and it sets one.
   */
  public boolean acceptsResolution(double nativeResM) {
    if (maxNativeResM == null) {
      return true;
    }
    return !Double.isNaN(nativeResM) && nativeResM <= maxNativeResM;
  }
}
