package org.magg.core.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * Builds CSV text row by row. A cell is quoted only when it holds a comma, a double quote, a
 * carriage return or a line feed (quotes inside are doubled), as Python's {@code csv} module writes
 * it; any other cell, the empty one included, is written as it is. {@link CsvReader} reads every
 * cell back as it was given. A null cell is written empty.
 */
public final class CsvWriter {
  private final StringBuilder text = new StringBuilder();
  private final String lineEnd;

  private CsvWriter(String lineEnd) {
    this.lineEnd = lineEnd;
  }

  /** Rows end in {@code \n}. */
  public static CsvWriter withLf() {
    return new CsvWriter("\n");
  }

  /** Rows end in {@code \r\n} (RFC 4180, Python's default). */
  public static CsvWriter withCrlf() {
    return new CsvWriter("\r\n");
  }

  /** Appends one row. */
  public CsvWriter row(List<String> cells) {
    try {
      for (int i = 0; i < cells.size(); i++) {
        String cell = cells.get(i) == null ? "" : cells.get(i);
        CSVFormat format = needsQuotes(cell) ? CsvFormats.QUOTED : CsvFormats.BARE;
        format.print(cell, text, i == 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
    text.append(lineEnd);
    return this;
  }

  /** Appends one row. */
  public CsvWriter row(String... cells) {
    return row(Arrays.asList(cells));
  }

  /** The text written so far. */
  public String text() {
    return text.toString();
  }

  @Override
  public String toString() {
    return text();
  }

  static boolean needsQuotes(String cell) {
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == ',' || c == '"' || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }
}
