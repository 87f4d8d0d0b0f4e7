package org.magg.io.temporal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.magg.core.Failure;
import org.magg.core.IsoTimes;

/**
 * What loading one catalog found: the events that loaded and a {@link Failure} for each that did
 * not, each message naming the catalog, the event id and the field. Whole-catalog problems become
 * {@link EventCatalogException}s ({@link #whole}). The checks every format shares live here: ids
 * given once, times, end not before start, a mask that is not empty.
 */
final class CatalogReport {
  private final String location;
  private final List<Event> events = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final Map<String, String> seenIds = new HashMap<>();

  CatalogReport(String location) {
    this.location = location;
  }

  /** The catalog's location, as given to {@link EventCatalog#load}. */
  String location() {
    return location;
  }

  /** The catalog of what loaded and what failed. */
  EventCatalog catalog(FieldGrid grid) {
    return new EventCatalog(location, grid, events, failures);
  }

  /** An event as a format reads it, before the shared checks. */
  record Parts(Instant start, Instant end, EventMask mask) {}

  /** Reads the parts of one event; a problem of the event is thrown as an {@link EventProblem}. */
  interface PartsReader {
    Parts read() throws EventProblem;
  }

  /**
   * Adds the event {@code id} given at {@code at} (an entry of the catalog): refused with a failure
   * when the id was seen before (the first entry with the id keeps it, valid or not), a failure
   * when {@code reader} or the shared checks find a problem.
   */
  void event(String id, String at, PartsReader reader) {
    String first = seenIds.putIfAbsent(id, at);
    if (first != null) {
      fail(
          id,
          at,
          "the id is given twice (first at "
              + first
              + "): this entry repeats an earlier event and is refused; the first is kept");
      return;
    }
    try {
      Parts p = reader.read();
      if (p.mask().totalCells() == 0) {
        throw new EventProblem(
            at,
            "the mask is empty: no cell is inside the event at any of its "
                + p.mask().size()
                + " mask time(s)");
      }
      try {
        events.add(Event.of(id, p.start(), p.end(), p.mask()));
      } catch (IllegalArgumentException e) {
        throw new EventProblem(at, e.getMessage());
      }
    } catch (EventProblem p) {
      fail(id, p.field, p.getMessage());
    }
  }

  /** A failure of the event {@code id}: the catalog, the id, the field and the reason. */
  private void fail(String id, String field, String reason) {
    failures.add(
        new Failure(
            "event", id, "catalog " + location + ", event '" + id + "', " + field + ": " + reason));
  }

  /** A failure of an entry without a usable id; the subject is its place in the catalog. */
  void failAnonymous(String at, String field, String reason) {
    failures.add(new Failure("event", at, "catalog " + location + ", " + field + ": " + reason));
  }

  /** The catalog as a whole is unusable. */
  EventCatalogException whole(String message) {
    return new EventCatalogException("event catalog " + location + ": " + message);
  }

  EventCatalogException whole(String message, Throwable cause) {
    return new EventCatalogException("event catalog " + location + ": " + message, cause);
  }

  /** An ISO-8601 time of the field {@code field}. */
  static Instant time(String text, String field) throws EventProblem {
    try {
      return IsoTimes.parse(text);
    } catch (IllegalArgumentException e) {
      throw new EventProblem(field, e.getMessage());
    }
  }

  /** Refuses an event that ends before it starts. */
  static void checkOrder(String field, Instant start, Instant end) throws EventProblem {
    if (end.isBefore(start)) {
      throw new EventProblem(field, "end " + end + " is before start " + start);
    }
  }
}
