package org.magg.io.gridded;

import java.io.IOException;

/** Attributes of the variables of an open {@link GriddedSource} (units, long names). */
public final class VariableAttributes {
  private VariableAttributes() {}

  /**
   * A text attribute of a variable ({@code units}, say), or null when the variable has no such
   * attribute.
   *
   * @throws IOException naming the file when the variable does not exist
   */
  public static String text(GriddedSource source, String variable, String attribute)
      throws IOException {
    if (source instanceof AbstractGriddedSource s) {
      return s.info(variable).text(attribute);
    }
    return null;
  }
}
