package org.magg.transforms.temporal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * The reduced metrics of one event (by metric index), the timesteps that reached it per collection
 * (ascending, epoch milliseconds) and the bytes of field data behind them.
 */
@DefaultCoder(EventResult.EventResultCoder.class)
public final class EventResult {
  private final String eventId;
  private final double[] metrics;
  private final Map<String, long[]> times;
  private final long bytesRead;

  public EventResult(String eventId, double[] metrics, Map<String, long[]> times, long bytesRead) {
    this.eventId = eventId;
    this.metrics = metrics;
    this.times = new TreeMap<>(times);
    this.bytesRead = bytesRead;
  }

  public String eventId() {
    return eventId;
  }

  /** The value of metric {@code m}. */
  public double metric(int m) {
    return metrics[m];
  }

  public int metricCount() {
    return metrics.length;
  }

  /** The timesteps of {@code collection} that reached the event (empty when none). */
  public long[] times(String collection) {
    long[] t = times.get(collection);
    return t == null ? new long[0] : t.clone();
  }

  /** The number of distinct timesteps, over all collections. */
  public int distinctTimesteps() {
    return (int) times.values().stream().flatMapToLong(Arrays::stream).distinct().count();
  }

  public long bytesRead() {
    return bytesRead;
  }

  public static Coder<EventResult> coder() {
    return EventResultCoder.INSTANCE;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EventResult r)) {
      return false;
    }
    if (!Objects.equals(r.eventId, eventId)
        || !Arrays.equals(r.metrics, metrics)
        || r.bytesRead != bytesRead
        || !r.times.keySet().equals(times.keySet())) {
      return false;
    }
    return times.entrySet().stream()
        .allMatch(e -> Arrays.equals(e.getValue(), r.times.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventId, Arrays.hashCode(metrics), bytesRead);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("EventResult[").append(eventId).append(", metrics=");
    sb.append(Arrays.toString(metrics)).append(", timesteps=");
    times.forEach((c, t) -> sb.append(c).append(':').append(t.length).append(' '));
    return sb.append("bytes=").append(bytesRead).append(']').toString();
  }

  /** The coder of {@link EventResult}. */
  public static final class EventResultCoder extends AtomicCoder<EventResult> {
    private static final EventResultCoder INSTANCE = new EventResultCoder();
    private static final long serialVersionUID = 1L;

    public static EventResultCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(EventResult r, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeUTF(r.eventId == null ? "" : r.eventId);
      d.writeInt(r.metrics.length);
      for (double v : r.metrics) {
        d.writeDouble(v);
      }
      d.writeInt(r.times.size());
      for (Map.Entry<String, long[]> e : r.times.entrySet()) {
        d.writeUTF(e.getKey());
        d.writeInt(e.getValue().length);
        for (long t : e.getValue()) {
          d.writeLong(t);
        }
      }
      d.writeLong(r.bytesRead);
      d.flush();
    }

    @Override
    public EventResult decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      String id = d.readUTF();
      double[] metrics = new double[d.readInt()];
      for (int m = 0; m < metrics.length; m++) {
        metrics[m] = d.readDouble();
      }
      int n = d.readInt();
      Map<String, long[]> times = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        String c = d.readUTF();
        long[] t = new long[d.readInt()];
        for (int k = 0; k < t.length; k++) {
          t[k] = d.readLong();
        }
        times.put(c, t);
      }
      return new EventResult(id.isEmpty() ? null : id, metrics, times, d.readLong());
    }

    @Override
    public void verifyDeterministic() {}
  }
}
