package org.magg.io.temporal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.magg.core.Failure;
import org.magg.core.csv.CsvWriter;

/**
 * The CSV encoding of the event table ({@code event_id, status, start, end}, the metrics, {@code
 * timesteps, bytes_read, pane, reason}) and of the failures ({@code stage, subject, reason}).
 */
final class EventTableCsv {
  /** The table's columns before the metrics. */
  static final List<String> LEAD = List.of("event_id", "status", "start", "end");

  /** The table's columns after the metrics. */
  static final List<String> TAIL = List.of("timesteps", "bytes_read", "pane", "reason");

  private EventTableCsv() {}

  /** The table's CSV text, one row per given row, in the given order. */
  static String table(List<String> metricNames, List<EventRow> rows) {
    List<String> header = new ArrayList<>(LEAD);
    header.addAll(metricNames);
    header.addAll(TAIL);
    CsvWriter csv = CsvWriter.withLf().row(header);
    for (EventRow r : rows) {
      List<String> cells = new ArrayList<>();
      cells.add(r.eventId());
      cells.add(r.status());
      cells.add(time(r.startMillis()));
      cells.add(time(r.endMillis()));
      for (double v : r.metrics()) {
        cells.add(Double.isNaN(v) ? "" : Double.toString(v));
      }
      cells.add(Integer.toString(r.timesteps()));
      cells.add(Long.toString(r.bytesRead()));
      cells.add(r.pane());
      cells.add(r.reason());
      csv.row(cells);
    }
    return csv.text();
  }

  /** The failures' CSV text, in the given order. */
  static String failures(List<Failure> failures) {
    CsvWriter csv = CsvWriter.withLf().row("stage", "subject", "reason");
    for (Failure f : failures) {
      csv.row(f.stage(), f.subject(), f.reason());
    }
    return csv.text();
  }

  /** ISO-8601, empty for an unknown time. */
  private static String time(long millis) {
    return millis == EventRow.UNKNOWN_TIME ? "" : Instant.ofEpochMilli(millis).toString();
  }
}
