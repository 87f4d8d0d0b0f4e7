package org.magg.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** ISO-8601 times of catalogs: instants, with an offset, or without one (taken as UTC). */
public final class IsoTimes {
  private IsoTimes() {}

  /**
   * Parses {@code 2021-01-10T03:00:00Z}, {@code 2021-01-10T03:00:00+00:00}, {@code
   * 2021-01-10T03:00:00} or {@code 2021-01-10T03:00} (UTC) and {@code 2021-01-10} (00:00 UTC).
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static Instant parse(String text) {
    String s = text.trim();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an ISO-8601 time (expected e.g. 2021-01-10T03:00:00Z)");
    }
  }
}
