package org.magg.io.historical;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.magg.core.IsoTimes;
import org.magg.core.Json;
import org.magg.core.csv.CsvReader;
import org.magg.core.csv.CsvRow;

/**
 * Reads a day's UDL SpaceEnvObservation export of REACH records: CSV (a header row, columns in any
 * order, nested {@code seoList}/{@code senPos} cells as JSON or Python literal text) or JSON (an
 * array of record objects). Every error names the file, the line (CSV) or record (JSON), the column
 * and what was expected.
 */
public final class ReachInputReader {
  /**
   * The columns the product needs (others are ignored). A CSV must have them all; in JSON an absent
   * field is a missing value.
   */
  static final List<String> REQUIRED_COLUMNS =
      List.of(
          "idSensor",
          "observatoryName",
          "obTime",
          "createdAt",
          "lat",
          "lon",
          "alt",
          "descriptor",
          "seoList",
          "senPos");

  private ReachInputReader() {}

  /** Reads a {@code .csv} or {@code .json} file (by extension, any case). */
  public static List<ReachRecord> read(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return readCsv(file);
    }
    if (name.endsWith(".json")) {
      return readJson(file);
    }
    throw new IOException(file + ": unsupported input type (expected a .csv or .json file)");
  }

  static List<ReachRecord> readCsv(Path file) throws IOException {
    BufferedReader reader;
    try {
      reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "input CSV does not exist");
    }
    try (CsvReader table = CsvReader.open(reader, file.toString())) {
      CsvRow header = table.next();
      if (header == null) {
        throw new IOException(file + ": the file is empty (expected a header row)");
      }
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        index.putIfAbsent(header.get(i).strip(), i);
      }
      List<String> missing = new ArrayList<>();
      for (String c : REQUIRED_COLUMNS) {
        if (!index.containsKey(c)) {
          missing.add(c);
        }
      }
      if (!missing.isEmpty()) {
        throw new IOException(
            file
                + ": line "
                + header.line()
                + ": the header lacks column(s) "
                + missing
                + " (a REACH UDL export needs "
                + REQUIRED_COLUMNS
                + "; found "
                + header.fields()
                + ")");
      }
      List<ReachRecord> out = new ArrayList<>();
      Fields fields = new Fields(file + ": line ", "column");
      for (CsvRow row = table.next(); row != null; row = table.next()) {
        if (row.size() != header.size()) {
          throw new IOException(
              file
                  + ": line "
                  + row.line()
                  + ": "
                  + row.size()
                  + " fields, expected "
                  + header.size()
                  + " as in the header");
        }
        Map<String, Object> values = new HashMap<>();
        for (String c : REQUIRED_COLUMNS) {
          values.put(c, row.get(index.get(c)));
        }
        out.add(fields.record(values, row.line()));
      }
      return out;
    }
  }

  static List<ReachRecord> readJson(Path file) throws IOException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = Json.mapper().readTree(in);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "input JSON does not exist");
    } catch (IOException e) {
      throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IOException(file + ": expected a JSON array of UDL records");
    }
    List<ReachRecord> out = new ArrayList<>();
    Fields fields = new Fields(file + ": record ", "field");
    for (int i = 0; i < root.size(); i++) {
      JsonNode rec = root.get(i);
      String where = file + ": record " + i;
      if (rec == null || !rec.isObject()) {
        throw new IOException(where + ": expected a JSON object");
      }
      Map<String, Object> values = new HashMap<>();
      for (String c : REQUIRED_COLUMNS) {
        // UDL leaves out fields that have no value: an absent field is a missing value
        values.put(c, plain(rec.get(c)));
      }
      out.add(fields.record(values, i));
    }
    return out;
  }

  private static Object plain(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(e -> l.add(plain(e)));
      return l;
    }
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      n.fields().forEachRemaining(e -> m.put(e.getKey(), plain(e.getValue())));
      return m;
    }
    if (n.isNumber()) {
      return n.isIntegralNumber() ? (Object) n.longValue() : (Object) n.doubleValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    return n.asText();
  }

  /**
   * Turns raw cell values (strings from CSV, plain objects from JSON) into records, one file at a
   * time. The texts and times that repeat from record to record (sensor, vehicle, flavour,
   * descriptor, observation and creation times) are shared rather than kept once per record.
   */
  static final class Fields {
    /** Distinct times remembered (a day at 5 s has 17,280 observation times). */
    private static final int TIME_CACHE = 1 << 16;

    private final String prefix;
    private final String kind;
    private final Map<String, String> texts = new HashMap<>();
    private final Map<String, Instant> times = new HashMap<>();

    /**
     * @param prefix what errors start with, before the line or record number ({@code file: line })
     * @param kind {@code column} or {@code field}
     */
    Fields(String prefix, String kind) {
      this.prefix = prefix;
      this.kind = kind;
    }

    /** A record from its raw values; errors name the line (CSV) or record index (JSON). */
    ReachRecord record(Map<String, Object> v, long line) throws IOException {
      Fields f = this;
      try {
        Map<String, Object> seo = f.firstSeo(v.get("seoList"));
        double[] pos = f.senPos(v.get("senPos"));
        return new ReachRecord(
            f.optionalText(v.get("idSensor")),
            f.optionalText(v.get("observatoryName")),
            f.time("obTime", v.get("obTime"), true),
            f.time("createdAt", v.get("createdAt"), false),
            f.number("lat", v.get("lat")),
            f.number("lon", v.get("lon")),
            f.number("alt", v.get("alt")),
            f.optionalText(v.get("descriptor")),
            f.flavour(seo.get("obDescription")),
            f.number("seoList[0].obValue", seo.get("obValue")),
            f.number("seoList[0].obQuality", seo.get("obQuality")),
            pos[0],
            pos[1],
            pos[2],
            line);
      } catch (IllegalArgumentException e) {
        throw new IOException(prefix + line + ", " + kind + " " + e.getMessage(), e);
      }
    }

    private IllegalArgumentException bad(String column, String message) {
      return new IllegalArgumentException("'" + column + "': " + message);
    }

    private String optionalText(Object o) {
      if (o == null) {
        return null;
      }
      String s = o.toString().strip();
      if (s.isEmpty()) {
        return null;
      }
      String shared = texts.putIfAbsent(s, s);
      return shared == null ? s : shared;
    }

    private Instant time(String column, Object o, boolean required) {
      String s = o == null ? "" : o.toString().strip();
      if (s.isEmpty()) {
        s = null;
      }
      if (s == null) {
        if (required) {
          throw bad(
              column, "is empty (expected an ISO-8601 UTC time such as 2025-09-04T00:00:05Z)");
        }
        return null;
      }
      Instant cached = times.get(s);
      if (cached != null) {
        return cached;
      }
      if (times.size() >= TIME_CACHE) {
        times.clear();
      }
      Instant t = parseTime(column, s);
      times.put(s, t);
      return t;
    }

    private Instant parseTime(String column, String s) {
      // a time without zone is UTC, as in UDL exports that drop the Z
      return IsoTimes.tryParse(s)
          .orElseThrow(
              () ->
                  bad(
                      column,
                      "'" + s + "' is not an ISO-8601 UTC time (e.g. 2025-09-04T00:00:05Z)"));
    }

    private double number(String column, Object o) {
      if (o == null) {
        return Double.NaN;
      }
      if (o instanceof Number n) {
        return n.doubleValue();
      }
      if (o instanceof Boolean) {
        throw bad(column, "'" + o + "' is not a number");
      }
      String s = o.toString().strip();
      if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw bad(column, "'" + s + "' is not a number");
      }
    }

    private Object nested(String column, Object o) {
      if (o instanceof String s) {
        if (s.isBlank()) {
          throw bad(column, "is empty");
        }
        try {
          return LiteralParser.parse(s);
        } catch (IllegalArgumentException e) {
          throw bad(column, e.getMessage());
        }
      }
      return o;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> firstSeo(Object raw) {
      Object v = nested("seoList", raw);
      if (!(v instanceof List<?> list) || list.isEmpty()) {
        throw bad("seoList", "expected a non-empty list of observations, found " + describe(v));
      }
      if (!(list.get(0) instanceof Map<?, ?> m)) {
        throw bad(
            "seoList", "expected the first entry to be a dict, found " + describe(list.get(0)));
      }
      if (!m.containsKey("obDescription")) {
        throw bad("seoList", "the first entry has no 'obDescription' (keys: " + m.keySet() + ")");
      }
      return (Map<String, Object>) m;
    }

    private String flavour(Object o) {
      String s = optionalText(o);
      if (s == null) {
        throw bad("seoList", "the first entry's 'obDescription' is empty");
      }
      return s;
    }

    private double[] senPos(Object raw) {
      Object v = nested("senPos", raw);
      if (!(v instanceof List<?> list) || list.size() != 3) {
        throw bad("senPos", "expected a list of 3 numbers (x, y, z in km), found " + describe(v));
      }
      double[] out = new double[3];
      for (int i = 0; i < 3; i++) {
        out[i] = number("senPos[" + i + "]", list.get(i));
      }
      return out;
    }

    private static String describe(Object v) {
      if (v == null) {
        return "None";
      }
      if (v instanceof List<?> l) {
        return "a list of " + l.size();
      }
      if (v instanceof Map<?, ?>) {
        return "a dict";
      }
      return "'" + v + "'";
    }
  }
}
