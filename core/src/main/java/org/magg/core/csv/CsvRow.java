package org.magg.core.csv;

import java.util.List;
import org.apache.commons.csv.CSVRecord;

/** One record of a CSV text: its fields and the 1-based line it starts on. */
public final class CsvRow {
  private final CSVRecord record;
  private final long line;
  private final boolean strip;

  CsvRow(CSVRecord record, long line, boolean strip) {
    this.record = record;
    this.line = line;
    this.strip = strip;
  }

  /** The number of fields. */
  public int size() {
    return record.size();
  }

  /** Field {@code i} (0-based), unquoted. */
  public String get(int i) {
    return strip ? record.get(i).strip() : record.get(i);
  }

  /** The 1-based line the record starts on (a quoted field may span lines). */
  public long line() {
    return line;
  }

  /** The fields as an unmodifiable list. */
  public List<String> fields() {
    return strip ? record.stream().map(String::strip).toList() : List.copyOf(record.toList());
  }

  @Override
  public String toString() {
    return "line " + line + ": " + fields();
  }
}
