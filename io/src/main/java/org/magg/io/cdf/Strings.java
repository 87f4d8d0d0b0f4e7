package org.magg.io.cdf;

/** Fixed-width ASCII strings of CHAR and UCHAR variables. */
final class Strings {

  private Strings() {}

  /**
   * Copies {@code values}, each padded with blanks or truncated to {@code width} characters; fails
   * on a null or a character outside ASCII, naming {@code where} and the index.
   */
  static String[] fixedWidth(String[] values, int width, String where) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      String s = values[i];
      if (s == null) {
        throw new IllegalArgumentException(where + ": string value " + i + " is null");
      }
      for (int k = 0; k < s.length(); k++) {
        if (s.charAt(k) > 0x7F) {
          throw new IllegalArgumentException(
              where + ": string value " + i + " (\"" + s + "\") is not ASCII at index " + k);
        }
      }
      out[i] = s.length() >= width ? s.substring(0, width) : s + " ".repeat(width - s.length());
    }
    return out;
  }
}
