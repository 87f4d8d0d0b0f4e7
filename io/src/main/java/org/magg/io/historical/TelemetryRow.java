package org.magg.io.historical;

import java.util.Arrays;
import java.util.List;

/**
 * One row of the telemetry CSV: 24 text cells in the fixed column order shared with the download
 * phase. Empty cells are {@code ""}. Immutable; {@code with} returns a changed copy.
 */
public final class TelemetryRow {
  /** The columns, in file order. */
  public enum Column {
    RUN_ID,
    CHUNK_DATE_UTC,
    WINDOW_START_UTC,
    WINDOW_END_UTC,
    STATUS,
    RECORDS_DOWNLOADED,
    EXPECTED_RECORDS,
    AVAILABILITY_PCT,
    DOWNLOAD_SECONDS,
    CSV_SIZE_MB,
    CSV_PATH,
    SENSOR_ID,
    DESCRIPTOR,
    OUTPUT_FORMAT,
    ERROR_TYPE,
    ERROR_MESSAGE,
    STARTED_AT_UTC,
    FINISHED_AT_UTC,
    PROCESS_SECONDS,
    CDF_SIZE_MB,
    CDF_PATH,
    UPLOAD_SECONDS,
    S3_BUCKET,
    S3_KEY;

    /** The header name, e.g. {@code chunk_date_utc}. */
    String header() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The header names in order. */
  static final List<String> HEADER = Arrays.stream(Column.values()).map(Column::header).toList();

  /** The download-phase columns a process-phase row carries forward from the day's prior row. */
  static final List<Column> CARRIED =
      List.of(
          Column.RECORDS_DOWNLOADED,
          Column.EXPECTED_RECORDS,
          Column.AVAILABILITY_PCT,
          Column.DOWNLOAD_SECONDS,
          Column.CSV_SIZE_MB,
          Column.CSV_PATH);

  private final String[] cells;

  private TelemetryRow(String[] cells) {
    this.cells = cells;
  }

  /** A row with every cell empty. */
  public static TelemetryRow empty() {
    String[] c = new String[Column.values().length];
    Arrays.fill(c, "");
    return new TelemetryRow(c);
  }

  /** A row from cells in column order ({@code null} is empty). */
  static TelemetryRow of(String... values) {
    if (values.length != Column.values().length) {
      throw new IllegalArgumentException(
          "a telemetry row has " + Column.values().length + " cells, not " + values.length);
    }
    String[] c = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      c[i] = values[i] == null ? "" : values[i];
    }
    return new TelemetryRow(c);
  }

  public String get(Column c) {
    return cells[c.ordinal()];
  }

  public TelemetryRow with(Column c, String value) {
    String[] copy = cells.clone();
    copy[c.ordinal()] = value == null ? "" : value;
    return new TelemetryRow(copy);
  }

  /** The status, or null when the cell holds no known status. */
  public TelemetryStatus status() {
    return TelemetryStatus.parse(get(Column.STATUS));
  }

  /**
   * This row with the download-phase columns of {@code prior} (blank when there is no prior row),
   * so the latest row of a day stays self-describing.
   */
  public TelemetryRow carryForward(TelemetryRow prior) {
    TelemetryRow r = this;
    for (Column c : CARRIED) {
      r = r.with(c, prior == null ? "" : prior.get(c));
    }
    return r;
  }

  List<String> cells() {
    return List.of(cells);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TelemetryRow r && Arrays.equals(cells, r.cells);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(cells);
  }

  @Override
  public String toString() {
    return String.join(",", cells);
  }
}
