package org.magg.pipelines.plot;

import java.awt.geom.Rectangle2D;

/**
 * Where plane coordinates land in the image: the box {@code [x0, x1] x [y0, y1]} scaled into a
 * pixel rectangle with the same scale on both axes (centred in it), {@code y} up.
 */
final class Frame {
  private final double x0;
  private final double y1;
  private final double scale;
  private final double left;
  private final double top;

  Frame(double x0, double x1, double y0, double y1, Rectangle2D pixels) {
    double w = Math.max(x1 - x0, 1e-12);
    double h = Math.max(y1 - y0, 1e-12);
    this.scale = Math.min(pixels.getWidth() / w, pixels.getHeight() / h);
    this.x0 = x0;
    this.y1 = y1;
    this.left = pixels.getX() + (pixels.getWidth() - w * scale) / 2;
    this.top = pixels.getY() + (pixels.getHeight() - h * scale) / 2;
  }

  double px(double x) {
    return left + (x - x0) * scale;
  }

  double py(double y) {
    return top + (y1 - y) * scale;
  }

  /** Pixels per plane unit. */
  double scale() {
    return scale;
  }

  /** The pixel rectangle the box fills. */
  Rectangle2D box(double x0, double x1, double y0, double y1) {
    return new Rectangle2D.Double(px(x0), py(y1), (x1 - x0) * scale, (y1 - y0) * scale);
  }
}
