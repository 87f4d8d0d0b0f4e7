package org.magg.pipelines.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rows of cells printed as aligned columns, two spaces apart, every line indented by the same
 * prefix.
 */
final class Table {
  private static final Pattern NUMBER =
      Pattern.compile("NaN|-?[0-9][0-9,]*(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

  private final List<List<String>> rows = new ArrayList<>();
  private final boolean alignNumbers;

  /** A table whose numbers (and NaN) are right-aligned below a header row. */
  Table() {
    this(true);
  }

  /** A table with numbers right-aligned below a header row, or every cell left-aligned. */
  Table(boolean alignNumbers) {
    this.alignNumbers = alignNumbers;
  }

  Table row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object c : cells) {
      row.add(c == null ? "" : c.toString());
    }
    rows.add(row);
    return this;
  }

  int rows() {
    return rows.size();
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table, each line starting with {@code indent}; the first row is a header. */
  String render(String indent) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        String pad = " ".repeat(width[i] - cell.length());
        boolean right = alignNumbers && r > 0 && NUMBER.matcher(cell).matches();
        line.append(i == 0 ? "" : "  ").append(right ? pad + cell : cell + pad);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
