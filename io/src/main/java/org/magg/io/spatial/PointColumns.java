package org.magg.io.spatial;

/**
 * The raw columns of one group of a granule (one ATL06 beam, or a whole CSV table), before any
 * filtering. Fill values are NaN when the dataset declares none. A variable stored as float32 stays
 * a {@code float[]} (half the memory, and the batches keep it so), any other as {@code double[]}.
 */
final class PointColumns {
  final String group;
  final int size;
  final double[] lat;
  final double[] lon;
  final double latFill;
  final double lonFill;

  /** Quality flags, or null when the data source has no quality filter. */
  final double[] quality;

  /** Per variable, its column if it is a {@code float[]}, else null. */
  final float[][] floats;

  /** Per variable, its column if it is a {@code double[]}, else null. */
  final double[][] doubles;

  final double[] valueFills;

  PointColumns(
      String group,
      double[] lat,
      double latFill,
      double[] lon,
      double lonFill,
      double[] quality,
      Object[] values,
      double[] valueFills) {
    // values: the variables in the reader's order, each a float[] or a double[]
    this.group = group;
    this.size = lat.length;
    this.lat = lat;
    this.lon = lon;
    this.latFill = latFill;
    this.lonFill = lonFill;
    this.quality = quality;
    this.floats = new float[values.length][];
    this.doubles = new double[values.length][];
    for (int v = 0; v < values.length; v++) {
      if (values[v] instanceof float[]) {
        floats[v] = (float[]) values[v];
      } else if (values[v] instanceof double[]) {
        doubles[v] = (double[]) values[v];
      } else {
        throw new IllegalArgumentException(
            "group " + group + ": variable " + v + " is neither float[] nor double[]");
      }
    }
    this.valueFills = valueFills;
  }

  /** The number of variables. */
  int variableCount() {
    return floats.length;
  }

  /** The value of variable {@code v} at row {@code i}, as a double. */
  double value(int v, int i) {
    return floats[v] != null ? floats[v][i] : doubles[v][i];
  }
}
