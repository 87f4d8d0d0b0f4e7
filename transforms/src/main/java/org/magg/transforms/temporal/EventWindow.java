package org.magg.transforms.temporal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;

/**
 * The window of one event: everything that reaches the event, closing at its end (plus the
 * precipitation extension when the pipeline has precipitation metrics). Two events with the same
 * span are still two windows.
 */
public final class EventWindow extends BoundedWindow implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final String eventId;
  private final long startMillis;
  private final long endMillis;

  public EventWindow(String eventId, long startMillis, long endMillis) {
    this.eventId = Objects.requireNonNull(eventId, "eventId");
    this.startMillis = startMillis;
    this.endMillis = endMillis;
  }

  public String eventId() {
    return eventId;
  }

  public long startMillis() {
    return startMillis;
  }

  /** The last instant of the window (inclusive), epoch milliseconds. */
  public long endMillis() {
    return endMillis;
  }

  @Override
  public Instant maxTimestamp() {
    return new Instant(endMillis);
  }

  public static Coder<EventWindow> coder() {
    return EventWindowCoder.INSTANCE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventWindow w
        && w.eventId.equals(eventId)
        && w.startMillis == startMillis
        && w.endMillis == endMillis;
  }

  @Override
  public int hashCode() {
    return eventId.hashCode();
  }

  @Override
  public String toString() {
    return "EventWindow["
        + eventId
        + " "
        + java.time.Instant.ofEpochMilli(startMillis)
        + ".."
        + java.time.Instant.ofEpochMilli(endMillis)
        + "]";
  }

  /** The coder of {@link EventWindow}. */
  public static final class EventWindowCoder extends AtomicCoder<EventWindow> {
    private static final EventWindowCoder INSTANCE = new EventWindowCoder();
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(EventWindow w, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeUTF(w.eventId);
      d.writeLong(w.startMillis);
      d.writeLong(w.endMillis);
      d.flush();
    }

    @Override
    public EventWindow decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      return new EventWindow(d.readUTF(), d.readLong(), d.readLong());
    }

    @Override
    public void verifyDeterministic() {}
  }
}
