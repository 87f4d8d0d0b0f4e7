package org.magg.io.temporal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.magg.io.netcdf.NetcdfClassicWriter;

/**
 * The NetCDF classic (CDF-2) encoding of the event table: every column over the dimension {@code
 * event}; ids, statuses and reasons as character arrays; times in seconds since 1970 (NaN when
 * unknown).
 */
final class EventTableNetcdf {
  private EventTableNetcdf() {}

  /** The whole file's bytes. */
  static byte[] encode(List<String> metricNames, List<EventRow> rows) throws IOException {
    int width = 1;
    for (EventRow r : rows) {
      width = Math.max(width, r.eventId().getBytes(StandardCharsets.UTF_8).length);
    }
    int reasonWidth = 1;
    for (EventRow r : rows) {
      reasonWidth = Math.max(reasonWidth, r.reason().getBytes(StandardCharsets.UTF_8).length);
    }
    NetcdfClassicWriter w = new NetcdfClassicWriter();
    w.dimension("event", rows.size())
        .dimension("event_id_len", width)
        .dimension("status_len", 10)
        .dimension("reason_len", reasonWidth);
    w.attribute("title", "magg-beam temporal aggregation: one row per event");
    w.attribute("Conventions", "CF-1.8");
    List<String> event = List.of("event");
    w.textVariable(
            "event_id",
            List.of("event", "event_id_len"),
            rows.stream().map(EventRow::eventId).toList())
        .attribute("long_name", "event id");
    w.textVariable(
            "status", List.of("event", "status_len"), rows.stream().map(EventRow::status).toList())
        .attribute("long_name", "ok, incomplete or failed");
    w.doubleVariable("start", event, rows.stream().mapToDouble(EventRow::startSeconds).toArray())
        .attribute("_FillValue", Double.NaN)
        .attribute("units", "seconds since 1970-01-01 00:00:00")
        .attribute("calendar", "proleptic_gregorian");
    w.doubleVariable("end", event, rows.stream().mapToDouble(EventRow::endSeconds).toArray())
        .attribute("_FillValue", Double.NaN)
        .attribute("units", "seconds since 1970-01-01 00:00:00")
        .attribute("calendar", "proleptic_gregorian");
    for (int m = 0; m < metricNames.size(); m++) {
      double[] v = new double[rows.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = rows.get(i).metrics()[m];
      }
      w.doubleVariable(metricNames.get(m), event, v).attribute("_FillValue", Double.NaN);
    }
    w.intVariable("timesteps", event, rows.stream().mapToInt(EventRow::timesteps).toArray())
        .attribute("long_name", "distinct field timesteps processed");
    w.doubleVariable(
            "bytes_read", event, rows.stream().mapToDouble(r -> (double) r.bytesRead()).toArray())
        .attribute("units", "bytes");
    w.textVariable(
        "reason", List.of("event", "reason_len"), rows.stream().map(EventRow::reason).toList());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    w.write(out);
    return out.toByteArray();
  }
}
