package org.magg.core;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The project's one lenient reader of ISO-8601 times (catalogs, REACH inputs, command-line dates,
 * credential expirations). Each caller words its own error; {@link #parse} has a standard one.
 *
 * <p>Accepted, after surrounding spaces are dropped (letters in any case):
 *
 * <ul>
 *   <li>an instant in UTC: {@code 2021-01-10T03:00:00Z}, with a fraction ({@code
 *       03:00:00.123456Z}), a leap second ({@code 23:59:60Z}, read as {@code 23:59:59Z}) or the end
 *       of a day ({@code 24:00:00Z}, the next day's start);
 *   <li>a time with an offset: {@code 2021-01-10T04:30:00+01:30}, {@code 2021-01-10T03:00Z}
 *       (seconds optional);
 *   <li>a time without an offset, taken as UTC: {@code 2021-01-10T03:00:00}, {@code
 *       2021-01-10T03:00};
 *   <li>a date, its start in UTC: {@code 2021-01-10}.
 * </ul>
 *
 * <p>A space for the {@code T} ({@code 2021-01-10 03:00}) is refused: catalogs do not take it. A
 * caller that reads Python's {@code str()} of a datetime puts the {@code T} in first.
 */
public final class IsoTimes {
  private IsoTimes() {}

  /**
   * Parses one of the accepted forms (see the class).
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static Instant parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'" + text + "' is not an ISO-8601 time (expected e.g. 2021-01-10T03:00:00Z)"));
  }

  /** Parses one of the accepted forms (see the class); empty for anything else, null included. */
  public static Optional<Instant> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    try {
      return Optional.of(Instant.parse(s));
    } catch (DateTimeException e) {
      // try the next form
    }
    try {
      return Optional.of(OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeException e) {
      // try the next form
    }
    try {
      return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      // try the next form
    }
    try {
      return Optional.of(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
