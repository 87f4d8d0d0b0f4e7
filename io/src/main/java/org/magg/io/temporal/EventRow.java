package org.magg.io.temporal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One row of the event table: the event, its status ({@code ok}; {@code incomplete} when some field
 * timesteps it needed never arrived; {@code failed} when its inputs are broken or nothing reached
 * it) with the reason, every metric in config order, the distinct timesteps processed, the bytes of
 * field data behind them, and the pane that produced it ({@code ON_TIME}, {@code LATE}; batch rows
 * are {@code ON_TIME}).
 */
@DefaultCoder(EventRow.EventRowCoder.class)
public record EventRow(
    String eventId,
    long startMillis,
    long endMillis,
    String status,
    String reason,
    double[] metrics,
    int timesteps,
    long bytesRead,
    String pane,
    long paneIndex) {

  public static final String OK = "ok";
  public static final String INCOMPLETE = "incomplete";
  public static final String FAILED = "failed";

  /** The start or end of an event whose times are unknown (its catalog entry is broken). */
  public static final long UNKNOWN_TIME = Long.MIN_VALUE;

  /**
   * The pane index of a row the catalog refused ({@link #failed}): no pane produced it. Such a row
   * stands for one catalog entry and is never merged with another row of the same id (an id given
   * twice has the valid event's row and the repeat's failed row).
   */
  public static final long CATALOG_ENTRY = -1;

  /**
   * The row of a catalog entry that could not be processed at all; its times are unknown and its
   * pane index is {@link #CATALOG_ENTRY}.
   */
  public static EventRow failed(String eventId, String reason, int metricCount) {
    double[] nan = new double[metricCount];
    Arrays.fill(nan, Double.NaN);
    return new EventRow(
        eventId, UNKNOWN_TIME, UNKNOWN_TIME, FAILED, reason, nan, 0, 0, "ON_TIME", CATALOG_ENTRY);
  }

  /** Whether this row stands for a catalog entry the catalog refused (see {@link #failed}). */
  public boolean catalogEntry() {
    return paneIndex == CATALOG_ENTRY;
  }

  /** The start in seconds since 1970-01-01 (the binary tables' time unit), NaN when unknown. */
  double startSeconds() {
    return seconds(startMillis);
  }

  /** The end in seconds since 1970-01-01, NaN when unknown. */
  double endSeconds() {
    return seconds(endMillis);
  }

  private static double seconds(long millis) {
    return millis == UNKNOWN_TIME ? Double.NaN : millis / 1000.0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventRow r
        && r.eventId.equals(eventId)
        && r.startMillis == startMillis
        && r.endMillis == endMillis
        && r.status.equals(status)
        && r.reason.equals(reason)
        && Arrays.equals(r.metrics, metrics)
        && r.timesteps == timesteps
        && r.bytesRead == bytesRead
        && r.pane.equals(pane)
        && r.paneIndex == paneIndex;
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventId, status, paneIndex);
  }

  @Override
  public String toString() {
    return "EventRow["
        + eventId
        + " "
        + status
        + (reason.isEmpty() ? "" : " (" + reason + ")")
        + " "
        + Arrays.toString(metrics)
        + " timesteps="
        + timesteps
        + " bytes="
        + bytesRead
        + " "
        + pane
        + "#"
        + paneIndex
        + "]";
  }

  public static Coder<EventRow> coder() {
    return EventRowCoder.INSTANCE;
  }

  /** The coder of {@link EventRow}. */
  public static final class EventRowCoder extends AtomicCoder<EventRow> {
    private static final EventRowCoder INSTANCE = new EventRowCoder();
    private static final long serialVersionUID = 1L;

    public static EventRowCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(EventRow r, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeUTF(r.eventId);
      d.writeLong(r.startMillis);
      d.writeLong(r.endMillis);
      d.writeUTF(r.status);
      d.writeUTF(r.reason);
      d.writeInt(r.metrics.length);
      for (double v : r.metrics) {
        d.writeDouble(v);
      }
      d.writeInt(r.timesteps);
      d.writeLong(r.bytesRead);
      d.writeUTF(r.pane);
      d.writeLong(r.paneIndex);
      d.flush();
    }

    @Override
    public EventRow decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      String id = d.readUTF();
      long start = d.readLong();
      long end = d.readLong();
      String status = d.readUTF();
      String reason = d.readUTF();
      double[] metrics = new double[d.readInt()];
      for (int m = 0; m < metrics.length; m++) {
        metrics[m] = d.readDouble();
      }
      return new EventRow(
          id,
          start,
          end,
          status,
          reason,
          metrics,
          d.readInt(),
          d.readLong(),
          d.readUTF(),
          d.readLong());
    }

    @Override
    public void verifyDeterministic() {}
  }
}
