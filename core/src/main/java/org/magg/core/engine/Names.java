package org.magg.core.engine;

import java.util.regex.Pattern;

/** The one rule for variable and producer names: they name files, catalog rows and config keys. */
final class Names {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private Names() {}

  /**
   * Returns {@code name} if it is a letter or {@code _} followed by up to 127 letters, digits or
   * {@code _}.
   *
   * @throws IllegalArgumentException naming {@code what}, the value and the rule
   */
  static String check(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what
              + " must be a letter or _ followed by letters, digits or _ (at most 128 in all), got "
              + (name == null ? "nothing" : "'" + name + "'"));
    }
    return name;
  }

  /** Checks an optional maximum native resolution: null, or positive and finite (metres). */
  static Double checkResolution(String what, Double metres) {
    if (metres != null && !(metres > 0 && Double.isFinite(metres))) {
      throw new IllegalArgumentException(
          what + ": max_native_res_m must be a positive number of metres, got " + metres);
    }
    return metres;
  }
}
