package org.magg.io.gridded;

import java.util.List;
import java.util.Map;

/**
 * What a format reader knows about one variable: its dimension names (outermost first), shape,
 * attributes (numbers as {@code double[]}, text as {@code String}) and storage type.
 *
 * @param name the variable's name (HDF5: its path without the leading {@code /})
 * @param dims dimension names, outermost first
 * @param shape the lengths of the dimensions
 * @param attributes the variable's attributes
 * @param float32 stored as 32-bit floats (fill values are compared at that precision)
 * @param integerBytes the size of a stored integer, 0 for floating point
 */
record VariableInfo(
    String name,
    List<String> dims,
    long[] shape,
    Map<String, Object> attributes,
    boolean float32,
    int integerBytes) {

  /** A text attribute, or null. */
  String text(String key) {
    Object v = attributes.get(key);
    return v instanceof String s ? s : null;
  }

  /** A numeric attribute, or null. */
  double[] numbers(String key) {
    Object v = attributes.get(key);
    return v instanceof double[] d ? d : null;
  }

  int rank() {
    return shape.length;
  }
}
