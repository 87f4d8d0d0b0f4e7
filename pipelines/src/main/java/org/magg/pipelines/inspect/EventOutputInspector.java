package org.magg.pipelines.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.magg.io.storage.Storage;
import org.magg.io.temporal.EventCatalog;

/**
 * Describes an event run's output directory: the events of {@code lifecycle.csv} (count, first
 * genesis, last lysis, and each one's life cycle), the rows of {@code tracks.csv}, the event
 * catalog {@code catalog.json} (events and grid), and every file with its rows ({@code metrics/},
 * {@code failures.csv}, the mask store).
 */
final class EventOutputInspector {
  /** Events listed in the text; the JSON lists all. */
  static final int LISTED = 20;

  private static final List<String> SHOWN =
      List.of(
          "event_id",
          "genesis",
          "lysis",
          "steps",
          "duration_hours",
          "peak_value",
          "max_area_km2",
          "end_reason",
          "merged_into",
          "split_from");

  private EventOutputInspector() {}

  static Inspection inspect(String dir, Storage storage) throws IOException {
    ObjectNode json = Inspection.start(OutputKind.EVENT_OUTPUT, dir);
    StringBuilder text = new StringBuilder();
    CsvTable life = CsvTable.read(Storage.join(dir, "lifecycle.csv"), storage);
    String first = "";
    String last = "";
    for (int r = 0; r < life.size(); r++) {
      String g = life.get(r, "genesis");
      String l = life.get(r, "lysis");
      first = first.isEmpty() || g.compareTo(first) < 0 ? g : first;
      last = l.compareTo(last) > 0 ? l : last;
    }
    json.put("events", life.size());
    json.put("first_genesis", first);
    json.put("last_lysis", last);
    text.append("Event output ")
        .append(dir)
        .append(": ")
        .append(life.size())
        .append(" events")
        .append(life.size() == 0 ? "" : ", first genesis " + first + ", last lysis " + last)
        .append('\n');

    String tracks = Storage.join(dir, "tracks.csv");
    if (storage.exists(tracks)) {
      CsvTable t = CsvTable.read(tracks, storage);
      json.put("track_rows", t.size());
      long steps = 0;
      for (double s : life.doubles("steps")) {
        steps += Double.isNaN(s) ? 0 : (long) s;
      }
      text.append("  tracks.csv: ")
          .append(t.size())
          .append(" rows (the events' steps add up to ")
          .append(steps)
          .append(")\n");
    }
    String catalog = Storage.join(dir, "catalog.json");
    if (storage.exists(catalog)) {
      EventCatalog c = EventCatalog.load(catalog, storage.s3Settings());
      ObjectNode cj = json.putObject("catalog");
      cj.put("events", c.events().size());
      cj.put("refused", c.failures().size());
      if (c.grid() != null) {
        cj.put("grid", c.grid().describe());
      }
      text.append("  catalog.json: ")
          .append(c.events().size())
          .append(" events")
          .append(c.grid() == null ? "" : " on " + c.grid().describe())
          .append('\n');
    }

    ArrayNode events = json.putArray("lifecycle");
    Table t = new Table();
    List<String> shown = SHOWN.stream().filter(life::has).toList();
    t.row(shown.toArray());
    for (int r = 0; r < life.size(); r++) {
      ObjectNode e = events.addObject();
      for (String col : life.header()) {
        putField(e, col, life.get(r, col));
      }
      if (r < LISTED) {
        Object[] row = new Object[shown.size()];
        for (int i = 0; i < row.length; i++) {
          String field = life.get(r, shown.get(i));
          double v = CsvTable.number(field);
          row[i] = Double.isNaN(v) || !field.contains(".") ? field : ValueRange.number(v);
        }
        t.row(row);
      }
    }
    if (life.size() > 0) {
      text.append("life cycles:\n").append(t.render("  "));
      if (life.size() > LISTED) {
        text.append("  ... ")
            .append(life.size() - LISTED)
            .append(" more (--json lists them all)\n");
      }
    }
    String metrics = Storage.join(Storage.join(dir, "metrics"), "events.csv");
    if (storage.exists(metrics)) {
      CsvTable m = CsvTable.read(metrics, storage);
      ObjectNode mj = json.putObject("metrics");
      mj.put("events", m.size());
      text.append(TemporalOutputInspector.metrics(m, mj.putArray("columns"), "metrics/events.csv"));
    }
    text.append("files:\n")
        .append(OutputFiles.describe(OutputFiles.list(dir, storage), json.putArray("files"), "  "));
    return new Inspection(OutputKind.EVENT_OUTPUT, dir, json, text.toString());
  }

  /** A CSV field into JSON: a number when it reads as one, else text (empty as null). */
  static void putField(ObjectNode o, String name, String field) {
    double v = CsvTable.number(field);
    if (field.isEmpty()) {
      o.putNull(name);
    } else if (Double.isNaN(v)) {
      o.put(name, field);
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15 && !field.contains(".")) {
      o.put(name, (long) v);
    } else {
      o.put(name, v);
    }
  }
}
