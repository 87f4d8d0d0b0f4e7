package org.magg.io.gridded;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;

/**
 * How a {@link GriddedSource} finds its axes: the names of the latitude, longitude, time and
 * vertical-level coordinate variables, and an optional calendar that replaces the one the time
 * variable declares (for products whose {@code calendar} attribute is known to be wrong, such as
 * GPM IMERG V06, which declares {@code julian} for UTC seconds).
 *
 * <p>A coordinate name without a {@code /} is looked up in every group of an HDF5 file, the root
 * first; a name with {@code /} is a path.
 *
 * @param lat name of the latitude variable (default {@code lat})
 * @param lon name of the longitude variable (default {@code lon})
 * @param time name of the time variable (default {@code time})
 * @param lev name of the vertical-level variable (default {@code lev})
 * @param calendar null to use the file's calendar, or one of {@code standard}, {@code gregorian},
 *     {@code proleptic_gregorian} to use instead
 */
public record SourceOptions(String lat, String lon, String time, String lev, String calendar)
    implements Serializable {

  /** The calendars time axes can be decoded in (all agree after 1582-10-15). */
  static final Set<String> CALENDARS = Set.of("standard", "gregorian", "proleptic_gregorian");

  public SourceOptions {
    lat = checkName(lat, "latitude");
    lon = checkName(lon, "longitude");
    time = checkName(time, "time");
    lev = checkName(lev, "level");
    if (calendar != null) {
      calendar = calendar.trim().toLowerCase(Locale.ROOT);
      if (!CALENDARS.contains(calendar)) {
        throw new IllegalArgumentException(
            "calendar override '"
                + calendar
                + "' is not supported; use standard, gregorian or proleptic_gregorian");
      }
    }
  }

  private static String checkName(String name, String what) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("the " + what + " coordinate name must not be empty");
    }
    return name.trim();
  }

  /** lat, lon, time, lev; the files' calendars. */
  public static SourceOptions defaults() {
    return new SourceOptions("lat", "lon", "time", "lev", null);
  }

  public SourceOptions withLat(String name) {
    return new SourceOptions(name, lon, time, lev, calendar);
  }

  public SourceOptions withLon(String name) {
    return new SourceOptions(lat, name, time, lev, calendar);
  }

  public SourceOptions withTime(String name) {
    return new SourceOptions(lat, lon, name, lev, calendar);
  }

  public SourceOptions withLev(String name) {
    return new SourceOptions(lat, lon, time, name, calendar);
  }

  public SourceOptions withCalendar(String calendarOverride) {
    return new SourceOptions(lat, lon, time, lev, calendarOverride);
  }
}
