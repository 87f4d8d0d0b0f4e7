package org.magg.core.grid;

/**
 * The range of coordinates the pipelines accept from input: latitude in [-90, 90] and longitude in
 * [-180, 360] (both the signed and the 0..360 conventions), finite. Anything else is an error in
 * the input, refused or counted, never wrapped.
 */
public final class GeoCoordinates {
  public static final double MIN_LATITUDE = -90.0;
  public static final double MAX_LATITUDE = 90.0;
  public static final double MIN_LONGITUDE = -180.0;
  public static final double MAX_LONGITUDE = 360.0;

  private GeoCoordinates() {}

  /** Whether {@code latDeg} is in [-90, 90] (false for NaN and infinities). */
  public static boolean validLatitude(double latDeg) {
    return latDeg >= MIN_LATITUDE && latDeg <= MAX_LATITUDE;
  }

  /** Whether {@code lonDeg} is in [-180, 360] (false for NaN and infinities). */
  public static boolean validLongitude(double lonDeg) {
    return lonDeg >= MIN_LONGITUDE && lonDeg <= MAX_LONGITUDE;
  }

  /** Whether both coordinates are in range. */
  public static boolean valid(double latDeg, double lonDeg) {
    return validLatitude(latDeg) && validLongitude(lonDeg);
  }

  /**
   * Throws when a coordinate is out of range.
   *
   * @throws IllegalArgumentException naming the value and the accepted range
   */
  public static void check(double latDeg, double lonDeg) {
    if (!validLatitude(latDeg)) {
      throw new IllegalArgumentException("latitude " + latDeg + " is outside [-90, 90] degrees");
    }
    if (!validLongitude(lonDeg)) {
      throw new IllegalArgumentException("longitude " + lonDeg + " is outside [-180, 360] degrees");
    }
  }
}
