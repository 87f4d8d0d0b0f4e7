package org.magg.io.temporal;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 CSV reader: comma-separated fields, optional double quotes ({@code ""} inside
 * quotes is a quote), CRLF or LF line ends. Blank lines are skipped.
 */
final class Csv {
  private Csv() {}

  /**
   * The rows of {@code text}.
   *
   * @throws IllegalArgumentException for an unterminated quote, naming the line
   */
  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int line = 1;
    int quoteLine = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          field.append(ch);
        }
      } else if (ch == '"' && field.toString().isBlank()) {
        field.setLength(0);
        quoted = true;
        fieldStarted = true;
        quoteLine = line;
      } else if (ch == ',') {
        row.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        endRow(rows, row, field, fieldStarted);
        row = new ArrayList<>();
        fieldStarted = false;
        line++;
      } else {
        field.append(ch);
        fieldStarted = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("line " + quoteLine + ": a quoted field is not closed");
    }
    endRow(rows, row, field, fieldStarted);
    return rows;
  }

  private static void endRow(
      List<List<String>> rows, List<String> row, StringBuilder field, boolean started) {
    if (!started && row.isEmpty()) {
      field.setLength(0);
      rows.add(null); // a blank line keeps its place so line numbers stay right
      return;
    }
    row.add(field.toString());
    field.setLength(0);
    rows.add(row);
  }
}
