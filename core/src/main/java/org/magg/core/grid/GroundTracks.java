package org.magg.core.grid;

/**
 * Synthetic ICESat-2-like granule footprints for tests and the coverage benchmark: a circular orbit
 * of inclination 92 degrees (maximum latitude 88) over a rotating Earth, cut into 14 granules per
 * orbit like ATL06's regions, each footprint a thin strip around the ground track,
 * counter-clockwise (interior on the left), as CMR lists them.
 */
public final class GroundTracks {
  /** Orbits per day of ICESat-2 (1387 orbits in 91 days). */
  public static final double ORBITS_PER_DAY = 1387.0 / 91.0;

  private static final double INCLINATION = Math.toRadians(92.0);
  private static final double SIDEREAL_DAY_S = 86164.0905;

  private GroundTracks() {}

  /**
   * The footprint of one granule: {@code {lon[], lat[]}} in degrees.
   *
   * @param orbit orbit number (selects the ascending node, which moves west with Earth's rotation)
   * @param region granule within the orbit, 0..13 (starting at the ascending node)
   * @param along points along each side
   * @param widthKm strip width
   */
  public static double[][] granule(int orbit, int region, int along, double widthKm) {
    double period = 86400.0 / ORBITS_PER_DAY;
    double du = 2 * Math.PI / 14;
    double u0 = region * du;
    double halfWidth = widthKm / 2 / 6371.0;
    double[] lonR = new double[along];
    double[] latR = new double[along];
    double[] lonL = new double[along];
    double[] latL = new double[along];
    for (int k = 0; k < along; k++) {
      double u = u0 + du * k / (along - 1);
      double[] p = track(orbit, u, period);
      double[] q = track(orbit, u + 1e-4, period);
      double[] n = normalize(cross(p, q)); // left of the direction of travel
      double[] right =
          normalize(
              new double[] {
                p[0] - halfWidth * n[0], p[1] - halfWidth * n[1], p[2] - halfWidth * n[2]
              });
      double[] left =
          normalize(
              new double[] {
                p[0] + halfWidth * n[0], p[1] + halfWidth * n[1], p[2] + halfWidth * n[2]
              });
      lonR[k] = lon(right);
      latR[k] = lat(right);
      lonL[k] = lon(left);
      latL[k] = lat(left);
    }
    double[] lon = new double[2 * along];
    double[] lat = new double[2 * along];
    for (int k = 0; k < along; k++) {
      lon[k] = lonR[k];
      lat[k] = latR[k];
      lon[along + k] = lonL[along - 1 - k];
      lat[along + k] = latL[along - 1 - k];
    }
    return new double[][] {lon, lat};
  }

  /** Ground point (unit vector) at argument of latitude u of an orbit. */
  private static double[] track(int orbit, double u, double period) {
    double node = -2 * Math.PI * orbit * (period / SIDEREAL_DAY_S) + 0.37;
    double t = u / (2 * Math.PI) * period;
    double x = Math.cos(u);
    double y = Math.sin(u) * Math.cos(INCLINATION);
    double z = Math.sin(u) * Math.sin(INCLINATION);
    double rot = node - 2 * Math.PI * t / SIDEREAL_DAY_S;
    return new double[] {
      x * Math.cos(rot) - y * Math.sin(rot), x * Math.sin(rot) + y * Math.cos(rot), z
    };
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  private static double[] normalize(double[] v) {
    double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return new double[] {v[0] / n, v[1] / n, v[2] / n};
  }

  private static double lon(double[] v) {
    return Math.toDegrees(Math.atan2(v[1], v[0]));
  }

  private static double lat(double[] v) {
    return Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, v[2]))));
  }
}
