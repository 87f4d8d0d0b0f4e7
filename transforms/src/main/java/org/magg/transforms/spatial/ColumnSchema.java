package org.magg.transforms.spatial;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered column names of a {@link CellColumns}; the key under which name bindings are cached.
 */
final class ColumnSchema {
  private final String[] names;
  private final Map<String, Integer> index;

  ColumnSchema(String[] names) {
    this.names = names.clone();
    this.index = new HashMap<>(names.length * 2);
    for (int i = 0; i < names.length; i++) {
      if (names[i] == null || names[i].isEmpty()) {
        throw new IllegalArgumentException("column name " + i + " is null or empty");
      }
      if (index.put(names[i], i) != null) {
        throw new IllegalArgumentException("duplicate column name '" + names[i] + "'");
      }
    }
  }

  int size() {
    return names.length;
  }

  /** Index of {@code name}, or -1. */
  int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  List<String> names() {
    return List.of(names);
  }

  /** Same names in the same order: bindings made against {@code other} are valid here too. */
  boolean sameLayout(ColumnSchema other) {
    return this == other || Arrays.equals(names, other.names);
  }

  /**
   * Slot of every name in {@code wanted} (in order); throws naming {@code what} if one is missing.
   */
  int[] resolve(List<String> wanted, String what) {
    int[] slots = new int[wanted.size()];
    for (int j = 0; j < slots.length; j++) {
      int s = indexOf(wanted.get(j));
      if (s < 0) {
        throw new IllegalArgumentException(
            "column '"
                + wanted.get(j)
                + "' needed by "
                + what
                + " is not among the cell's columns "
                + Arrays.toString(names));
      }
      slots[j] = s;
    }
    return slots;
  }

  /** An immutable pairing of a schema with slots resolved against it. */
  static final class Binding {
    final ColumnSchema schema;
    final int[] slots;

    Binding(ColumnSchema schema, int[] slots) {
      this.schema = schema;
      this.slots = slots;
    }
  }
}
