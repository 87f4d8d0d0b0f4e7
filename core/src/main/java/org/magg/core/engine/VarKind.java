package org.magg.core.engine;

import java.util.Locale;

/** Whether a variable has one value per cell ({@code static}) or one per cell and timestep. */
public enum VarKind {
  /** Dimensions {@code (lat, lon)}. */
  STATIC,
  /** Dimensions {@code (time, lat, lon)}. */
  TIME;

  /** The name used in configs and in the catalog: {@code static} or {@code time}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads {@code static} or {@code time} (any case).
   *
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  public static VarKind parse(String text) {
    if (text != null) {
      for (VarKind k : values()) {
        if (k.id().equalsIgnoreCase(text.trim())) {
          return k;
        }
      }
    }
    throw new IllegalArgumentException(
        "kind must be static or time, got " + (text == null ? "nothing" : "'" + text + "'"));
  }
}
