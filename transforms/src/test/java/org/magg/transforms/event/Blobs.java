package org.magg.transforms.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.magg.io.temporal.FieldGrid;

/** Synthetic masks for the tests: rectangles of cells on small grids, timesteps 3 h apart. */
final class Blobs {
  static final double R = 6371.0088;
  static final Instant T0 = Instant.parse("2021-01-10T00:00:00Z");

  /** 20 x 20 cells of 1°, lat 0..19, lon 0..19: not global, no wrap. */
  static final FieldGrid REGIONAL = FieldGrid.regular(0, 1, 20, 0, 1, 20);

  /** 10° cells, lat -90..90 (19 rows), lon -180..170 (36 columns): global, wraps. */
  static final FieldGrid GLOBAL = FieldGrid.regular(-90, 10, 19, -180, 10, 36);

  private Blobs() {}

  static Instant t(int step) {
    return T0.plusSeconds(3L * 3600 * step);
  }

  /** A mask builder on {@code grid}. */
  static Mask on(FieldGrid grid) {
    return new Mask(grid);
  }

  /** The cells of rows {@code r0..r1} and columns {@code c0..c1} (inclusive, columns mod nLon). */
  static int[] rect(FieldGrid grid, int r0, int r1, int c0, int c1) {
    List<Integer> cells = new ArrayList<>();
    for (int r = r0; r <= r1; r++) {
      for (int c = c0; c <= c1; c++) {
        cells.add(r * grid.nLon() + Math.floorMod(c, grid.nLon()));
      }
    }
    return cells.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  static final class Mask {
    final FieldGrid grid;
    final boolean[] mask;
    final double[] values;

    Mask(FieldGrid grid) {
      this.grid = grid;
      this.mask = new boolean[grid.cells()];
      this.values = new double[grid.cells()];
    }

    /** Adds a rectangle (see {@link Blobs#rect}) whose cells all have {@code value}. */
    Mask rect(int r0, int r1, int c0, int c1, double value) {
      for (int c : Blobs.rect(grid, r0, r1, c0, c1)) {
        mask[c] = true;
        values[c] = value;
      }
      return this;
    }

    Mask rect(int r0, int r1, int c0, int c1) {
      return rect(r0, r1, c0, c1, 1);
    }

    Mask cell(int r, int c, double value) {
      return rect(r, r, c, c, value);
    }
  }

  /** The spherical area of a cell of {@code grid} by the formula R² Δλ |sin φn − sin φs|. */
  static double area(FieldGrid grid, int cell) {
    double[] lat = grid.lat();
    double[] lon = grid.lon();
    int i = cell / grid.nLon();
    double dLat = lat[1] - lat[0];
    double dLon = lon[1] - lon[0];
    double north = Math.min(90, lat[i] + dLat / 2);
    double south = Math.max(-90, lat[i] - dLat / 2);
    return R
        * R
        * Math.toRadians(dLon)
        * Math.abs(Math.sin(Math.toRadians(north)) - Math.sin(Math.toRadians(south)));
  }

  static double area(FieldGrid grid, int[] cells) {
    double a = 0;
    for (int c : cells) {
      a += area(grid, c);
    }
    return a;
  }

  /** The area-weighted mean unit vector of {@code cells}, as {lat, lon} in degrees. */
  static double[] centroid(FieldGrid grid, int[] cells) {
    double x = 0;
    double y = 0;
    double z = 0;
    for (int c : cells) {
      double a = area(grid, c);
      double la = Math.toRadians(grid.latOf(c));
      double lo = Math.toRadians(grid.lonOf(c));
      x += a * Math.cos(la) * Math.cos(lo);
      y += a * Math.cos(la) * Math.sin(lo);
      z += a * Math.sin(la);
    }
    return new double[] {
      Math.toDegrees(Math.atan2(z, Math.hypot(x, y))), Math.toDegrees(Math.atan2(y, x))
    };
  }
}
