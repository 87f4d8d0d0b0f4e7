package org.magg.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Decides whether a producer whose outputs the cube already holds must run again, from content
 * only: it must when its configuration's hash changed, when an input variable's version changed (or
 * an input appeared or went away), or when a file's content hash changed (or a file appeared or
 * went away). Nothing else counts; in particular not a file's modification time.
 */
public final class Staleness {
  private Staleness() {}

  /**
   * Why the producer must run again, one line per change in a fixed order (configuration, then
   * variables, then files, each by name); empty when it need not. A producer that never ran ({@code
   * previous} null) is stale for that reason alone.
   */
  public static List<String> reasons(InputFingerprint previous, InputFingerprint current) {
    Objects.requireNonNull(current, "current");
    List<String> out = new ArrayList<>();
    if (previous == null) {
      out.add("never ran");
      return out;
    }
    if (!previous.configHash().equals(current.configHash())) {
      out.add(
          "configuration changed ("
              + shortHash(previous.configHash())
              + " -> "
              + shortHash(current.configHash())
              + ")");
    }
    compare("input variable", previous.inputVersions(), current.inputVersions(), out, false);
    compare("file", previous.fileHashes(), current.fileHashes(), out, true);
    return out;
  }

  /** Whether {@link #reasons} is non-empty. */
  public static boolean isStale(InputFingerprint previous, InputFingerprint current) {
    return !reasons(previous, current).isEmpty();
  }

  private static <V> void compare(
      String what, Map<String, V> before, Map<String, V> now, List<String> out, boolean hashes) {
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(now.keySet());
    for (String k : keys) {
      V a = before.get(k);
      V b = now.get(k);
      if (a == null) {
        out.add(what + " '" + k + "' is new");
      } else if (b == null) {
        out.add(what + " '" + k + "' is no longer read");
      } else if (!a.equals(b)) {
        String from = hashes ? shortHash(a.toString()) : "version " + a;
        String to = hashes ? shortHash(b.toString()) : "version " + b;
        out.add(what + " '" + k + "' changed (" + from + " -> " + to + ")");
      }
    }
  }

  private static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }
}
