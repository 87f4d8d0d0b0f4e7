package org.magg.transforms.temporal;

import java.io.Serializable;

/**
 * One metric of a temporal pipeline (an entry of {@code aggregation.variables}): a variable of a
 * collection reduced per timestep by a spatial function under a mask, then over the event's
 * timesteps by a temporal reducer.
 *
 * @param name output name (the table column)
 * @param variable a variable of the collection, or a derived variable
 * @param collection the collection the variable is read from
 * @param spatialFunction one of {@code SpatialFunctions.NAMES}
 * @param temporalReducer one of {@code TemporalReducers.NAMES}
 * @param mask {@code full}, {@code ocean}, or a region name such as {@code ais}
 * @param anomaly subtract the monthly climatology of the timestep's month first
 * @param negate multiply the field by -1 first
 * @param precip a precipitation rate: times 3600 (per-hour amounts), and the event's last mask is
 *     kept for the precipitation extension after its end
 */
public record MetricSpec(
    String name,
    String variable,
    String collection,
    String spatialFunction,
    String temporalReducer,
    String mask,
    boolean anomaly,
    boolean negate,
    boolean precip)
    implements Serializable {

  /** The {@code full} mask: the event alone. */
  public static final String FULL = "full";

  /** The {@code ocean} mask: the event outside the landfall region. */
  public static final String OCEAN = "ocean";

  /**
   * The field this metric reads after its per-cell transforms: metrics with the same key share one
   * transformed field per timestep.
   */
  public String fieldKey() {
    return collection
        + "/"
        + variable
        + (anomaly ? "/anomaly" : "")
        + (negate ? "/negate" : "")
        + (precip ? "/precip" : "");
  }
}
