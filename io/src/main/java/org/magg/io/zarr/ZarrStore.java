package org.magg.io.zarr;

import java.io.IOException;
import java.util.List;

/**
 * A flat key/value store holding the metadata documents and chunks of a Zarr hierarchy.
 *
 * <p>Keys are relative, {@code /}-separated strings such as {@code "temperature/.zarray"} or {@code
 * "temperature/c/0/1"}; they never start with {@code /} and never contain {@code .} or {@code ..}
 * path segments. The interface is deliberately small so that it maps directly onto object stores.
 */
public interface ZarrStore {

  /** Returns the value stored under {@code key}, or {@code null} when there is none. */
  byte[] get(String key) throws IOException;

  /**
   * Stores {@code value} under {@code key}, replacing any previous value. A reader never sees a
   * partially written value, so repeating the same put (for example when a task is retried) is
   * harmless.
   */
  void put(String key, byte[] value) throws IOException;

  /** Returns whether a value is stored under {@code key}. */
  boolean exists(String key) throws IOException;

  /** Removes the value stored under {@code key}; does nothing when there is none. */
  void delete(String key) throws IOException;

  /**
   * Removes every value whose key starts with {@code prefix} (a plain string prefix, so pass {@code
   * "group/"} to remove a node and its descendants but not {@code "group2/..."}).
   */
  void deletePrefix(String prefix) throws IOException;

  /** Returns, sorted, every key that starts with {@code prefix} ({@code ""} lists all keys). */
  List<String> list(String prefix) throws IOException;

  /** A human-readable description of where the store lives, used in error messages. */
  String location();
}
