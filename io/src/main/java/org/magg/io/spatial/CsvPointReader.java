package org.magg.io.spatial;

import com.fasterxml.jackson.core.io.NumberInput;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.magg.core.csv.CsvReader;
import org.magg.core.csv.CsvRow;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;

/**
 * Reads point tables in CSV with a header row. Coordinates, variables and the quality filter name
 * columns, in any order. Empty cells and {@code NaN} read as missing values (NaN); {@code inf},
 * {@code Infinity} (any case, optional sign) read as infinities; the binner filters both. Fields
 * may be double-quoted. A row with the wrong number of fields, or a needed field that is not a
 * number, is reported to the listener as malformed and skipped; the rest of the table is used.
 */
final class CsvPointReader implements PointReader {
  private static final long serialVersionUID = 1L;

  /** The one group of a table. */
  static final String GROUP = "table";

  private final PointSource source;
  private final List<String> variables;
  private final S3Settings s3;

  CsvPointReader(PointSource source, List<String> variables) {
    this(source, variables, S3Settings.defaults());
  }

  /** As above; {@code s3://} tables are read sequentially in large ranged GETs using {@code s3}. */
  CsvPointReader(PointSource source, List<String> variables, S3Settings s3) {
    this.source = source;
    this.variables = List.copyOf(variables);
    this.s3 = s3;
  }

  private Reader open(String granule) throws IOException {
    try {
      return new InputStreamReader(Storage.of(s3).open(granule), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IOException("point table " + e.getMessage(), e);
    }
  }

  @Override
  public void read(String granule, Listener listener) throws IOException {
    try (CsvReader in = CsvReader.open(open(granule), "point table " + granule)) {
      CsvRow header = in.next();
      if (header == null) {
        throw new IOException("point table " + granule + " is empty (expected a header row)");
      }
      List<String> names = header.fields();
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        index.put(names.get(i).trim(), i);
      }
      int latCol = require(index, source.latitude(), granule, names);
      int lonCol = require(index, source.longitude(), granule, names);
      int qCol =
          source.qualityFilter() == null
              ? -1
              : require(index, source.qualityFilter().dataset(), granule, names);
      int[] varCols = new int[variables.size()];
      for (int v = 0; v < varCols.length; v++) {
        varCols[v] = require(index, source.variables().get(variables.get(v)), granule, names);
      }
      Growable lat = new Growable();
      Growable lon = new Growable();
      Growable quality = new Growable();
      Growable[] values = new Growable[varCols.length];
      for (int v = 0; v < values.length; v++) {
        values[v] = new Growable();
      }
      int[] cols = new int[3 + varCols.length];
      cols[0] = latCol;
      cols[1] = lonCol;
      cols[2] = qCol;
      System.arraycopy(varCols, 0, cols, 3, varCols.length);
      double[] parsed = new double[cols.length];
      for (CsvRow row = in.next(); row != null; row = in.next()) {
        String problem = parse(row, names, cols, parsed);
        if (problem != null) {
          listener.rowMalformed(
              GROUP, row.line(), "point table " + granule + " line " + row.line() + problem);
          continue;
        }
        lat.add(parsed[0]);
        lon.add(parsed[1]);
        if (qCol >= 0) {
          quality.add(parsed[2]);
        }
        for (int v = 0; v < varCols.length; v++) {
          values[v].add(parsed[3 + v]);
        }
      }
      double[][] columns = new double[values.length][];
      double[] fills = new double[values.length];
      for (int v = 0; v < values.length; v++) {
        columns[v] = values[v].toArray();
        fills[v] = Double.NaN;
      }
      listener.columns(
          new PointColumns(
              GROUP,
              lat.toArray(),
              Double.NaN,
              lon.toArray(),
              Double.NaN,
              qCol >= 0 ? quality.toArray() : null,
              columns,
              fills));
    } catch (NoSuchFileException e) {
      throw new IOException("point table " + granule + " does not exist", e);
    }
  }

  private static int require(
      Map<String, Integer> index, String column, String granule, List<String> names)
      throws IOException {
    Integer i = index.get(column);
    if (i == null) {
      throw new IOException(
          "point table "
              + granule
              + " has no column '"
              + column
              + "' (columns: "
              + String.join(", ", names)
              + ")");
    }
    return i;
  }

  /**
   * Parses the needed fields of a row into {@code out} (in the order of {@code cols}; a negative
   * column is skipped). Returns null, or what is wrong with the row (after its line number).
   */
  private static String parse(CsvRow row, List<String> names, int[] cols, double[] out) {
    if (row.size() != names.size()) {
      return " has " + row.size() + " fields, expected " + names.size() + " (as in the header)";
    }
    for (int k = 0; k < cols.length; k++) {
      if (cols[k] < 0) {
        continue;
      }
      String s = row.get(cols[k]).trim();
      try {
        out[k] = number(s);
      } catch (NumberFormatException e) {
        return " column '" + names.get(cols[k]) + "': '" + s + "' is not a number";
      }
    }
    return null;
  }

  /**
   * A field's value: NaN when it is empty or {@code NaN}; infinities spelled {@code inf} or {@code
   * Infinity}; each in any case and with an optional sign.
   *
   * @throws NumberFormatException when the field is not a number
   */
  static double number(String s) {
    if (s.isEmpty()) {
      return Double.NaN;
    }
    char first = s.charAt(0);
    String unsigned = first == '-' || first == '+' ? s.substring(1) : s;
    if (unsigned.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity")) {
      return first == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    // Jackson's FastDoubleParser: the syntax and correctly rounded values of Double.parseDouble,
    // several times faster on the full-precision numbers of point tables
    return NumberInput.parseDouble(s, true);
  }

  /** A growable double array. */
  private static final class Growable {
    private double[] data = new double[1024];
    private int size;

    void add(double v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    double[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}
