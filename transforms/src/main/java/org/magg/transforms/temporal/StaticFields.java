package org.magg.transforms.temporal;

/** The static fields a temporal pipeline reads beside the collections, on the field grid. */
public interface StaticFields {
  /** Cell areas, one per cell (row-major lat, lon). */
  double[] cellAreas();

  /** The region mask of this name (for example {@code ais}), one flag per cell. */
  boolean[] region(String name);

  /** The monthly climatology of {@code variable} for {@code month} (1-12), one value per cell. */
  double[] climatology(String variable, int month);

  /** The fields of loaded static data. */
  static StaticFields of(org.magg.io.temporal.StaticData statics) {
    return new StaticFields() {
      @Override
      public double[] cellAreas() {
        return statics.cellAreas();
      }

      @Override
      public boolean[] region(String name) {
        return statics.region(name);
      }

      @Override
      public double[] climatology(String variable, int month) {
        return statics.climatology(variable, month);
      }
    };
  }
}
