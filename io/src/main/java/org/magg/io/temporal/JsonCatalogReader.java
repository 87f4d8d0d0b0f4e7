package org.magg.io.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.magg.core.Json;

/**
 * Reads a JSON catalog: {@code {"grid": ..., "events": [...], "metadata": ...}}, each event with
 * {@code id}, {@code start}, {@code end} and either {@code masks} (cell lists per mask time, {@link
 * JsonCellLists}) or {@code mask} (a mask array, {@link MaskArrays}). The grid is read by {@link
 * JsonGrid}.
 */
final class JsonCatalogReader {
  private static final ObjectReader JSON =
      Json.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> TOP_KEYS = Set.of("grid", "events", "metadata");
  private static final Set<String> EVENT_KEYS = Set.of("id", "start", "end", "masks", "mask");
  private static final Set<String> MASK_KEYS = Set.of("file", "variable", "label");

  private final CatalogReport report;
  private final CatalogFiles files;
  private final MaskArrays arrays;
  private final FieldGrid expectedGrid;

  JsonCatalogReader(
      CatalogReport report, CatalogFiles files, MaskArrays arrays, FieldGrid expectedGrid) {
    this.report = report;
    this.files = files;
    this.arrays = arrays;
    this.expectedGrid = expectedGrid;
  }

  /** The first field of {@code node} not in {@code known}, or null. */
  static String unknownField(JsonNode node, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k)) {
        return k;
      }
    }
    return null;
  }

  /** Reads the events into the report; returns the catalog's grid. */
  FieldGrid read(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw report.whole("is not valid JSON: " + Json.problem(e), e);
    }
    if (root == null || !root.isObject()) {
      throw report.whole("expected a JSON object with \"grid\" and \"events\"");
    }
    String unknown = unknownField(root, TOP_KEYS);
    if (unknown != null) {
      throw report.whole("unknown field \"" + unknown + "\" (expected grid, events, metadata)");
    }
    JsonNode eventsNode = root.get("events");
    if (eventsNode == null || !eventsNode.isArray()) {
      throw report.whole("\"events\" must be an array of events");
    }
    FieldGrid grid = grid(root.get("grid"), eventsNode);
    for (int i = 0; i < eventsNode.size(); i++) {
      event(i, eventsNode.get(i), grid);
    }
    return grid;
  }

  private FieldGrid grid(JsonNode gridNode, JsonNode eventsNode) {
    if (gridNode != null && !gridNode.isNull()) {
      FieldGrid grid = new JsonGrid(report, files).parse(gridNode);
      if (expectedGrid != null && !expectedGrid.matches(grid)) {
        throw report.whole(
            "grid does not match the expected grid "
                + expectedGrid.describe()
                + ": "
                + expectedGrid.mismatch(grid));
      }
      return grid;
    }
    List<String> maskFiles = new ArrayList<>();
    for (JsonNode e : eventsNode) {
      JsonNode mask = e.path("mask");
      if (mask.path("file").isTextual()) {
        maskFiles.add(mask.get("file").asText());
      }
    }
    return files.gridOr(expectedGrid, maskFiles, "no \"grid\" given");
  }

  private void event(int index, JsonNode node, FieldGrid grid) {
    String at = "events[" + index + "]";
    if (!node.isObject()) {
      report.failAnonymous(at, at, "expected an object with id, start, end and masks or mask");
      return;
    }
    JsonNode idNode = node.get("id");
    if (idNode == null
        || !(idNode.isTextual() || idNode.isIntegralNumber())
        || idNode.asText().isBlank()) {
      report.failAnonymous(at, at + ".id", "missing or blank (expected a non-empty string)");
      return;
    }
    report.event(idNode.asText(), at, () -> parts(node, at, grid));
  }

  private CatalogReport.Parts parts(JsonNode node, String at, FieldGrid grid) throws EventProblem {
    String unknown = unknownField(node, EVENT_KEYS);
    if (unknown != null) {
      throw new EventProblem(
          at, "unknown field \"" + unknown + "\" (expected id, start, end, masks or mask)");
    }
    Instant start = time(node, "start", at);
    Instant end = time(node, "end", at);
    CatalogReport.checkOrder(at, start, end);
    boolean hasLists = node.has("masks");
    boolean hasArray = node.has("mask");
    if (hasLists == hasArray) {
      throw new EventProblem(
          at,
          hasLists
              ? "give either \"masks\" (cell lists) or \"mask\" (a mask array), not both"
              : "no masks: expected \"masks\" (mask time -> cell list) or \"mask\" ({\"file\","
                  + " \"variable\"})");
    }
    EventMask mask =
        hasLists
            ? JsonCellLists.read(node.get("masks"), at + ".masks", grid, start, end)
            : arrays.read(maskRef(node.get("mask"), at + ".mask"), grid, start, end);
    return new CatalogReport.Parts(start, end, mask);
  }

  private static Instant time(JsonNode node, String key, String at) throws EventProblem {
    JsonNode t = node.get(key);
    if (t == null || !t.isTextual()) {
      throw new EventProblem(
          at + "." + key, "missing (expected an ISO-8601 time such as 2021-01-10T00:00:00Z)");
    }
    return CatalogReport.time(t.asText(), at + "." + key);
  }

  private static MaskArrays.Ref maskRef(JsonNode m, String field) throws EventProblem {
    if (!m.isObject() || !m.path("file").isTextual() || !m.path("variable").isTextual()) {
      throw new EventProblem(
          field, "expected {\"file\": \"m.nc\", \"variable\": \"name\"[, \"label\": n]}");
    }
    String unknown = unknownField(m, MASK_KEYS);
    if (unknown != null) {
      throw new EventProblem(
          field, "unknown field \"" + unknown + "\" (expected file, variable, label)");
    }
    Double label = null;
    if (m.has("label")) {
      if (!m.get("label").isNumber()) {
        throw new EventProblem(field + ".label", "must be a number");
      }
      label = m.get("label").asDouble();
    }
    return new MaskArrays.Ref(
        field, field + ".file", m.get("file").asText(), m.get("variable").asText(), label);
  }
}
