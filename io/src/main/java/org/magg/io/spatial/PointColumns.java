package org.magg.io.spatial;

/**
 * The raw columns of one group of a granule (one ATL06 beam, or a whole CSV table), before any
 * filtering. Fill values are NaN when the dataset declares none.
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

  /** Variables in the reader's variable order. */
  final double[][] values;

  final double[] valueFills;

  PointColumns(
      String group,
      double[] lat,
      double latFill,
      double[] lon,
      double lonFill,
      double[] quality,
      double[][] values,
      double[] valueFills) {
    this.group = group;
    this.size = lat.length;
    this.lat = lat;
    this.lon = lon;
    this.latFill = latFill;
    this.lonFill = lonFill;
    this.quality = quality;
    this.values = values;
    this.valueFills = valueFills;
  }
}
