package org.magg.transforms.temporal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What one timestep of one collection contributed to one event: for each metric of the pipeline (by
 * index) a spatial value, present only for the metrics that apply (the collection's, at a landfall
 * step for {@code first_landfall}, after the end for precipitation only). A <em>marker</em> carries
 * no collection and no values: one per event makes sure every event gets a result even when no
 * field timestep reached it.
 */
@DefaultCoder(EventStep.EventStepCoder.class)
public final class EventStep {
  private final String eventId;
  private final String collection;
  private final long timeMillis;
  private final long present;
  private final double[] values;
  private final double[] weights;
  private final long bytesRead;

  EventStep(
      String eventId,
      String collection,
      long timeMillis,
      long present,
      double[] values,
      double[] weights,
      long bytesRead) {
    this.eventId = Objects.requireNonNull(eventId, "eventId");
    this.collection = collection;
    this.timeMillis = timeMillis;
    this.present = present;
    this.values = values;
    this.weights = weights;
    this.bytesRead = bytesRead;
  }

  /** The marker of an event: no collection, no values. */
  public static EventStep marker(String eventId, long timeMillis) {
    return new EventStep(eventId, null, timeMillis, 0, new double[0], new double[0], 0);
  }

  public String eventId() {
    return eventId;
  }

  /** The collection, or null for a marker. */
  public String collection() {
    return collection;
  }

  public boolean isMarker() {
    return collection == null;
  }

  public long timeMillis() {
    return timeMillis;
  }

  /** Bytes of field data read for the timestep this step came from. */
  public long bytesRead() {
    return bytesRead;
  }

  /** Whether metric {@code m} has a value in this step. */
  public boolean has(int m) {
    return (present & (1L << m)) != 0;
  }

  /** The value of metric {@code m} (only when {@link #has}). */
  public TimestepValue value(int m) {
    return new TimestepValue(timeMillis, values[m], weights[m]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventStep s
        && s.eventId.equals(eventId)
        && Objects.equals(s.collection, collection)
        && s.timeMillis == timeMillis
        && s.present == present
        && Arrays.equals(s.values, values)
        && Arrays.equals(s.weights, weights)
        && s.bytesRead == bytesRead;
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventId, collection, timeMillis, present);
  }

  @Override
  public String toString() {
    return "EventStep["
        + eventId
        + (collection == null ? " marker" : " " + collection)
        + " @"
        + java.time.Instant.ofEpochMilli(timeMillis)
        + " present="
        + Long.toBinaryString(present)
        + " values="
        + Arrays.toString(values)
        + "]";
  }

  /** Builds the step of one event at one timestep, metric by metric. */
  static final class Builder {
    private final String eventId;
    private final String collection;
    private final long timeMillis;
    private final double[] values;
    private final double[] weights;
    private final long bytesRead;
    private long present;

    Builder(String eventId, String collection, long timeMillis, int metrics, long bytesRead) {
      this.eventId = eventId;
      this.collection = collection;
      this.timeMillis = timeMillis;
      this.values = new double[metrics];
      this.weights = new double[metrics];
      this.bytesRead = bytesRead;
      Arrays.fill(values, Double.NaN);
      Arrays.fill(weights, Double.NaN);
    }

    void set(int m, TimestepValue v) {
      values[m] = v.value();
      weights[m] = v.weight();
      present |= 1L << m;
    }

    EventStep build() {
      return new EventStep(eventId, collection, timeMillis, present, values, weights, bytesRead);
    }
  }

  /** The coder of {@link EventStep}. */
  public static final class EventStepCoder extends AtomicCoder<EventStep> {
    private static final EventStepCoder INSTANCE = new EventStepCoder();
    private static final long serialVersionUID = 1L;

    public static EventStepCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(EventStep s, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeUTF(s.eventId);
      d.writeBoolean(s.collection != null);
      if (s.collection != null) {
        d.writeUTF(s.collection);
      }
      d.writeLong(s.timeMillis);
      d.writeLong(s.present);
      d.writeLong(s.bytesRead);
      d.writeInt(s.values.length);
      for (int m = 0; m < s.values.length; m++) {
        d.writeDouble(s.values[m]);
        d.writeDouble(s.weights[m]);
      }
      d.flush();
    }

    @Override
    public EventStep decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      String id = d.readUTF();
      String collection = d.readBoolean() ? d.readUTF() : null;
      long time = d.readLong();
      long present = d.readLong();
      long bytes = d.readLong();
      int n = d.readInt();
      double[] values = new double[n];
      double[] weights = new double[n];
      for (int m = 0; m < n; m++) {
        values[m] = d.readDouble();
        weights[m] = d.readDouble();
      }
      return new EventStep(id, collection, time, present, values, weights, bytes);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
