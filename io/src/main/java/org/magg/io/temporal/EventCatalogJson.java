package org.magg.io.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.magg.core.Json;

/** Writes the JSON catalog format: one line per mask time, so large catalogs stay readable. */
public final class EventCatalogJson {
  private static final ObjectMapper JSON = Json.mapper();

  private EventCatalogJson() {}

  /** The catalog's JSON text. */
  public static String write(FieldGrid grid, List<Event> events, Map<String, ?> metadata) {
    StringBuilder all = new StringBuilder(1024);
    try {
      write(grid, events, metadata, all::append);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // appending to a StringBuilder does not fail
    }
    return all.toString();
  }

  /**
   * Writes the catalog's JSON text to {@code out} as UTF-8, one event at a time, so that a large
   * catalog is never held as one text; the bytes are those of {@link #write(FieldGrid, List, Map)}.
   */
  public static void write(
      FieldGrid grid, List<Event> events, Map<String, ?> metadata, OutputStream out)
      throws IOException {
    OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
    write(
        grid,
        events,
        metadata,
        piece -> buffered.write(piece.toString().getBytes(StandardCharsets.UTF_8)));
    buffered.flush();
  }

  /** Where the text goes, a piece (the head, an event, the tail) at a time. */
  @FunctionalInterface
  private interface Pieces {
    void accept(CharSequence piece) throws IOException;
  }

  private static void write(FieldGrid grid, List<Event> events, Map<String, ?> metadata, Pieces out)
      throws IOException {
    StringBuilder sb = new StringBuilder(1024);
    sb.append("{\n");
    if (!metadata.isEmpty()) {
      sb.append("  \"metadata\": ").append(json(metadata)).append(",\n");
    }
    sb.append("  \"grid\": {\"lat\": ");
    axis(sb, grid.lat());
    sb.append(", \"lon\": ");
    axis(sb, grid.lon());
    sb.append("},\n  \"events\": [");
    for (int e = 0; e < events.size(); e++) {
      out.accept(sb);
      sb.setLength(0);
      Event ev = events.get(e);
      EventMask m = ev.mask();
      sb.append(e == 0 ? "\n" : ",\n");
      sb.append("    {\"id\": ").append(json(ev.id()));
      sb.append(", \"start\": \"").append(ev.start()).append('"');
      sb.append(", \"end\": \"").append(ev.end()).append('"');
      sb.append(", \"masks\": {");
      for (int i = 0; i < m.size(); i++) {
        sb.append(i == 0 ? "\n" : ",\n");
        sb.append("      \"").append(m.time(i)).append("\": ");
        double[] w = m.weights(i);
        if (w != null) {
          sb.append("{\"cells\": ");
        }
        ints(sb, m.cells(i));
        if (w != null) {
          sb.append(", \"weights\": [");
          for (int k = 0; k < w.length; k++) {
            sb.append(k == 0 ? "" : ",").append((float) w[k]);
          }
          sb.append("]}");
        }
      }
      sb.append(m.size() == 0 ? "}}" : "\n    }}");
    }
    sb.append(events.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    out.accept(sb);
  }

  private static void axis(StringBuilder sb, double[] a) {
    if (a.length >= 2) {
      double step = a[1] - a[0];
      boolean regular = true;
      for (int i = 0; i < a.length && regular; i++) {
        regular = a[i] == a[0] + i * step;
      }
      if (regular) {
        sb.append("{\"start\": ")
            .append(a[0])
            .append(", \"step\": ")
            .append(step)
            .append(", \"count\": ")
            .append(a.length)
            .append('}');
        return;
      }
    }
    sb.append('[');
    for (int i = 0; i < a.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(a[i]);
    }
    sb.append(']');
  }

  private static void ints(StringBuilder sb, int[] a) {
    sb.append('[');
    for (int i = 0; i < a.length; i++) {
      sb.append(i == 0 ? "" : ",").append(a[i]);
    }
    sb.append(']');
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write catalog metadata as JSON: " + e, e);
    }
  }
}
