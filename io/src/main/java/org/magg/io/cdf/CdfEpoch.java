package org.magg.io.cdf;

import java.time.Instant;

/**
 * CDF_EPOCH values: milliseconds since 0000-01-01T00:00:00.000 (proleptic Gregorian calendar, year
 * 0 being 1 BC) as a double, without leap seconds. Stateless and thread-safe.
 */
public final class CdfEpoch {

  /** ISTP fill value for CDF_EPOCH (shown as 9999-12-31T23:59:59.999). */
  public static final double FILL = -1.0e31;

  /** Milliseconds from 0000-01-01T00:00:00 to 1970-01-01T00:00:00: 719528 days. */
  static final long UNIX_EPOCH_MILLIS = 719_528L * 86_400_000L;

  private CdfEpoch() {}

  /** CDF_EPOCH of an instant (sub-millisecond digits go to the fraction). */
  public static double fromInstant(Instant t) {
    long millis = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1000L), UNIX_EPOCH_MILLIS);
    return millis + t.getNano() / 1.0e6;
  }

  /** The instant of a CDF_EPOCH value, to the nearest microsecond (a double keeps no more). */
  public static Instant toInstant(double epoch) {
    if (Double.isNaN(epoch) || Double.isInfinite(epoch) || epoch == FILL) {
      throw new IllegalArgumentException("CDF_EPOCH " + epoch + " is not a time");
    }
    double floor = Math.floor(epoch);
    long millis = (long) floor - UNIX_EPOCH_MILLIS;
    long micros = Math.round((epoch - floor) * 1000.0);
    return Instant.ofEpochMilli(millis).plusNanos(micros * 1000L);
  }
}
