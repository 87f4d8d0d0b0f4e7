package org.magg.pipelines.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;

/**
 * Parallels and meridians at a round interval (light lines under the data), and their labels:
 * outside the frame for equirectangular maps, beside the lines inside it for polar ones.
 */
final class Graticule {
  private static final double[] STEPS = {0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 45};
  private static final Color LINE = new Color(225, 225, 225);

  private Graticule() {}

  /** A round interval giving about four lines over {@code span} degrees. */
  static double interval(double span) {
    for (double s : STEPS) {
      if (span / s <= 6) {
        return s;
      }
    }
    return 45;
  }

  /** The lat/lon ranges {@code {lat0, lat1, lon0, lon1}} of the box (sampled for polar maps). */
  private static double[] extent(Projection p, double[] box) {
    if (p instanceof Projection.Equirectangular) {
      return new double[] {box[2], box[3], box[0], box[1]};
    }
    boolean south = ((Projection.PolarStereographic) p).south();
    double lat0 = 90;
    double lat1 = -90;
    for (double a = 0; a <= 45; a += 0.05) {
      double lat = south ? -90 + a : 90 - a;
      for (double lon = -180; lon < 180; lon += 1) {
        double[] xy = p.project(lon, lat);
        if (xy[0] >= box[0] && xy[0] <= box[1] && xy[1] >= box[2] && xy[1] <= box[3]) {
          lat0 = Math.min(lat0, lat);
          lat1 = Math.max(lat1, lat);
        }
      }
    }
    return new double[] {lat0, lat1, -180, 180};
  }

  static void draw(Graphics2D g, Projection p, Frame f, double[] box) {
    double[] e = extent(p, box);
    g.setColor(LINE);
    g.setStroke(new BasicStroke(1f));
    double dLat = interval(e[1] - e[0]);
    for (double lat = Math.ceil(e[0] / dLat) * dLat; lat <= e[1]; lat += dLat) {
      g.draw(line(p, f, e[2], lat, e[3], lat));
    }
    double dLon = p instanceof Projection.Equirectangular ? interval(e[3] - e[2]) : 30;
    for (double lon = Math.ceil(e[2] / dLon) * dLon; lon <= e[3]; lon += dLon) {
      g.draw(line(p, f, lon, Math.max(e[0], -89.999), lon, Math.min(e[1], 89.999)));
    }
  }

  static void label(Graphics2D g, Projection p, Frame f, double[] box) {
    double[] e = extent(p, box);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setColor(Color.DARK_GRAY);
    double dLat = interval(e[1] - e[0]);
    if (p instanceof Projection.Equirectangular) {
      double dLon = interval(e[3] - e[2]);
      for (double lat = Math.ceil(e[0] / dLat) * dLat; lat <= e[1]; lat += dLat) {
        String s = latitude(lat);
        int y = (int) f.py(lat);
        g.drawString(s, (int) f.px(box[0]) - 6 - g.getFontMetrics().stringWidth(s), y + 4);
      }
      for (double lon = Math.ceil(e[2] / dLon) * dLon; lon <= e[3]; lon += dLon) {
        String s = longitude(lon);
        int x = (int) f.px(lon) - g.getFontMetrics().stringWidth(s) / 2;
        g.drawString(s, x, (int) f.py(box[2]) + 16);
      }
      return;
    }
    // polar: each meridian labelled where it leaves the map, each parallel at its lowest point
    g.setColor(Color.GRAY);
    boolean south = ((Projection.PolarStereographic) p).south();
    for (double lon = -150; lon <= 180; lon += 30) {
      double[] last = null;
      for (double a = 0; a <= 45; a += 0.05) {
        double[] xy = p.project(lon, south ? -90 + a : 90 - a);
        if (!inside(xy, box, 0.03)) {
          break;
        }
        last = xy;
      }
      if (last != null && Math.hypot(last[0], last[1]) > 0) {
        String s = longitude(lon);
        int w = g.getFontMetrics().stringWidth(s);
        double px = f.px(last[0]);
        double py = f.py(last[1]);
        // keep the label inside the frame, on the side the meridian leaves from
        int x = (int) Math.max(f.px(box[0]) + 2, Math.min(f.px(box[1]) - w - 2, px - w / 2.0));
        int y = (int) Math.max(f.py(box[3]) + 12, Math.min(f.py(box[2]) - 3, py));
        g.drawString(s, x, y);
      }
    }
    for (double lat = Math.ceil(e[0] / dLat) * dLat; lat <= e[1]; lat += dLat) {
      double[] at = insidePoint(p, box, lat);
      if (at != null) {
        g.drawString(latitude(lat), (int) f.px(at[0]) + 3, (int) f.py(at[1]) - 3);
      }
    }
  }

  /** Whether a plane point is inside the box, away from its edges by {@code margin} of it. */
  private static boolean inside(double[] xy, double[] box, double margin) {
    double mx = (box[1] - box[0]) * margin;
    double my = (box[3] - box[2]) * margin;
    return xy[0] >= box[0] + mx
        && xy[0] <= box[1] - mx
        && xy[1] >= box[2] + my
        && xy[1] <= box[3] - my;
  }

  /** A point of the parallel inside the box, the lowest on the page, or null. */
  private static double[] insidePoint(Projection p, double[] box, double lat) {
    double[] best = null;
    for (double lon = -180; lon < 180; lon += 0.5) {
      double[] xy = p.project(lon, lat);
      double mx = (box[1] - box[0]) * 0.05;
      double my = (box[3] - box[2]) * 0.05;
      boolean inside =
          xy[0] >= box[0] + mx
              && xy[0] <= box[1] - mx * 3
              && xy[1] >= box[2] + my
              && xy[1] <= box[3] - my;
      if (inside && (best == null || xy[1] < best[1])) {
        best = xy;
      }
    }
    return best;
  }

  private static Path2D line(
      Projection p, Frame f, double lon0, double lat0, double lon1, double lat1) {
    Path2D.Double path = new Path2D.Double();
    int n = 360;
    for (int i = 0; i <= n; i++) {
      double lon = lon0 + (lon1 - lon0) * i / n;
      double lat = lat0 + (lat1 - lat0) * i / n;
      double[] xy =
          p instanceof Projection.Equirectangular ? new double[] {lon, lat} : p.project(lon, lat);
      if (i == 0) {
        path.moveTo(f.px(xy[0]), f.py(xy[1]));
      } else {
        path.lineTo(f.px(xy[0]), f.py(xy[1]));
      }
    }
    return path;
  }

  static String latitude(double lat) {
    return Labels.number(Math.abs(lat)) + "°" + (lat < 0 ? "S" : lat > 0 ? "N" : "");
  }

  static String longitude(double lon) {
    double l = Projection.wrap(lon);
    if (lon == 180) {
      l = 180;
    }
    return Labels.number(Math.abs(l)) + "°" + (l < 0 ? "W" : l > 0 && l < 180 ? "E" : "");
  }
}
