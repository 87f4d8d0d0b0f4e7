package org.magg.io.spatial;

import java.util.Locale;

/** Why a point read from a granule was not kept. Each dropped point has exactly one reason. */
public enum FilterReason {
  /** Latitude, longitude or a needed variable equals the dataset's fill value, or is missing. */
  FILL_VALUE,
  /**
   * Latitude outside [-90, 90], longitude outside [-180, 360], or a coordinate that is NaN or
   * infinite.
   */
  INVALID_COORDINATE,
  /** The quality flag differs from the configured value. */
  QUALITY,
  /** Outside the config's spatial bounds. */
  OUTSIDE_BOUNDS,
  /** Its parent cell is not one of the selected cells that list this granule. */
  OUTSIDE_SELECTION,
  /** A needed variable is infinite. */
  INVALID_VALUE,
  /**
   * A row of a point table that cannot be read: the wrong number of fields, or a needed field that
   * is not a number.
   */
  MALFORMED_ROW;

  /** The name used in summaries and counters ({@code fill_value}, ...). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
