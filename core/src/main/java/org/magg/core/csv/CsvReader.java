package org.magg.core.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV row by row: comma-separated fields, optionally double-quoted, {@code ""} inside quotes
 * for a quote, line breaks allowed inside quotes, lines ending in {@code \n}, {@code \r\n} or
 * {@code \r}. Text after a closing quote joins the field ({@code "ab"c} reads {@code abc}). A
 * byte-order mark at the start is dropped and blank lines (empty, or only spaces) are skipped. Each
 * row knows the line it starts on, for error messages. Closing the reader closes its input.
 *
 * <pre>{@code
 * try (CsvReader in = CsvReader.open(reader, file.toString())) {
 *   for (CsvRow row = in.next(); row != null; row = in.next()) { ... }
 * }
 * }</pre>
 */
public final class CsvReader implements Closeable {
  private static final char BOM = '\uFEFF';

  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final String source;
  private final boolean strip;

  private CsvReader(Reader in, CSVFormat format, String source) throws IOException {
    try {
      this.parser = format.parse(withoutBom(in));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
    this.records = parser.iterator();
    this.source = source;
    this.strip = format.getIgnoreSurroundingSpaces();
  }

  /**
   * A reader of {@code in} that keeps fields as they are written.
   *
   * @param source what errors name before the line (a file name), or null for nothing
   */
  public static CsvReader open(Reader in, String source) throws IOException {
    return new CsvReader(in, CsvFormats.READ, source);
  }

  /**
   * A reader of {@code in} whose fields are stripped of surrounding white space, quoted or not, and
   * where white space may come between a comma and an opening quote ({@code a, " b"} reads {@code
   * a} and {@code b}): for files people write by hand.
   *
   * @param source what errors name before the line (a file name), or null for nothing
   */
  public static CsvReader openTrimmed(Reader in, String source) throws IOException {
    return new CsvReader(in, CsvFormats.READ_TRIMMED, source);
  }

  /** Every row of {@code text}, fields as written; errors name {@code source} (may be null). */
  public static List<CsvRow> readAll(String text, String source) throws IOException {
    try (CsvReader in = open(new StringReader(text), source)) {
      List<CsvRow> rows = new ArrayList<>();
      for (CsvRow row = in.next(); row != null; row = in.next()) {
        rows.add(row);
      }
      return rows;
    }
  }

  /**
   * The next row, or null at the end.
   *
   * @throws IOException when the input cannot be read, or a quoted field is not closed before the
   *     end (naming the source and the line the row starts on)
   */
  public CsvRow next() throws IOException {
    while (true) {
      long line = parser.getCurrentLineNumber() + 1;
      CSVRecord record;
      try {
        if (!records.hasNext()) {
          return null;
        }
        record = records.next();
      } catch (UncheckedIOException e) {
        throw problem(e.getCause(), line);
      }
      if (record.size() == 1 && record.get(0).isBlank()) {
        continue;
      }
      return new CsvRow(record, line, strip);
    }
  }

  private IOException problem(IOException cause, long line) {
    if (!(cause instanceof CSVException)) {
      return cause;
    }
    String where = (source == null ? "" : source + ": ") + "line " + line + ": ";
    String message = cause.getMessage();
    if (message != null && message.contains("EOF reached before encapsulated token finished")) {
      return new IOException(where + "a quoted field is not closed before end of file", cause);
    }
    return new IOException(where + message, cause);
  }

  private static Reader withoutBom(Reader in) throws IOException {
    PushbackReader r = new PushbackReader(in, 1);
    int first = r.read();
    if (first >= 0 && first != BOM) {
      r.unread(first);
    }
    return r;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
