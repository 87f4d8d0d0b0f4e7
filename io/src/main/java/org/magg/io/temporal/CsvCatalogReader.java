package org.magg.io.temporal;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.magg.core.csv.CsvReader;
import org.magg.core.csv.CsvRow;

/**
 * Reads a CSV catalog: a header {@code event_id,start,end,mask_file,mask_variable[,mask_label]} (in
 * any order, any case), then one event per line, its mask an array in a gridded file ({@link
 * MaskArrays}). The catalog has no grid of its own: it is the expected grid or that of the first
 * mask file that opens.
 */
final class CsvCatalogReader {
  private static final List<String> COLUMNS =
      List.of("event_id", "start", "end", "mask_file", "mask_variable");
  private static final String LABEL = "mask_label";

  private final CatalogReport report;
  private final CatalogFiles files;
  private final MaskArrays arrays;
  private final FieldGrid expectedGrid;

  CsvCatalogReader(
      CatalogReport report, CatalogFiles files, MaskArrays arrays, FieldGrid expectedGrid) {
    this.report = report;
    this.files = files;
    this.arrays = arrays;
    this.expectedGrid = expectedGrid;
  }

  /** Reads the events into the report; returns the catalog's grid. */
  FieldGrid read(String text) {
    List<CsvRow> rows = new ArrayList<>();
    try (CsvReader in = CsvReader.openTrimmed(new StringReader(text), null)) {
      for (CsvRow row = in.next(); row != null; row = in.next()) {
        rows.add(row);
      }
    } catch (IOException e) {
      throw report.whole(e.getMessage(), e);
    }
    if (rows.isEmpty()) {
      throw report.whole("is empty (expected a header " + String.join(",", COLUMNS) + ")");
    }
    List<String> header = rows.get(0).fields();
    Map<String, Integer> col = columns(header);
    List<CsvRow> events = rows.subList(1, rows.size());
    List<String> maskFiles = new ArrayList<>();
    int k = col.get("mask_file");
    for (CsvRow row : events) {
      if (k < row.size() && !row.get(k).isEmpty()) {
        maskFiles.add(row.get(k));
      }
    }
    FieldGrid grid = files.gridOr(expectedGrid, maskFiles, "a CSV catalog has no grid");
    for (CsvRow row : events) {
      event(row, header.size(), col, grid);
    }
    return grid;
  }

  /** The column of each known name in the header. */
  private Map<String, Integer> columns(List<String> header) {
    Map<String, Integer> col = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(name) && !name.equals(LABEL)) {
        throw report.whole(
            "header column "
                + (i + 1)
                + " '"
                + header.get(i)
                + "' is unknown (expected "
                + String.join(",", COLUMNS)
                + "[,"
                + LABEL
                + "])");
      }
      if (col.put(name, i) != null) {
        throw report.whole("header names column '" + name + "' twice");
      }
    }
    for (String c : COLUMNS) {
      if (!col.containsKey(c)) {
        throw report.whole(
            "header lacks column '"
                + c
                + "' (expected "
                + String.join(",", COLUMNS)
                + ", got "
                + String.join(",", header)
                + ")");
      }
    }
    return col;
  }

  private void event(CsvRow row, int columns, Map<String, Integer> col, FieldGrid grid) {
    String at = "line " + row.line();
    if (row.size() != columns) {
      report.failAnonymous(
          at, at, row.size() + " fields, expected " + columns + " as in the header");
      return;
    }
    String id = row.get(col.get("event_id"));
    if (id.isEmpty()) {
      report.failAnonymous(at, at + " event_id", "is empty (expected an event id)");
      return;
    }
    report.event(id, at, () -> parts(row, at, col, grid));
  }

  private CatalogReport.Parts parts(CsvRow row, String at, Map<String, Integer> col, FieldGrid grid)
      throws EventProblem {
    Instant start = CatalogReport.time(row.get(col.get("start")), at + " start");
    Instant end = CatalogReport.time(row.get(col.get("end")), at + " end");
    CatalogReport.checkOrder(at, start, end);
    String file = row.get(col.get("mask_file"));
    String variable = row.get(col.get("mask_variable"));
    if (file.isEmpty() || variable.isEmpty()) {
      throw new EventProblem(
          at, "mask_file and mask_variable must name the mask array of the event");
    }
    Double label = null;
    Integer lc = col.get(LABEL);
    if (lc != null && !row.get(lc).isEmpty()) {
      try {
        label = Double.parseDouble(row.get(lc));
      } catch (NumberFormatException e) {
        throw new EventProblem(at + " " + LABEL, "'" + row.get(lc) + "' is not a number");
      }
    }
    String field = at + " mask_file";
    EventMask mask =
        arrays.read(new MaskArrays.Ref(field, field, file, variable, label), grid, start, end);
    return new CatalogReport.Parts(start, end, mask);
  }
}
