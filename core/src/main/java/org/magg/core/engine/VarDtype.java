package org.magg.core.engine;

import java.util.Locale;

/**
 * The element type of a cube variable. Only floating-point types: a missing value is NaN, which the
 * {@link MergePolicy merge policies} read as "no value".
 */
public enum VarDtype {
  FLOAT32,
  FLOAT64;

  /** The name used in configs, the catalog and Zarr: {@code float32} or {@code float64}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads {@code float32} or {@code float64} (any case).
   *
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  public static VarDtype parse(String text) {
    if (text != null) {
      for (VarDtype d : values()) {
        if (d.id().equalsIgnoreCase(text.trim())) {
          return d;
        }
      }
    }
    throw new IllegalArgumentException(
        "dtype must be float32 or float64, got " + (text == null ? "nothing" : "'" + text + "'"));
  }
}
