package org.magg.io.spatial;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.io.s3.S3Settings;

/**
 * Reads point tables in CSV with a header row. Coordinates, variables and the quality filter name
 * columns, in any order. Empty cells and {@code NaN} read as missing values (filtered as fill).
 * Fields may be double-quoted.
 */
final class CsvPointReader implements PointReader {
  private static final long serialVersionUID = 1L;

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

  private BufferedReader open(String granule) throws IOException {
    if (GranuleLocations.isS3(granule)) {
      S3Location loc = GranuleLocations.s3(granule, "point table");
      return new BufferedReader(
          new InputStreamReader(S3Objects.of(s3).openSequential(loc), StandardCharsets.UTF_8),
          1 << 16);
    }
    Path path = GranuleLocations.local(granule, "point table");
    return Files.newBufferedReader(path, StandardCharsets.UTF_8);
  }

  @Override
  public void read(String granule, Listener listener) throws IOException {
    try (BufferedReader in = open(granule)) {
      String header = in.readLine();
      if (header == null) {
        throw new IOException("point table " + granule + " is empty (expected a header row)");
      }
      if (header.startsWith("\uFEFF")) {
        header = header.substring(1);
      }
      List<String> names = split(header);
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
      String line;
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        List<String> fields = split(line);
        if (fields.size() != names.size()) {
          throw new IOException(
              "point table "
                  + granule
                  + " line "
                  + lineNo
                  + " has "
                  + fields.size()
                  + " fields, expected "
                  + names.size()
                  + " (as in the header)");
        }
        lat.add(number(fields, latCol, names, granule, lineNo));
        lon.add(number(fields, lonCol, names, granule, lineNo));
        if (qCol >= 0) {
          quality.add(number(fields, qCol, names, granule, lineNo));
        }
        for (int v = 0; v < varCols.length; v++) {
          values[v].add(number(fields, varCols[v], names, granule, lineNo));
        }
      }
      double[][] cols = new double[values.length][];
      double[] fills = new double[values.length];
      for (int v = 0; v < values.length; v++) {
        cols[v] = values[v].toArray();
        fills[v] = Double.NaN;
      }
      listener.columns(
          new PointColumns(
              "table",
              lat.toArray(),
              Double.NaN,
              lon.toArray(),
              Double.NaN,
              qCol >= 0 ? quality.toArray() : null,
              cols,
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

  private static double number(
      List<String> fields, int col, List<String> names, String granule, int lineNo)
      throws IOException {
    String s = fields.get(col).trim();
    if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IOException(
          "point table "
              + granule
              + " line "
              + lineNo
              + " column '"
              + names.get(col)
              + "': '"
              + s
              + "' is not a number");
    }
  }

  /** Splits one CSV line on commas, honouring double quotes. */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
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
