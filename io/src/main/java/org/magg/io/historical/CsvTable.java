package org.magg.io.historical;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming reader of RFC 4180 CSV: comma-separated fields, optionally double-quoted, a doubled
 * quote inside quotes for a literal quote, line breaks allowed inside quotes, {@code \n} or {@code
 * \r\n} line ends. Each record knows the line it starts on, for error messages.
 */
final class CsvTable implements AutoCloseable {
  /** One record: its fields and the 1-based line it starts on. */
  record Row(List<String> fields, long line) {}

  private final Reader in;
  private final String source;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int end;
  private long line = 1;
  private int pushedBack = -2;

  CsvTable(Reader in, String source) {
    this.in = in;
    this.source = source;
  }

  private int read() throws IOException {
    if (pushedBack != -2) {
      int c = pushedBack;
      pushedBack = -2;
      return c;
    }
    if (pos == end) {
      end = in.read(buf, 0, buf.length);
      pos = 0;
      if (end <= 0) {
        end = 0;
        return -1;
      }
    }
    return buf[pos++];
  }

  /** The next record, or null at the end. Blank lines are skipped. */
  Row next() throws IOException {
    while (true) {
      long start = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean inQuotes = false;
      boolean any = false;
      while (true) {
        int c = read();
        if (c == -1) {
          if (inQuotes) {
            throw new IOException(
                source + ": line " + start + ": a quoted field is not closed before end of file");
          }
          if (!any) {
            return null;
          }
          fields.add(field.toString());
          return new Row(fields, start);
        }
        any = true;
        if (inQuotes) {
          if (c == '"') {
            int d = read();
            if (d == '"') {
              field.append('"');
            } else {
              inQuotes = false;
              pushedBack = d;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            field.append((char) c);
          }
          continue;
        }
        if (c == '"' && field.length() == 0 && !quoted) {
          inQuotes = true;
          quoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
          quoted = false;
        } else if (c == '\r') {
          int d = read();
          if (d != '\n') {
            pushedBack = d;
          }
          line++;
          break;
        } else if (c == '\n') {
          line++;
          break;
        } else {
          field.append((char) c);
        }
      }
      fields.add(field.toString());
      if (fields.size() == 1 && fields.get(0).isEmpty() && !quoted) {
        continue; // blank line
      }
      return new Row(fields, start);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
