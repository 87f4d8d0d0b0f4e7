package org.magg.pipelines.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/**
 * Values to colours on the viridis scale (dark blue for the minimum, yellow for the maximum,
 * linearly between), and the colour bar that shows it.
 */
final class ColourScale {
  /** Viridis at 0, 1/8, ..., 1 (matplotlib's table at those points). */
  private static final int[][] VIRIDIS = {
    {68, 1, 84},
    {71, 44, 122},
    {59, 81, 139},
    {44, 113, 142},
    {33, 144, 141},
    {39, 173, 129},
    {92, 200, 99},
    {170, 220, 50},
    {253, 231, 37}
  };

  static final Color NO_VALUE = new Color(200, 200, 200);

  private final double min;
  private final double max;

  ColourScale(double min, double max) {
    this.min = min;
    this.max = max > min ? max : min + 1;
  }

  double min() {
    return min;
  }

  double max() {
    return max;
  }

  /** The colour of a value (values outside the range take the end colours; NaN is grey). */
  Color colour(double v) {
    if (Double.isNaN(v)) {
      return NO_VALUE;
    }
    return at(Math.max(0, Math.min(1, (v - min) / (max - min))));
  }

  /** The colour at fraction {@code f} of the scale. */
  static Color at(double f) {
    double p = f * (VIRIDIS.length - 1);
    int i = Math.min((int) Math.floor(p), VIRIDIS.length - 2);
    double w = p - i;
    int[] a = VIRIDIS[i];
    int[] b = VIRIDIS[i + 1];
    return new Color(
        (int) Math.round(a[0] + w * (b[0] - a[0])),
        (int) Math.round(a[1] + w * (b[1] - a[1])),
        (int) Math.round(a[2] + w * (b[2] - a[2])));
  }

  /**
   * Draws the bar vertically in {@code bar} (minimum at the bottom), five labelled ticks on its
   * right, and {@code label} above it.
   */
  void draw(Graphics2D g, Rectangle2D bar, String label) {
    int x = (int) bar.getX();
    int w = (int) bar.getWidth();
    int top = (int) bar.getY();
    int h = (int) bar.getHeight();
    for (int row = 0; row < h; row++) {
      g.setColor(at(1 - (row + 0.5) / h));
      g.fillRect(x, top + row, w, 1);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawRect(x - 1, top - 1, w + 1, h + 1);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int t = 0; t <= 4; t++) {
      double v = min + (max - min) * t / 4.0;
      int y = (int) Math.round(top + h - h * t / 4.0);
      g.drawLine(x + w, y, x + w + 4, y);
      g.drawString(Labels.number(v), x + w + 7, y + 4);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    g.drawString(label, x, top - 10);
  }

  /** The pixel row of the bar in {@code bar} whose colour is that at fraction {@code f}. */
  static int row(Rectangle2D bar, double f) {
    int h = (int) bar.getHeight();
    return (int) bar.getY() + Math.min(h - 1, (int) Math.floor((1 - f) * h));
  }
}
