package org.magg.pipelines.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * A map projection of longitude and latitude (degrees) to plane coordinates ({@code x} east, {@code
 * y} north), and the rings of a cell boundary in it.
 */
abstract class Projection {

  /** Plane coordinates {@code {x, y}} of a point. */
  abstract double[] project(double lon, double lat);

  /** What it is, for titles. */
  abstract String name();

  /**
   * The rings (each {@code {x[], y[]}}) that draw a closed boundary given as {@code {lon, lat}}
   * points; one ring unless the projection cuts the boundary.
   */
  List<double[][]> rings(double[][] lonLat) {
    double[][] ring = new double[2][lonLat.length];
    for (int i = 0; i < lonLat.length; i++) {
      double[] p = project(lonLat[i][0], lonLat[i][1]);
      ring[0][i] = p[0];
      ring[1][i] = p[1];
    }
    List<double[][]> out = new ArrayList<>();
    out.add(ring);
    return out;
  }

  /** Polar stereographic on the sphere, centred on the south or north pole. */
  static final class PolarStereographic extends Projection {
    private final boolean south;

    PolarStereographic(boolean south) {
      this.south = south;
    }

    boolean south() {
      return south;
    }

    @Override
    double[] project(double lon, double lat) {
      // rho = 2 tan((90 -+ lat) / 2): 0 at the pole, 2 at the equator
      double colat = south ? 90 + lat : 90 - lat;
      double rho = 2 * Math.tan(Math.toRadians(colat) / 2);
      double l = Math.toRadians(lon);
      // south: 0 E up (EPSG:3031); north: 0 E down (EPSG:3413 without its rotation)
      return new double[] {rho * Math.sin(l), south ? rho * Math.cos(l) : -rho * Math.cos(l)};
    }

    @Override
    String name() {
      return "polar stereographic (" + (south ? "south" : "north") + ")";
    }
  }

  /**
   * Equirectangular (plate carree): {@code x = lon}, {@code y = lat}, longitudes within 180 degrees
   * of a central meridian (0, or 180 for data around the antimeridian). A boundary crossing the
   * map's edge meridian is unwrapped and drawn twice, once on each side; a vertex at a pole becomes
   * the pole's edge between its neighbours' longitudes.
   */
  static final class Equirectangular extends Projection {
    private final double centre;

    Equirectangular() {
      this(0);
    }

    Equirectangular(double centre) {
      this.centre = centre;
    }

    /** The central meridian. */
    double centre() {
      return centre;
    }

    /** A longitude in [centre - 180, centre + 180). */
    double x(double lon) {
      return centre + wrap(lon - centre);
    }

    @Override
    double[] project(double lon, double lat) {
      return new double[] {x(lon), lat};
    }

    @Override
    String name() {
      return centre == 0 ? "equirectangular" : "equirectangular (centred on " + centre + "°)";
    }

    /**
     * The central meridian that keeps longitudes {@code lons} together: 180 when, seen from there,
     * they span less, and less than half the world (data around the antimeridian); else 0.
     */
    static double centreFor(double[] lons) {
      double[] span0 = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
      double[] span180 = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
      for (double lon : lons) {
        double a = wrap(lon);
        double b = 180 + wrap(lon - 180);
        span0[0] = Math.min(span0[0], a);
        span0[1] = Math.max(span0[1], a);
        span180[0] = Math.min(span180[0], b);
        span180[1] = Math.max(span180[1], b);
      }
      double s180 = span180[1] - span180[0];
      return s180 < span0[1] - span0[0] && s180 < 180 ? 180 : 0;
    }

    @Override
    List<double[][]> rings(double[][] lonLat) {
      int n = lonLat.length;
      List<double[]> pts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        double lat = lonLat[i][1];
        if (Math.abs(lat) >= 90 - 1e-9) {
          // the pole: a segment along lat = +-90 from the previous neighbour's longitude to the
          // next
          pts.add(new double[] {lonLat[(i + n - 1) % n][0], lat, 1});
          pts.add(new double[] {lonLat[(i + 1) % n][0], lat, 1});
        } else {
          pts.add(new double[] {lonLat[i][0], lat, 0});
        }
      }
      double[][] ring = new double[2][pts.size()];
      double prev = x(pts.get(0)[0]);
      double min = prev;
      double max = prev;
      for (int i = 0; i < pts.size(); i++) {
        double lon = x(pts.get(i)[0]);
        // unwrap relative to the previous point: steps of at most 180 degrees
        while (lon - prev > 180) {
          lon -= 360;
        }
        while (prev - lon > 180) {
          lon += 360;
        }
        ring[0][i] = lon;
        ring[1][i] = pts.get(i)[1];
        prev = lon;
        min = Math.min(min, lon);
        max = Math.max(max, lon);
      }
      List<double[][]> out = new ArrayList<>();
      out.add(ring);
      if (max > centre + 180) {
        out.add(shifted(ring, -360));
      } else if (min < centre - 180) {
        out.add(shifted(ring, 360));
      }
      return out;
    }

    private static double[][] shifted(double[][] ring, double by) {
      double[][] s = new double[][] {ring[0].clone(), ring[1].clone()};
      for (int i = 0; i < s[0].length; i++) {
        s[0][i] += by;
      }
      return s;
    }
  }

  /** A longitude in [-180, 180). */
  static double wrap(double lon) {
    double l = ((lon + 180) % 360 + 360) % 360 - 180;
    return l;
  }
}
