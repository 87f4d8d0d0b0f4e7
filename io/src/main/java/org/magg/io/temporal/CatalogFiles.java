package org.magg.io.temporal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.io.storage.Storage;

/**
 * The gridded files one catalog names, resolved against the catalog's location. Mask files are
 * opened once per load however many events use them (up to {@link #MAX_OPEN} stay open at once, the
 * least recently used is closed first); a file that failed to open fails the same way again.
 */
final class CatalogFiles implements AutoCloseable {
  /** Files kept open at once: catalogs with a file per event would otherwise exhaust handles. */
  static final int MAX_OPEN = 16;

  private final CatalogReport report;
  private final GridFiles files;
  private final Map<String, GridFiles.GridFile> open =
      new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, GridFiles.GridFile> eldest) {
          if (size() > MAX_OPEN) {
            closeQuietly(eldest.getValue());
            return true;
          }
          return false;
        }
      };
  private final Map<String, Exception> broken = new HashMap<>();

  CatalogFiles(CatalogReport report, GridFiles files) {
    this.report = report;
    this.files = files;
  }

  /** Closes every file opened. */
  @Override
  public void close() {
    open.values().forEach(CatalogFiles::closeQuietly);
    open.clear();
  }

  private static void closeQuietly(GridFiles.GridFile f) {
    try {
      f.close();
    } catch (IOException e) {
      // read-only files: nothing is lost
    }
  }

  /** The location of a file the catalog names, relative to the catalog's directory. */
  private String sibling(String given) {
    return Storage.resolveSibling(report.location(), given);
  }

  /** The location of the file named by the catalog field {@code field}. */
  String resolve(String field, String given) throws EventProblem {
    try {
      return sibling(given);
    } catch (IllegalArgumentException e) {
      throw new EventProblem(field, "'" + given + "' cannot be resolved: " + e.getMessage());
    }
  }

  /** The open mask file at a resolved location. */
  GridFiles.GridFile mask(String location) throws IOException {
    GridFiles.GridFile f = open.get(location);
    if (f != null) {
      return f;
    }
    Exception e = broken.get(location);
    if (e instanceof IOException io) {
      throw io;
    } else if (e != null) {
      throw (RuntimeException) e;
    }
    try {
      f = files.open(location);
      open.put(location, f);
      return f;
    } catch (IOException | RuntimeException ex) {
      broken.put(location, ex);
      throw ex;
    }
  }

  /** The grid of the catalog field {@code field}'s grid file (opened and closed at once). */
  FieldGrid gridFile(String field, String given) {
    try {
      return files.grid(sibling(given), null);
    } catch (IOException | RuntimeException e) {
      throw report.whole(field + " '" + given + "' cannot be read: " + GridFiles.reason(e), e);
    }
  }

  /**
   * The catalog's grid when it gives none: {@code expected} when not null, else the grid of the
   * first of {@code maskFiles} that opens.
   *
   * @param why what the catalog lacks, for the message when no mask file opens
   */
  FieldGrid gridOr(FieldGrid expected, List<String> maskFiles, String why) {
    if (expected != null) {
      return expected;
    }
    List<String> errors = new ArrayList<>();
    for (String f : maskFiles) {
      try {
        return mask(sibling(f)).grid();
      } catch (IOException | RuntimeException e) {
        errors.add(f + ": " + GridFiles.reason(e));
      }
    }
    throw report.whole(
        why
            + " and no mask file could be opened to take it from"
            + (errors.isEmpty() ? "" : " (" + String.join("; ", errors) + ")")
            + "; give the grid in the catalog or to EventCatalog.load");
  }
}
