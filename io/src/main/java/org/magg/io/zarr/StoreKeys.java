package org.magg.io.zarr;

/** Validation and joining of store keys and node paths. */
final class StoreKeys {

  private StoreKeys() {}

  /** Checks that {@code key} is a usable store key and returns it. */
  static String checkKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("Store key must not be empty");
    }
    if (key.startsWith("/") || key.endsWith("/")) {
      throw new IllegalArgumentException("Store key must not start or end with '/': " + key);
    }
    if (key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("Store key must not contain '\\' or NUL: " + key);
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("Store key has an empty, '.' or '..' segment: " + key);
      }
    }
    return key;
  }

  /**
   * Normalises a node path: {@code null}, {@code ""} and {@code "/"} denote the root and become
   * {@code ""}; leading and trailing slashes are dropped.
   */
  static String normalizePath(String path) {
    if (path == null) {
      return "";
    }
    String p = path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (!p.isEmpty()) {
      checkKey(p);
    }
    return p;
  }

  /** Joins a node path and a key below it. */
  static String join(String nodePath, String name) {
    return nodePath.isEmpty() ? name : nodePath + "/" + name;
  }

  /** The path of the parent of a node, or {@code null} for the root. */
  static String parent(String nodePath) {
    if (nodePath.isEmpty()) {
      return null;
    }
    int slash = nodePath.lastIndexOf('/');
    return slash < 0 ? "" : nodePath.substring(0, slash);
  }
}
