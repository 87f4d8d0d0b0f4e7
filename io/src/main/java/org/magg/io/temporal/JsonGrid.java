package org.magg.io.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Reads a JSON catalog's {@code grid}: {@code {"lat": axis, "lon": axis}}, each axis {@code
 * {"start", "step", "count"}} or an array of degrees, or {@code {"file": "x.nc"}} to take the grid
 * of a gridded file. Any problem makes the whole catalog unusable.
 */
final class JsonGrid {
  private static final Set<String> GRID_KEYS = Set.of("lat", "lon");
  private static final Set<String> AXIS_KEYS = Set.of("start", "step", "count");

  private final CatalogReport report;
  private final CatalogFiles files;

  JsonGrid(CatalogReport report, CatalogFiles files) {
    this.report = report;
    this.files = files;
  }

  FieldGrid parse(JsonNode g) {
    if (!g.isObject()) {
      throw report.whole(
          "\"grid\" must be an object: {\"lat\": {start, step, count}, \"lon\": {...}} or"
              + " {\"file\": \"x.nc\"}");
    }
    if (g.has("file")) {
      if (g.size() != 1 || !g.get("file").isTextual()) {
        throw report.whole("grid: expected only \"file\" (a file name) when a grid file is given");
      }
      return files.gridFile("grid.file", g.get("file").asText());
    }
    String unknown = JsonCatalogReader.unknownField(g, GRID_KEYS);
    if (unknown != null) {
      throw report.whole("grid: unknown field \"" + unknown + "\" (expected lat and lon, or file)");
    }
    double[] lat = axis("lat", g.get("lat"));
    double[] lon = axis("lon", g.get("lon"));
    try {
      return new FieldGrid(lat, lon);
    } catch (IllegalArgumentException e) {
      throw report.whole(e.getMessage(), e);
    }
  }

  private double[] axis(String name, JsonNode a) {
    String field = "grid." + name;
    if (a == null) {
      throw report.whole(
          field + " is missing (expected {\"start\", \"step\", \"count\"} or an array)");
    }
    if (a.isArray()) {
      double[] v = new double[a.size()];
      for (int i = 0; i < v.length; i++) {
        if (!a.get(i).isNumber()) {
          throw report.whole(field + "[" + i + "] = " + a.get(i) + " is not a number of degrees");
        }
        v[i] = a.get(i).asDouble();
      }
      return v;
    }
    if (!a.isObject()) {
      throw report.whole(
          field + " must be {\"start\", \"step\", \"count\"} or an array of degrees");
    }
    String unknown = JsonCatalogReader.unknownField(a, AXIS_KEYS);
    if (unknown != null) {
      throw report.whole(
          field + ": unknown field \"" + unknown + "\" (expected start, step, count)");
    }
    JsonNode start = a.get("start");
    JsonNode step = a.get("step");
    JsonNode count = a.get("count");
    if (start == null || !start.isNumber()) {
      throw report.whole(field + ".start must be a number of degrees");
    }
    if (step == null || !step.isNumber() || step.asDouble() == 0) {
      throw report.whole(field + ".step must be a non-zero number of degrees");
    }
    if (count == null
        || !count.canConvertToInt()
        || !count.isIntegralNumber()
        || count.asInt() < 1) {
      throw report.whole(field + ".count must be a positive integer");
    }
    double[] v = new double[count.asInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = start.asDouble() + i * step.asDouble();
    }
    return v;
  }
}
