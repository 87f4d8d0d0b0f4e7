package org.magg.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent reference for spherical polygons in tests, written without the main code's
 * geometry: the gnomonic projection centred on the polygon maps great-circle edges to straight
 * segments, so planar even-odd ray casting decides containment exactly for a polygon lying in the
 * open hemisphere around the centre. Also produces dense points on the edges (spherical linear
 * interpolation) and inside the polygon (a grid in the projection plane).
 */
public final class PolygonOracle {
  public final double[] lon;
  public final double[] lat;
  private final double[] center;
  private final double[] e1;
  private final double[] e2;
  private final double[] px;
  private final double[] py;

  /** A polygon around {@code (centerLon, centerLat)}; all vertices within 80 degrees of it. */
  public PolygonOracle(double[] lon, double[] lat, double centerLon, double centerLat) {
    this.lon = lon;
    this.lat = lat;
    this.center = vec(centerLon, centerLat);
    double[] helper = Math.abs(center[2]) < 0.9 ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
    this.e1 = normalize(cross(helper, center));
    this.e2 = cross(center, e1);
    int n = lon.length;
    px = new double[n];
    py = new double[n];
    for (int i = 0; i < n; i++) {
      double[] p = project(vec(lon[i], lat[i]));
      if (p == null) {
        throw new IllegalArgumentException("vertex " + i + " too far from the centre");
      }
      px[i] = p[0];
      py[i] = p[1];
    }
  }

  public static double[] vec(double lonDeg, double latDeg) {
    double lo = Math.toRadians(lonDeg);
    double la = Math.toRadians(latDeg);
    return new double[] {Math.cos(la) * Math.cos(lo), Math.cos(la) * Math.sin(lo), Math.sin(la)};
  }

  public static double[] lonLat(double[] v) {
    return new double[] {
      Math.toDegrees(Math.atan2(v[1], v[0])),
      Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, v[2] / norm(v)))))
    };
  }

  /** Gnomonic coordinates, or null on the far hemisphere. */
  public double[] project(double[] v) {
    double d = dot(v, center);
    if (d < 0.17) { // more than 80 degrees away
      return null;
    }
    return new double[] {dot(v, e1) / d, dot(v, e2) / d};
  }

  public double[] unproject(double x, double y) {
    return normalize(
        new double[] {
          center[0] + x * e1[0] + y * e2[0],
          center[1] + x * e1[1] + y * e2[1],
          center[2] + x * e1[2] + y * e2[2]
        });
  }

  public boolean contains(double lonDeg, double latDeg) {
    double[] p = project(vec(lonDeg, latDeg));
    if (p == null) {
      return false;
    }
    boolean in = false;
    int n = px.length;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      if ((py[i] > p[1]) != (py[j] > p[1])
          && p[0] < (px[j] - px[i]) * (p[1] - py[i]) / (py[j] - py[i]) + px[i]) {
        in = !in;
      }
    }
    return in;
  }

  /** Points on the edges, at most {@code spacingRad} apart, as {lon, lat} pairs. */
  public List<double[]> edgePoints(double spacingRad) {
    List<double[]> out = new ArrayList<>();
    int n = lon.length;
    for (int i = 0; i < n; i++) {
      double[] a = vec(lon[i], lat[i]);
      double[] b = vec(lon[(i + 1) % n], lat[(i + 1) % n]);
      double angle = Math.acos(Math.max(-1, Math.min(1, dot(a, b))));
      if (angle < 1e-12) {
        continue; // a repeated vertex (closed ring)
      }
      int k = Math.max(1, (int) Math.ceil(angle / spacingRad));
      for (int s = 0; s < k; s++) {
        double t = (double) s / k;
        double wa = Math.sin((1 - t) * angle) / Math.sin(angle);
        double wb = Math.sin(t * angle) / Math.sin(angle);
        out.add(
            lonLat(
                new double[] {
                  wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2]
                }));
      }
    }
    return out;
  }

  /** Points inside the polygon on a grid of the projection plane with the given spacing. */
  public List<double[]> interiorPoints(double spacing) {
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (int i = 0; i < px.length; i++) {
      minX = Math.min(minX, px[i]);
      maxX = Math.max(maxX, px[i]);
      minY = Math.min(minY, py[i]);
      maxY = Math.max(maxY, py[i]);
    }
    List<double[]> out = new ArrayList<>();
    for (double x = minX; x <= maxX; x += spacing) {
      for (double y = minY; y <= maxY; y += spacing) {
        double[] ll = lonLat(unproject(x, y));
        if (contains(ll[0], ll[1])) {
          out.add(ll);
        }
      }
    }
    return out;
  }

  public static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  public static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  public static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }

  public static double[] normalize(double[] v) {
    double n = norm(v);
    return new double[] {v[0] / n, v[1] / n, v[2] / n};
  }
}
