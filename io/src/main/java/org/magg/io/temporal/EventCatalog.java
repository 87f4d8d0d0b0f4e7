package org.magg.io.temporal;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.magg.core.Failure;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;

/**
 * A loaded event catalog: the field grid the masks refer to, the events that loaded, and a {@link
 * Failure} (stage {@code event}, subject the event id) for each event that did not: masks missing,
 * unreadable, out of the grid, on another grid or empty, or times invalid (end before start, a mask
 * time outside [start, end]). One bad event never stops the others.
 *
 * <p>Formats (see the README section "Event catalogs"): JSON with per-timestep cell lists or a mask
 * array per event, and CSV {@code event_id,start,end,mask_file,mask_variable} with mask arrays in
 * NetCDF or Zarr files. Relative file names resolve against the catalog's directory (local or
 * {@code s3://}).
 *
 * <pre>{@code
 * EventCatalog catalog = EventCatalog.load("storms.json", null);
 * for (Event e : catalog.events()) { ... }
 * catalog.failures().forEach(f -> System.err.println(f.subject() + ": " + f.reason()));
 * }</pre>
 */
public final class EventCatalog implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String location;
  private final FieldGrid grid;
  private final List<Event> events;
  // stage, subject, reason of each failure (Failure itself is not Serializable)
  private final String[][] failureRows;

  EventCatalog(String location, FieldGrid grid, List<Event> events, List<Failure> failures) {
    this.location = location;
    this.grid = Objects.requireNonNull(grid, "Catalog grid cannot be null.");
    this.events = Collections.unmodifiableList(new ArrayList<>(events));
    this.failureRows =
        failures.stream()
            .map(f -> new String[] {f.stage(), f.subject(), f.reason()})
            .toArray(String[][]::new);
  }

  /**
   * Loads a catalog (JSON or CSV, chosen by the file extension {@code .json}/{@code .csv}, else by
   * the content) from a local path, a {@code file:} URI or {@code s3://bucket/key}.
   *
   * @param s3OrNull how to reach {@code s3://} locations (null: the AWS defaults)
   * @throws IOException when the catalog file cannot be read
   * @throws EventCatalogException when the catalog as a whole is unusable
   */
  public static EventCatalog load(String location, S3Settings s3OrNull)
      throws IOException, EventCatalogException {
    return load(location, s3OrNull, null);
  }

  /**
   * Loads a catalog whose masks must be on {@code expectedGrid} (the grid of the fields, say). A
   * JSON {@code grid} that differs is refused as a whole; an event whose mask array is on another
   * grid fails alone. With a null grid, a JSON catalog's {@code grid} is used, or else the grid of
   * the first mask file that opens.
   */
  public static EventCatalog load(String location, S3Settings s3OrNull, FieldGrid expectedGrid)
      throws IOException, EventCatalogException {
    return load(location, s3OrNull, expectedGrid, GriddedGridFiles.of(s3OrNull));
  }

  static EventCatalog load(String location, S3Settings s3, FieldGrid expectedGrid, GridFiles files)
      throws IOException {
    Objects.requireNonNull(location, "Catalog location cannot be null.");
    String text = Storage.of(s3).readText(location);
    return new EventCatalogLoader(location, expectedGrid, files).load(text);
  }

  /** A catalog built in memory (no failures), for example from {@link SyntheticEvents}. */
  public static EventCatalog of(FieldGrid grid, List<Event> events) {
    checkUniqueIds(events);
    for (Event e : events) {
      if (e.mask().maxCell() >= grid.cells()) {
        throw new IllegalArgumentException(
            "event '"
                + e.id()
                + "': cell "
                + e.mask().maxCell()
                + " is outside the grid of "
                + grid.cells()
                + " cells "
                + grid.describe());
      }
    }
    return new EventCatalog(null, grid, events, List.of());
  }

  private static void checkUniqueIds(List<Event> events) {
    Map<String, Event> seen = new LinkedHashMap<>();
    for (Event e : events) {
      if (seen.put(e.id(), e) != null) {
        throw new IllegalArgumentException("event id '" + e.id() + "' is given twice");
      }
    }
  }

  /** Where the catalog was loaded from, or null when built in memory. */
  public String location() {
    return location;
  }

  /** The field grid the masks refer to. */
  public FieldGrid grid() {
    return grid;
  }

  /** The events that loaded, in catalog order. */
  public List<Event> events() {
    return events;
  }

  /** The events that did not load: stage {@code event}, subject the id, and the reason. */
  public List<Failure> failures() {
    List<Failure> out = new ArrayList<>(failureRows.length);
    for (String[] r : failureRows) {
      out.add(new Failure(r[0], r[1], r[2]));
    }
    return Collections.unmodifiableList(out);
  }

  /** The event with this id, if it loaded. */
  public Optional<Event> event(String id) {
    return events.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /**
   * The catalog as JSON (the format {@link #load} reads): the grid (as start/step/count when
   * regular, else the axis values), and each event's masks as cell lists (with weights when
   * weighted). Failures are not written.
   */
  public String toJson() {
    return EventCatalogJson.write(grid, events, Map.of());
  }

  @Override
  public String toString() {
    return "EventCatalog["
        + (location != null ? location + ", " : "")
        + grid.describe()
        + ", "
        + events.size()
        + " events, "
        + failureRows.length
        + " failed]";
  }
}
