package org.magg.io.temporal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * One event (a storm, an atmospheric river): its id, its inclusive start and end (UTC instants) and
 * its {@link EventMask masks}. Immutable and serializable, with a fixed {@link #coder() coder}.
 */
@DefaultCoder(Event.EventCoder.class)
public final class Event implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final Instant start;
  private final Instant end;
  private final EventMask mask;

  private Event(String id, Instant start, Instant end, EventMask mask) {
    this.id = id;
    this.start = start;
    this.end = end;
    this.mask = mask;
  }

  /**
   * An event.
   *
   * @throws IllegalArgumentException when the id is blank, the end is before the start, the mask is
   *     in force until another end, or a mask time is outside [start, end]
   */
  public static Event of(String id, Instant start, Instant end, EventMask mask) {
    Objects.requireNonNull(id, "Event id cannot be null.");
    Objects.requireNonNull(start, "Event start cannot be null.");
    Objects.requireNonNull(end, "Event end cannot be null.");
    Objects.requireNonNull(mask, "Event mask cannot be null.");
    if (id.isBlank()) {
      throw new IllegalArgumentException("event id is blank");
    }
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          "event '" + id + "': end " + end + " is before start " + start);
    }
    if (!mask.end().equals(end)) {
      throw new IllegalArgumentException(
          "event '" + id + "': the mask is in force until " + mask.end() + ", not the end " + end);
    }
    if (mask.size() > 0 && mask.time(0).isBefore(start)) {
      throw new IllegalArgumentException(
          "event '" + id + "': mask time " + mask.time(0) + " is before the start " + start);
    }
    return new Event(id, start, end, mask);
  }

  public String id() {
    return id;
  }

  /** The first instant of the event (inclusive). */
  public Instant start() {
    return start;
  }

  /** The last instant of the event (inclusive). */
  public Instant end() {
    return end;
  }

  public EventMask mask() {
    return mask;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Event e
        && id.equals(e.id)
        && start.equals(e.start)
        && end.equals(e.end)
        && mask.equals(e.mask);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, start, end, mask);
  }

  @Override
  public String toString() {
    return "Event[" + id + ", " + start + " .. " + end + ", " + mask + "]";
  }

  /** The coder of this type. */
  public static Coder<Event> coder() {
    return EventCoder.INSTANCE;
  }

  /** Coder of {@link Event}: id, start, then the {@link EventMask} (which carries the end). */
  public static final class EventCoder extends AtomicCoder<Event> {
    static final EventCoder INSTANCE = new EventCoder();

    /** The coder instance (for {@code @DefaultCoder}). */
    public static EventCoder of() {
      return INSTANCE;
    }

    private static final long serialVersionUID = 1L;

    @Override
    public void encode(Event e, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(e.id, out);
      EventMask.EventMaskCoder.writeInstant(e.start, out);
      EventMask.coder().encode(e.mask, out);
    }

    @Override
    public Event decode(InputStream in) throws IOException {
      String id = StringUtf8Coder.of().decode(in);
      Instant start = EventMask.EventMaskCoder.readInstant(in);
      EventMask mask = EventMask.coder().decode(in);
      return new Event(id, start, mask.end(), mask);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
