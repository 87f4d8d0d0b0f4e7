package org.magg.io.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads an event's {@code masks} in a JSON catalog: mask time to a list of cell indices ({@code
 * iLat * nLon + iLon}), or to {@code {"cells": [...], "weights": [...]}} for a fractional mask.
 */
final class JsonCellLists {
  private JsonCellLists() {}

  static EventMask read(JsonNode masks, String field, FieldGrid grid, Instant start, Instant end)
      throws EventProblem {
    if (!masks.isObject()) {
      throw new EventProblem(
          field, "expected an object: mask time -> list of cell indices (or {cells, weights})");
    }
    EventMask.Builder b = EventMask.builder();
    Map<Instant, String> keys = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = masks.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String entry = field + "[\"" + e.getKey() + "\"]";
      String at = entry;
      Instant t = CatalogReport.time(e.getKey(), entry);
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
      int[] c = cells(list, at, grid);
      float[] w = weightList == null ? null : weights(weightList, entry + ".weights", c);
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

  private static int[] cells(JsonNode list, String at, FieldGrid grid) throws EventProblem {
    if (!list.isArray()) {
      throw new EventProblem(at, "expected a list of cell indices (iLat * nLon + iLon)");
    }
    int cells = grid.cells();
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
    return c;
  }

  private static float[] weights(JsonNode weightList, String at, int[] c) throws EventProblem {
    if (!weightList.isArray() || weightList.size() != c.length) {
      throw new EventProblem(at, "expected a list of " + c.length + " weights, one per cell");
    }
    float[] w = new float[c.length];
    for (int k = 0; k < c.length; k++) {
      JsonNode n = weightList.get(k);
      if (!n.isNumber() || !(n.asDouble() > 0) || !Double.isFinite(n.asDouble())) {
        throw new EventProblem(at + "[" + k + "]", n + " is not a finite weight > 0");
      }
      w[k] = (float) n.asDouble();
    }
    return w;
  }
}
