package org.magg.io.storage;

import java.util.regex.Pattern;

/**
 * File-name globs as the project writes them, for local paths and S3 keys alike: {@code *} within a
 * path segment, {@code **} across segments, {@code ?} one character, {@code [abc]} a class and
 * {@code {a,b}} alternatives.
 */
public final class Globs {
  private Globs() {}

  /** Whether {@code s} holds a wildcard. */
  public static boolean isGlob(String s) {
    return firstWildcard(s) >= 0;
  }

  /** The index of the first wildcard character of {@code s}, or -1. */
  public static int firstWildcard(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return -1;
  }

  /** The glob as a regular expression over whole names. */
  public static String toRegex(String glob) {
    StringBuilder r = new StringBuilder();
    boolean inGroup = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          r.append(".*");
          i++;
        } else {
          r.append("[^/]*");
        }
      } else if (c == '?') {
        r.append("[^/]");
      } else if (c == '{') {
        r.append("(?:");
        inGroup = true;
      } else if (c == '}' && inGroup) {
        r.append(")");
        inGroup = false;
      } else if (c == ',' && inGroup) {
        r.append("|");
      } else if (c == '[') {
        int close = glob.indexOf(']', i);
        if (close < 0) {
          r.append("\\[");
        } else {
          r.append('[').append(glob, i + 1, close).append(']');
          i = close;
        }
      } else {
        r.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return r.toString();
  }

  /** The glob compiled. */
  public static Pattern compile(String glob) {
    return Pattern.compile(toRegex(glob));
  }
}
