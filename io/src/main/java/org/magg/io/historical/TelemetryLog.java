package org.magg.io.historical;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.magg.core.csv.CsvReader;
import org.magg.core.csv.CsvRow;
import org.magg.core.csv.CsvWriter;
import org.magg.io.historical.TelemetryRow.Column;

/**
 * The append-only telemetry CSV shared by the download and process phases: the 24 columns of {@link
 * TelemetryRow.Column} in order, a header when the file is new, one row per day transition. Each
 * row is written, flushed and synced to the device before {@link #append} returns, so an
 * interrupted run leaves whole rows. Lines end in CRLF and cells are quoted only when they hold a
 * comma, quote or line break, as Python's {@code csv} module writes them.
 *
 * <p>The state of a day is its latest row: the one with the greatest {@code started_at_utc} (ISO
 * text, compared as text), the later one in the file on equal times. Rows whose {@code
 * chunk_date_utc} is not a date are ignored.
 */
public final class TelemetryLog {
  /** ISO-8601 UTC with microseconds, as Python's {@code datetime.isoformat()} writes it. */
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);

  private final Path path;

  public TelemetryLog(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  /** A telemetry timestamp. */
  public static String timestamp(Instant t) {
    return TIMESTAMP.format(t);
  }

  /**
   * Appends one row (and the header first when the file is new or empty), then flushes and syncs.
   *
   * @throws IOException when the file cannot be written or its header is not the 24 columns
   */
  public void append(TelemetryRow row) throws IOException {
    String status = row.get(Column.STATUS);
    if (!status.isEmpty() && TelemetryStatus.parse(status) == null) {
      throw new IllegalArgumentException(
          "invalid telemetry status '"
              + status
              + "' (allowed: "
              + List.of(TelemetryStatus.values())
              + ")");
    }
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    CsvWriter csv = CsvWriter.withCrlf();
    boolean header = !Files.exists(path) || Files.size(path) == 0;
    if (!header) {
      checkHeader();
    } else {
      csv.row(TelemetryRow.HEADER);
    }
    csv.row(row.cells());
    try (FileChannel ch =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer b = ByteBuffer.wrap(csv.text().getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
  }

  /**
   * Checks that an existing, non-empty file has the 24 columns in order.
   *
   * @throws IllegalArgumentException naming the file and its columns when it has others
   */
  public void checkHeader() throws IOException {
    if (!Files.exists(path) || Files.size(path) == 0) {
      return;
    }
    List<String> found = header();
    if (!found.equals(TelemetryRow.HEADER)) {
      throw new IllegalArgumentException(
          "telemetry file "
              + path
              + " has the columns "
              + found
              + ", expected the 24 columns "
              + TelemetryRow.HEADER
              + " (use another --telemetry file)");
    }
  }

  private List<String> header() throws IOException {
    try (CsvReader t =
        CsvReader.open(Files.newBufferedReader(path, StandardCharsets.UTF_8), path.toString())) {
      CsvRow h = t.next();
      return h == null ? List.of() : h.fields();
    }
  }

  /** Every row in file order (none when the file does not exist). Unknown columns are ignored. */
  public List<TelemetryRow> rows() throws IOException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    List<TelemetryRow> out = new ArrayList<>();
    try (CsvReader t = CsvReader.open(new StringReader(text), path.toString())) {
      CsvRow h = t.next();
      if (h == null) {
        return out;
      }
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < h.size(); i++) {
        index.putIfAbsent(h.get(i).strip(), i);
      }
      Column[] cols = Column.values();
      for (CsvRow r = t.next(); r != null; r = t.next()) {
        String[] cells = new String[cols.length];
        for (Column c : cols) {
          Integer i = index.get(c.header());
          cells[c.ordinal()] = i != null && i < r.size() ? r.get(i) : "";
        }
        out.add(TelemetryRow.of(cells));
      }
    }
    return out;
  }

  /** The latest row of each day. */
  public Map<LocalDate, TelemetryRow> loadState() throws IOException {
    Map<LocalDate, TelemetryRow> latest = new HashMap<>();
    for (TelemetryRow r : rows()) {
      LocalDate day;
      try {
        day = LocalDate.parse(r.get(Column.CHUNK_DATE_UTC).strip());
      } catch (DateTimeParseException e) {
        continue;
      }
      TelemetryRow prev = latest.get(day);
      if (prev == null
          || r.get(Column.STARTED_AT_UTC).compareTo(prev.get(Column.STARTED_AT_UTC)) >= 0) {
        latest.put(day, r);
      }
    }
    return latest;
  }
}
