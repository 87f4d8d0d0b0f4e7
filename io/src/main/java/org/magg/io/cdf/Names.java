package org.magg.io.cdf;

import java.nio.charset.StandardCharsets;

/** Checks variable and attribute names against the 256-byte Name fields of the VDR and ADR. */
final class Names {

  /** Size of the Name field of a v3 VDR or ADR. */
  static final int NAME_BYTES = 256;

  private Names() {}

  static String check(String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("A " + what + " name cannot be null or empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new IllegalArgumentException(
            "The "
                + what
                + " name \""
                + name
                + "\" has a character that is not printable ASCII at index "
                + i);
      }
    }
    if (name.getBytes(StandardCharsets.US_ASCII).length > NAME_BYTES) {
      throw new IllegalArgumentException(
          "The " + what + " name \"" + name + "\" is longer than " + NAME_BYTES + " characters");
    }
    return name;
  }
}
