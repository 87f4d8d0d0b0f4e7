package org.magg.pipelines.inspect;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.magg.core.csv.CsvReader;
import org.magg.core.csv.CsvRow;
import org.magg.io.storage.Storage;

/**
 * A CSV file the pipelines wrote (lifecycle.csv, tracks.csv, events.csv, rmse.csv), read whole: the
 * header and the rows. Columns are found by name, so a file with more columns still reads.
 */
public final class CsvTable {
  private final String location;
  private final List<String> header;
  private final List<List<String>> rows;

  private CsvTable(String location, List<String> header, List<List<String>> rows) {
    this.location = location;
    this.header = List.copyOf(header);
    this.rows = rows;
  }

  /** Reads the file at {@code location} (local or S3). */
  public static CsvTable read(String location, Storage storage) throws IOException {
    List<String> header = List.of();
    List<List<String>> rows = new ArrayList<>();
    try (CsvReader in =
        CsvReader.open(
            new InputStreamReader(storage.open(location), StandardCharsets.UTF_8), location)) {
      CsvRow first = in.next();
      if (first != null) {
        header = first.fields();
      }
      for (CsvRow r = in.next(); r != null; r = in.next()) {
        rows.add(r.fields());
      }
    }
    return new CsvTable(location, header, rows);
  }

  public String location() {
    return location;
  }

  public List<String> header() {
    return header;
  }

  /** The rows after the header, each as its fields. */
  public List<List<String>> rows() {
    return rows;
  }

  public int size() {
    return rows.size();
  }

  /** Whether the header has {@code name}. */
  public boolean has(String name) {
    return header.contains(name);
  }

  /** The index of column {@code name}. @throws IllegalArgumentException naming file and column */
  public int column(String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(
          location + ": no column '" + name + "' (columns: " + String.join(", ", header) + ")");
    }
    return i;
  }

  /** The field of row {@code row} in column {@code name} ("" for a short row). */
  public String get(int row, String name) {
    List<String> r = rows.get(row);
    int i = column(name);
    return i < r.size() ? r.get(i) : "";
  }

  /** Column {@code name} as numbers: an empty or non-numeric field is NaN. */
  public double[] doubles(String name) {
    double[] out = new double[rows.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = number(get(r, name));
    }
    return out;
  }

  /**
   * Whether {@code column} is one every event table has besides its metrics (event_id, status...).
   */
  public static boolean isEventTableColumn(String column) {
    return TemporalOutputInspector.FIXED.contains(column);
  }

  /** A field as a number, NaN when empty or not a number. */
  public static double number(String field) {
    if (field == null || field.isBlank()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(field.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
