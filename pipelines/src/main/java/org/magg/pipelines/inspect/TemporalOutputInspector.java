package org.magg.pipelines.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.magg.io.storage.Storage;

/**
 * Describes a temporal run's output directory: the rows of {@code events.csv} by status, the time
 * span of the events, the metric columns with their ranges, and every file with its rows.
 */
final class TemporalOutputInspector {
  /** The columns every event table has besides the metrics. */
  static final List<String> FIXED =
      List.of("event_id", "status", "start", "end", "timesteps", "bytes_read", "pane", "reason");

  private TemporalOutputInspector() {}

  static Inspection inspect(String dir, Storage storage) throws IOException {
    ObjectNode json = Inspection.start(OutputKind.TEMPORAL_OUTPUT, dir);
    CsvTable events = CsvTable.read(Storage.join(dir, "events.csv"), storage);
    Map<String, Integer> statuses = new TreeMap<>();
    String first = "";
    String last = "";
    for (int r = 0; r < events.size(); r++) {
      statuses.merge(events.has("status") ? events.get(r, "status") : "?", 1, Integer::sum);
      String s = events.has("start") ? events.get(r, "start") : "";
      String e = events.has("end") ? events.get(r, "end") : "";
      first = !s.isEmpty() && (first.isEmpty() || s.compareTo(first) < 0) ? s : first;
      last = e.compareTo(last) > 0 ? e : last;
    }
    json.put("events", events.size());
    json.set("statuses", org.magg.core.Json.mapper().valueToTree(statuses));
    json.put("first_start", first);
    json.put("last_end", last);
    StringBuilder text = new StringBuilder();
    text.append("Temporal output ")
        .append(dir)
        .append(": ")
        .append(events.size())
        .append(" events");
    statuses.forEach((k, v) -> text.append(", ").append(v).append(' ').append(k));
    if (!first.isEmpty()) {
      text.append("; from ").append(first).append(" to ").append(last);
    }
    text.append('\n');
    text.append(metrics(events, json.putArray("metrics"), "events.csv"));
    text.append("files:\n")
        .append(OutputFiles.describe(OutputFiles.list(dir, storage), json.putArray("files"), "  "));
    return new Inspection(OutputKind.TEMPORAL_OUTPUT, dir, json, text.toString());
  }

  /** The metric columns of an event table with their ranges (text; JSON into {@code json}). */
  static String metrics(CsvTable events, ArrayNode json, String name) {
    Table t = new Table().row("metric", "values", "min", "max", "empty");
    for (String col : events.header()) {
      if (FIXED.contains(col)) {
        continue;
      }
      ValueRange range = new ValueRange(false, Double.NaN);
      for (double v : events.doubles(col)) {
        range.add(v);
      }
      ObjectNode m = json.addObject();
      m.put("name", col);
      m.set("range", range.toJson());
      t.row(
          col,
          range.count() - range.nan(),
          range.format(range.min()),
          range.format(range.max()),
          range.nan());
    }
    return t.rows() > 1
        ? "metrics (over the rows of " + name + "; empty: no value):\n" + t.render("  ")
        : "";
  }
}
