package org.magg.io.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.magg.core.Failure;
import org.magg.core.IsoTimes;
import org.magg.core.Json;
import org.magg.core.csv.CsvReader;
import org.magg.core.csv.CsvRow;
import org.magg.io.storage.Storage;

/**
 * Reads one catalog file into an {@link EventCatalog}. Whole-file problems throw {@link
 * EventCatalogException}; a problem of one event becomes a {@link Failure} and the others go on.
 */
final class EventCatalogLoader {
  private static final ObjectReader JSON =
      Json.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> TOP_KEYS = Set.of("grid", "events", "metadata");
  private static final Set<String> EVENT_KEYS = Set.of("id", "start", "end", "masks", "mask");
  private static final Set<String> MASK_KEYS = Set.of("file", "variable", "label");
  private static final List<String> CSV_COLUMNS =
      List.of("event_id", "start", "end", "mask_file", "mask_variable");
  private static final String CSV_LABEL = "mask_label";

  private final String location;
  private final FieldGrid expectedGrid;
  private final GridFiles files;
  private final MaskArrays arrays;

  private FieldGrid grid;
  private final List<Event> events = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final Map<String, String> seenIds = new HashMap<>();

  EventCatalogLoader(String location, FieldGrid expectedGrid, GridFiles files) {
    this.location = location;
    this.expectedGrid = expectedGrid;
    this.files = files;
    this.arrays = new MaskArrays(files);
  }

  EventCatalog load(String text) {
    String lower = location.toLowerCase(Locale.ROOT);
    boolean json =
        lower.endsWith(".json") || (!lower.endsWith(".csv") && text.stripLeading().startsWith("{"));
    try (arrays) {
      if (json) {
        loadJson(text);
      } else {
        loadCsv(text);
      }
    }
    return new EventCatalog(location, grid, events, failures);
  }

  // ---------------------------------------------------------------- JSON

  private void loadJson(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw whole("is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw whole("expected a JSON object with \"grid\" and \"events\"");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!TOP_KEYS.contains(k)) {
        throw whole("unknown field \"" + k + "\" (expected grid, events, metadata)");
      }
    }
    JsonNode eventsNode = root.get("events");
    if (eventsNode == null || !eventsNode.isArray()) {
      throw whole("\"events\" must be an array of events");
    }
    JsonNode gridNode = root.get("grid");
    if (gridNode != null && !gridNode.isNull()) {
      grid = parseGrid(gridNode);
      if (expectedGrid != null && !expectedGrid.matches(grid)) {
        throw whole(
            "grid does not match the expected grid "
                + expectedGrid.describe()
                + ": "
                + expectedGrid.mismatch(grid));
      }
    } else if (expectedGrid != null) {
      grid = expectedGrid;
    } else {
      List<String> maskFiles = new ArrayList<>();
      for (JsonNode e : eventsNode) {
        JsonNode mask = e.path("mask");
        if (mask.path("file").isTextual()) {
          maskFiles.add(mask.get("file").asText());
        }
      }
      grid = gridOfFirstMaskFile(maskFiles, "no \"grid\" given");
    }
    for (int i = 0; i < eventsNode.size(); i++) {
      jsonEvent(i, eventsNode.get(i));
    }
  }

  private FieldGrid parseGrid(JsonNode g) {
    if (!g.isObject()) {
      throw whole(
          "\"grid\" must be an object: {\"lat\": {start, step, count}, \"lon\": {...}} or"
              + " {\"file\": \"x.nc\"}");
    }
    if (g.has("file")) {
      if (g.size() != 1 || !g.get("file").isTextual()) {
        throw whole("grid: expected only \"file\" (a file name) when a grid file is given");
      }
      try (GridFiles.GridFile f =
          files.open(Storage.resolveSibling(location, g.get("file").asText()))) {
        return f.grid();
      } catch (IOException | RuntimeException e) {
        throw whole("grid.file '" + g.get("file").asText() + "' cannot be read: " + message(e), e);
      }
    }
    for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("lat") && !k.equals("lon")) {
        throw whole("grid: unknown field \"" + k + "\" (expected lat and lon, or file)");
      }
    }
    double[] lat = parseAxis("lat", g.get("lat"));
    double[] lon = parseAxis("lon", g.get("lon"));
    try {
      return new FieldGrid(lat, lon);
    } catch (IllegalArgumentException e) {
      throw whole(e.getMessage(), e);
    }
  }

  private double[] parseAxis(String name, JsonNode a) {
    String field = "grid." + name;
    if (a == null) {
      throw whole(field + " is missing (expected {\"start\", \"step\", \"count\"} or an array)");
    }
    if (a.isArray()) {
      double[] v = new double[a.size()];
      for (int i = 0; i < v.length; i++) {
        if (!a.get(i).isNumber()) {
          throw whole(field + "[" + i + "] = " + a.get(i) + " is not a number of degrees");
        }
        v[i] = a.get(i).asDouble();
      }
      return v;
    }
    if (!a.isObject()) {
      throw whole(field + " must be {\"start\", \"step\", \"count\"} or an array of degrees");
    }
    for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!Set.of("start", "step", "count").contains(k)) {
        throw whole(field + ": unknown field \"" + k + "\" (expected start, step, count)");
      }
    }
    JsonNode start = a.get("start");
    JsonNode step = a.get("step");
    JsonNode count = a.get("count");
    if (start == null || !start.isNumber()) {
      throw whole(field + ".start must be a number of degrees");
    }
    if (step == null || !step.isNumber() || step.asDouble() == 0) {
      throw whole(field + ".step must be a non-zero number of degrees");
    }
    if (count == null
        || !count.canConvertToInt()
        || !count.isIntegralNumber()
        || count.asInt() < 1) {
      throw whole(field + ".count must be a positive integer");
    }
    double[] v = new double[count.asInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = start.asDouble() + i * step.asDouble();
    }
    return v;
  }

  private void jsonEvent(int index, JsonNode node) {
    String at = "events[" + index + "]";
    if (!node.isObject()) {
      failAnonymous(at, at, "expected an object with id, start, end and masks or mask");
      return;
    }
    JsonNode idNode = node.get("id");
    if (idNode == null
        || !(idNode.isTextual() || idNode.isIntegralNumber())
        || idNode.asText().isBlank()) {
      failAnonymous(at, at + ".id", "missing or blank (expected a non-empty string)");
      return;
    }
    String id = idNode.asText();
    String prefix = at;
    if (!checkUnique(id, at)) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!EVENT_KEYS.contains(k)) {
        fail(id, prefix, "unknown field \"" + k + "\" (expected id, start, end, masks or mask)");
        return;
      }
    }
    Instant start;
    Instant end;
    try {
      start = time(node, "start", at);
      end = time(node, "end", at);
    } catch (EventProblem p) {
      fail(id, p.field, p.getMessage());
      return;
    }
    if (end.isBefore(start)) {
      fail(id, prefix, "end " + end + " is before start " + start);
      return;
    }
    boolean hasLists = node.has("masks");
    boolean hasArray = node.has("mask");
    if (hasLists == hasArray) {
      fail(
          id,
          prefix,
          hasLists
              ? "give either \"masks\" (cell lists) or \"mask\" (a mask array), not both"
              : "no masks: expected \"masks\" (mask time -> cell list) or \"mask\" ({\"file\","
                  + " \"variable\"})");
      return;
    }
    try {
      EventMask mask;
      if (hasLists) {
        mask = cellLists(node.get("masks"), at + ".masks", start, end);
      } else {
        JsonNode m = node.get("mask");
        String field = at + ".mask";
        if (!m.isObject() || !m.path("file").isTextual() || !m.path("variable").isTextual()) {
          throw new EventProblem(
              field, "expected {\"file\": \"m.nc\", \"variable\": \"name\"[, \"label\": n]}");
        }
        for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
          String k = it.next();
          if (!MASK_KEYS.contains(k)) {
            throw new EventProblem(
                field, "unknown field \"" + k + "\" (expected file, variable, label)");
          }
        }
        Double label = null;
        if (m.has("label")) {
          if (!m.get("label").isNumber()) {
            throw new EventProblem(field + ".label", "must be a number");
          }
          label = m.get("label").asDouble();
        }
        mask =
            arrays.read(
                field,
                m.get("file").asText(),
                resolve(field + ".file", m.get("file").asText()),
                m.get("variable").asText(),
                label,
                grid,
                start,
                end);
      }
      add(id, prefix, start, end, mask);
    } catch (EventProblem p) {
      fail(id, p.field, p.getMessage());
    }
  }

  private Instant time(JsonNode node, String key, String at) throws EventProblem {
    JsonNode t = node.get(key);
    if (t == null || !t.isTextual()) {
      throw new EventProblem(
          at + "." + key, "missing (expected an ISO-8601 time such as 2021-01-10T00:00:00Z)");
    }
    try {
      return IsoTimes.parse(t.asText());
    } catch (IllegalArgumentException e) {
      throw new EventProblem(at + "." + key, e.getMessage());
    }
  }

  private EventMask cellLists(JsonNode masks, String field, Instant start, Instant end)
      throws EventProblem {
    if (!masks.isObject()) {
      throw new EventProblem(
          field, "expected an object: mask time -> list of cell indices (or {cells, weights})");
    }
    EventMask.Builder b = EventMask.builder();
    Map<Instant, String> keys = new HashMap<>();
    int cells = grid.cells();
    for (Iterator<Map.Entry<String, JsonNode>> it = masks.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = field + "[\"" + e.getKey() + "\"]";
      Instant t;
      try {
        t = IsoTimes.parse(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw new EventProblem(at, ex.getMessage());
      }
      String before = keys.put(t, e.getKey());
      if (before != null) {
        throw new EventProblem(at, "the same mask time as \"" + before + "\"");
      }
      if (t.isBefore(start) || t.isAfter(end)) {
        throw new EventProblem(
            at, "mask time " + t + " is outside the event [" + start + ", " + end + "]");
      }
      JsonNode v = e.getValue();
      JsonNode list = v;
      JsonNode weightList = null;
      if (v.isObject()) {
        list = v.get("cells");
        weightList = v.get("weights");
        if (list == null || weightList == null || v.size() != 2) {
          throw new EventProblem(
              at, "expected a list of cells or {\"cells\": [...], \"weights\": [...]}");
        }
        at = at + ".cells";
      }
      if (!list.isArray()) {
        throw new EventProblem(at, "expected a list of cell indices (iLat * nLon + iLon)");
      }
      int[] c = new int[list.size()];
      for (int k = 0; k < c.length; k++) {
        JsonNode n = list.get(k);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
          throw new EventProblem(at + "[" + k + "]", n + " is not an integer cell index");
        }
        long cell = n.asLong();
        if (cell < 0 || cell >= cells) {
          throw new EventProblem(
              at + "[" + k + "]",
              "cell "
                  + cell
                  + " is outside the grid (expected 0.."
                  + (cells - 1)
                  + " on "
                  + grid.describe()
                  + ")");
        }
        c[k] = (int) cell;
      }
      float[] w = null;
      if (weightList != null) {
        String wat = field + "[\"" + e.getKey() + "\"].weights";
        if (!weightList.isArray() || weightList.size() != c.length) {
          throw new EventProblem(wat, "expected a list of " + c.length + " weights, one per cell");
        }
        w = new float[c.length];
        for (int k = 0; k < c.length; k++) {
          JsonNode n = weightList.get(k);
          if (!n.isNumber() || !(n.asDouble() > 0) || !Double.isFinite(n.asDouble())) {
            throw new EventProblem(wat + "[" + k + "]", n + " is not a finite weight > 0");
          }
          w[k] = (float) n.asDouble();
        }
      }
      try {
        b.add(t, c, w);
      } catch (IllegalArgumentException ex) {
        throw new EventProblem(at, ex.getMessage());
      }
    }
    try {
      return b.build(end);
    } catch (IllegalArgumentException ex) {
      throw new EventProblem(field, ex.getMessage());
    }
  }

  // ---------------------------------------------------------------- CSV

  private void loadCsv(String text) {
    List<CsvRow> rows = new ArrayList<>();
    try (CsvReader in = CsvReader.openTrimmed(new StringReader(text), null)) {
      for (CsvRow row = in.next(); row != null; row = in.next()) {
        rows.add(row);
      }
    } catch (IOException e) {
      throw whole(e.getMessage(), e);
    }
    if (rows.isEmpty()) {
      throw whole("is empty (expected a header " + String.join(",", CSV_COLUMNS) + ")");
    }
    List<String> header = rows.get(0).fields();
    Map<String, Integer> col = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).toLowerCase(Locale.ROOT);
      if (!CSV_COLUMNS.contains(name) && !name.equals(CSV_LABEL)) {
        throw whole(
            "header column "
                + (i + 1)
                + " '"
                + header.get(i)
                + "' is unknown (expected "
                + String.join(",", CSV_COLUMNS)
                + "[,"
                + CSV_LABEL
                + "])");
      }
      if (col.put(name, i) != null) {
        throw whole("header names column '" + name + "' twice");
      }
    }
    for (String c : CSV_COLUMNS) {
      if (!col.containsKey(c)) {
        throw whole(
            "header lacks column '"
                + c
                + "' (expected "
                + String.join(",", CSV_COLUMNS)
                + ", got "
                + String.join(",", header)
                + ")");
      }
    }
    List<CsvRow> events = rows.subList(1, rows.size());
    if (expectedGrid != null) {
      grid = expectedGrid;
    } else {
      List<String> maskFiles = new ArrayList<>();
      int k = col.get("mask_file");
      for (CsvRow row : events) {
        if (k < row.size() && !row.get(k).isEmpty()) {
          maskFiles.add(row.get(k));
        }
      }
      grid = gridOfFirstMaskFile(maskFiles, "a CSV catalog has no grid");
    }
    for (CsvRow row : events) {
      csvEvent(row, header.size(), col);
    }
  }

  private void csvEvent(CsvRow row, int columns, Map<String, Integer> col) {
    String at = "line " + row.line();
    if (row.size() != columns) {
      failAnonymous(at, at, row.size() + " fields, expected " + columns + " as in the header");
      return;
    }
    String id = row.get(col.get("event_id"));
    if (id.isEmpty()) {
      failAnonymous(at, at + " event_id", "is empty (expected an event id)");
      return;
    }
    if (!checkUnique(id, at)) {
      return;
    }
    String prefix = at;
    try {
      Instant start = csvTime(row.get(col.get("start")), at + " start");
      Instant end = csvTime(row.get(col.get("end")), at + " end");
      if (end.isBefore(start)) {
        throw new EventProblem(prefix, "end " + end + " is before start " + start);
      }
      String file = row.get(col.get("mask_file"));
      String variable = row.get(col.get("mask_variable"));
      if (file.isEmpty() || variable.isEmpty()) {
        throw new EventProblem(
            prefix, "mask_file and mask_variable must name the mask array of the event");
      }
      Double label = null;
      Integer lc = col.get(CSV_LABEL);
      if (lc != null && !row.get(lc).isEmpty()) {
        try {
          label = Double.parseDouble(row.get(lc));
        } catch (NumberFormatException e) {
          throw new EventProblem(at + " " + CSV_LABEL, "'" + row.get(lc) + "' is not a number");
        }
      }
      EventMask mask =
          arrays.read(
              at + " mask_file",
              file,
              resolve(at + " mask_file", file),
              variable,
              label,
              grid,
              start,
              end);
      add(id, prefix, start, end, mask);
    } catch (EventProblem p) {
      fail(id, p.field, p.getMessage());
    }
  }

  private static Instant csvTime(String text, String field) throws EventProblem {
    try {
      return IsoTimes.parse(text);
    } catch (IllegalArgumentException e) {
      throw new EventProblem(field, e.getMessage());
    }
  }

  // ---------------------------------------------------------------- shared

  private FieldGrid gridOfFirstMaskFile(List<String> maskFiles, String why) {
    List<String> errors = new ArrayList<>();
    for (String f : maskFiles) {
      try {
        return arrays.grid(Storage.resolveSibling(location, f));
      } catch (IOException | RuntimeException e) {
        errors.add(f + ": " + message(e));
      }
    }
    throw whole(
        why
            + " and no mask file could be opened to take it from"
            + (errors.isEmpty() ? "" : " (" + String.join("; ", errors) + ")")
            + "; give the grid in the catalog or to EventCatalog.load");
  }

  private String resolve(String field, String file) throws EventProblem {
    try {
      return Storage.resolveSibling(location, file);
    } catch (IllegalArgumentException e) {
      throw new EventProblem(field, "'" + file + "' cannot be resolved: " + e.getMessage());
    }
  }

  private boolean checkUnique(String id, String at) {
    String first = seenIds.putIfAbsent(id, at);
    if (first != null) {
      failures.add(
          new Failure(
              "event",
              id,
              "catalog "
                  + location
                  + ", event '"
                  + id
                  + "', "
                  + at
                  + ": the id is given twice (first at "
                  + first
                  + "); this one is skipped"));
      return false;
    }
    return true;
  }

  private void add(String id, String prefix, Instant start, Instant end, EventMask mask)
      throws EventProblem {
    if (mask.totalCells() == 0) {
      throw new EventProblem(
          prefix,
          "the mask is empty: no cell is inside the event at any of its "
              + mask.size()
              + " mask time(s)");
    }
    try {
      events.add(Event.of(id, start, end, mask));
    } catch (IllegalArgumentException e) {
      throw new EventProblem(prefix, e.getMessage());
    }
  }

  /** A failure of the event {@code id}: the catalog, the id, the field and the reason. */
  private void fail(String id, String field, String reason) {
    failures.add(
        new Failure(
            "event", id, "catalog " + location + ", event '" + id + "', " + field + ": " + reason));
  }

  /** A failure of an entry without a usable id; the subject is its place in the catalog. */
  private void failAnonymous(String at, String field, String reason) {
    failures.add(new Failure("event", at, "catalog " + location + ", " + field + ": " + reason));
  }

  private EventCatalogException whole(String message) {
    return new EventCatalogException("event catalog " + location + ": " + message);
  }

  private EventCatalogException whole(String message, Throwable cause) {
    return new EventCatalogException("event catalog " + location + ": " + message, cause);
  }

  static String message(Throwable e) {
    String m = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "does not exist";
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /** A problem of one event: the field it concerns and what was expected. */
  static final class EventProblem extends Exception {
    private static final long serialVersionUID = 1L;
    final String field;

    EventProblem(String field, String message) {
      super(message);
      this.field = field;
    }
  }
}
