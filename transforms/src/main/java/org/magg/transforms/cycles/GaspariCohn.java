package org.magg.transforms.cycles;

/**
 * The Gaspari and Cohn (1999) fifth-order piecewise rational taper (their eq. 4.10), with DAPPER's
 * radius convention: for a localisation radius R the half-width is c = 1.82 R (about sqrt(10/3) R,
 * which gives the taper the curvature at 0 of exp(-d^2 / (2 R^2))), and the taper is zero beyond
 * 2c. At d = R it is 0.634 (the Gaussian's exp(-0.5) = 0.607).
 */
public final class GaspariCohn {
  /** Half-width over localisation radius. */
  public static final double HALF_WIDTH_PER_RADIUS = 1.82;

  private GaspariCohn() {}

  /** The taper at {@code distance} for localisation radius {@code radius}. */
  public static double coefficient(double distance, double radius) {
    if (radius < 0 || distance < 0) {
      throw new IllegalArgumentException(
          "Gaspari-Cohn needs a radius and distance >= 0, got " + radius + ", " + distance);
    }
    double c = HALF_WIDTH_PER_RADIUS * radius;
    if (c == 0) {
      return distance == 0 ? 1 : 0;
    }
    double r = distance / c;
    if (r <= 1) {
      double r2 = r * r;
      double r3 = r2 * r;
      return 1 + r2 * (-r3 / 4 + r2 / 2) + r3 * (5.0 / 8) - r2 * (5.0 / 3);
    }
    if (r <= 2) {
      double r2 = r * r;
      double r3 = r2 * r;
      return r2 * (r3 / 12 - r2 / 2) + r3 * (5.0 / 8) + r2 * (5.0 / 3) - r * 5 + 4 - (2.0 / 3) / r;
    }
    return 0;
  }
}
