package org.magg.io.historical;

/**
 * Status of a day in the telemetry file. The download phase (which fetches the day's CSV from UDL)
 * writes the first four; the process phase the others ({@code FAILED} is shared).
 */
public enum TelemetryStatus {
  DOWNLOAD_PENDING,
  DOWNLOADED,
  SKIPPED_NO_DATA,
  FAILED,
  PROCESS_PENDING,
  PROCESSED,
  UPLOAD_PENDING,
  UPLOADED,
  SKIPPED_NO_INPUT;

  /** The status named by a telemetry cell, or null when the text is not a known status. */
  static TelemetryStatus parse(String s) {
    for (TelemetryStatus v : values()) {
      if (v.name().equals(s)) {
        return v;
      }
    }
    return null;
  }
}
