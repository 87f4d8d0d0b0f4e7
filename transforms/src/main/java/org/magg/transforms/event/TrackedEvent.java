package org.magg.transforms.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.magg.io.temporal.Event;
import org.magg.io.temporal.EventMask;

/**
 * One tracked event: its id, the timesteps it was seen at with its object at each, the timesteps
 * within its life it was not seen at (bridged by {@code max_gap_steps}), why it ended and the ids
 * of the events it merged into or split from. Its {@link #lifecycle() lifecycle row}, {@link
 * #trackRows() track rows} and {@link #toCatalogEvent() catalog event} are derived from these.
 * Immutable, with a fixed deterministic {@link #coder() coder}.
 */
@DefaultCoder(TrackedEvent.TrackedEventCoder.class)
public final class TrackedEvent implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  /**
   * Events in id order: by genesis time, then by the number of their first object at genesis (so
   * {@code ...-2} before {@code ...-10}).
   */
  public static final Comparator<TrackedEvent> ID_ORDER =
      Comparator.comparing(TrackedEvent::genesis)
          .thenComparingInt(e -> e.steps.get(0).object().number());

  /**
   * Id texts in the order of {@link #ID_ORDER} (genesis time, then number, so {@code ...-2} before
   * {@code ...-10}); text that is not an event id sorts last.
   */
  public static final SerializableComparator<String> ID_TEXT_ORDER = EventIds::compareText;

  /** A comparator that travels with a pipeline. */
  public interface SerializableComparator<T> extends Comparator<T>, Serializable {}

  private final String id;
  private final List<TrackStep> steps;
  private final List<Instant> gapTimes;
  private final EndReason endReason;
  private final String mergedInto;
  private final String splitFrom;

  TrackedEvent(
      String id,
      List<TrackStep> steps,
      List<Instant> gapTimes,
      EndReason endReason,
      String mergedInto,
      String splitFrom) {
    this.id = Objects.requireNonNull(id, "Event id cannot be null.");
    this.steps = List.copyOf(steps);
    this.gapTimes = List.copyOf(gapTimes);
    this.endReason = Objects.requireNonNull(endReason, "End reason cannot be null.");
    this.mergedInto = mergedInto;
    this.splitFrom = splitFrom;
    if (this.steps.isEmpty()) {
      throw new IllegalArgumentException("event " + id + " has no timestep");
    }
  }

  public String id() {
    return id;
  }

  /** The timesteps it was seen at, in time order (unmodifiable). */
  public List<TrackStep> steps() {
    return steps;
  }

  /** The timesteps between genesis and lysis it was not seen at, in time order (unmodifiable). */
  public List<Instant> gapTimes() {
    return gapTimes;
  }

  public EndReason endReason() {
    return endReason;
  }

  /** With {@link EndReason#MERGED}, the id of the event that continued; else null. */
  public String mergedInto() {
    return mergedInto;
  }

  /** The id of the event it split from, or null. */
  public String splitFrom() {
    return splitFrom;
  }

  /** Its first timestep. */
  public Instant genesis() {
    return steps.get(0).time();
  }

  /** Its last timestep: the last it was seen at. */
  public Instant lysis() {
    return steps.get(steps.size() - 1).time();
  }

  /** Its lifecycle row, computed from its steps (see {@link LifecycleRow}). */
  public LifecycleRow lifecycle() {
    Instant peakTime = null;
    double peak = Double.NaN;
    double maxArea = 0;
    int maxCells = 0;
    Instant landfall = null;
    for (TrackStep s : steps) {
      DetectedObject o = s.object();
      if (o.maxValue() > peak || (Double.isNaN(peak) && !Double.isNaN(o.maxValue()))) {
        peak = o.maxValue();
        peakTime = s.time();
      }
      maxArea = Math.max(maxArea, o.areaKm2());
      maxCells = Math.max(maxCells, o.cellCount());
      if (landfall == null && o.landfall()) {
        landfall = s.time();
      }
    }
    return new LifecycleRow(
        id,
        genesis(),
        lysis(),
        steps.size(),
        Duration.between(genesis(), lysis()).toMillis() / MILLIS_PER_HOUR,
        peakTime,
        peak,
        maxArea,
        maxCells,
        landfall,
        endReason,
        mergedInto,
        splitFrom);
  }

  /** One track row per timestep it was seen at, in time order. */
  public List<TrackRow> trackRows() {
    List<TrackRow> rows = new ArrayList<>(steps.size());
    for (TrackStep s : steps) {
      DetectedObject o = s.object();
      rows.add(
          new TrackRow(
              id,
              s.time(),
              o.cellCount(),
              o.areaKm2(),
              o.centroidLat(),
              o.centroidLon(),
              o.maxValue()));
    }
    return rows;
  }

  /**
   * The event as the event catalog holds it: id, start = genesis, end = lysis, and a mask per
   * timestep (the object's cells where it was seen, no cell at its gap timesteps, so the gap is not
   * covered by the previous mask). {@code EventCatalogJson.write} writes these as cell lists.
   */
  public Event toCatalogEvent() {
    EventMask.Builder b = EventMask.builder();
    for (TrackStep s : steps) {
      b.add(s.time(), s.object().cellArray());
    }
    for (Instant t : gapTimes) {
      b.add(t, new int[0]);
    }
    return Event.of(id, genesis(), lysis(), b.build(lysis()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrackedEvent e
        && id.equals(e.id)
        && steps.equals(e.steps)
        && gapTimes.equals(e.gapTimes)
        && endReason == e.endReason
        && Objects.equals(mergedInto, e.mergedInto)
        && Objects.equals(splitFrom, e.splitFrom);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, steps, gapTimes, endReason, mergedInto, splitFrom);
  }

  @Override
  public String toString() {
    return "TrackedEvent["
        + id
        + ", "
        + steps.size()
        + " steps "
        + genesis()
        + ".."
        + lysis()
        + ", "
        + endReason.csv()
        + (mergedInto != null ? " into " + mergedInto : "")
        + (splitFrom != null ? ", split from " + splitFrom : "")
        + "]";
  }

  /** The coder of this type. */
  public static Coder<TrackedEvent> coder() {
    return TrackedEventCoder.INSTANCE;
  }

  /**
   * Coder of {@link TrackedEvent}: id, steps (time and object), gap times, end reason, then the
   * merged-into and split-from ids. Deterministic.
   */
  public static final class TrackedEventCoder extends AtomicCoder<TrackedEvent> {
    private static final long serialVersionUID = 1L;
    static final TrackedEventCoder INSTANCE = new TrackedEventCoder();
    private static final EndReason[] REASONS = EndReason.values();

    /** The coder instance (for {@code @DefaultCoder}). */
    public static TrackedEventCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(TrackedEvent e, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(e.id, out);
      VarIntCoder.of().encode(e.steps.size(), out);
      for (TrackStep s : e.steps) {
        EventCoding.writeInstant(s.time(), out);
        EventCoding.writeObject(s.object(), out);
      }
      VarIntCoder.of().encode(e.gapTimes.size(), out);
      for (Instant t : e.gapTimes) {
        EventCoding.writeInstant(t, out);
      }
      out.write(e.endReason.ordinal());
      EventCoding.writeNullable(e.mergedInto, out);
      EventCoding.writeNullable(e.splitFrom, out);
    }

    @Override
    public TrackedEvent decode(InputStream in) throws IOException {
      String id = StringUtf8Coder.of().decode(in);
      int n = EventCoding.readCount(in, "steps");
      List<TrackStep> steps = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        Instant t = EventCoding.readInstant(in);
        steps.add(new TrackStep(t, EventCoding.readObject(in)));
      }
      int g = EventCoding.readCount(in, "gap times");
      List<Instant> gaps = new ArrayList<>(g);
      for (int k = 0; k < g; k++) {
        gaps.add(EventCoding.readInstant(in));
      }
      int reason = in.read();
      if (reason < 0 || reason >= REASONS.length) {
        throw new IOException("corrupt TrackedEvent encoding: end reason " + reason);
      }
      String mergedInto = EventCoding.readNullable(in);
      String splitFrom = EventCoding.readNullable(in);
      return new TrackedEvent(id, steps, gaps, REASONS[reason], mergedInto, splitFrom);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
