package org.magg.transforms.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.VarIntCoder;

/**
 * The objects detected at one timestep, in their {@link DetectedObject#number() number} order (an
 * empty list when nothing was detected: the timestep still counts for tracking), on a grid of
 * {@link #gridCells()} cells. Elements of {@link DetectObjects}' output, timestamped with {@link
 * #time()}. Immutable, with a fixed deterministic {@link #coder() coder}.
 */
@DefaultCoder(StepObjects.StepObjectsCoder.class)
public final class StepObjects implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Instant time;
  private final int gridCells;
  private final List<DetectedObject> objects;

  /**
   * @param time the timestep
   * @param gridCells the number of cells of the grid the objects' cells index
   * @param objects the objects, numbered 1, 2, ... in this order
   * @throws IllegalArgumentException when the objects are not numbered 1, 2, ... in order
   */
  public StepObjects(Instant time, int gridCells, List<DetectedObject> objects) {
    this.time = Objects.requireNonNull(time, "Step time cannot be null.");
    this.gridCells = gridCells;
    this.objects = List.copyOf(objects);
    for (int k = 0; k < this.objects.size(); k++) {
      if (this.objects.get(k).number() != k + 1) {
        throw new IllegalArgumentException(
            "objects at "
                + time
                + ": object ["
                + k
                + "] is numbered "
                + this.objects.get(k).number()
                + " (expected "
                + (k + 1)
                + ")");
      }
    }
  }

  public Instant time() {
    return time;
  }

  public int gridCells() {
    return gridCells;
  }

  /** The objects (unmodifiable), numbered 1, 2, ... in this order. */
  public List<DetectedObject> objects() {
    return objects;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StepObjects s
        && time.equals(s.time)
        && gridCells == s.gridCells
        && objects.equals(s.objects);
  }

  @Override
  public int hashCode() {
    return Objects.hash(time, gridCells, objects);
  }

  @Override
  public String toString() {
    return "StepObjects[" + time + ", " + objects.size() + " objects]";
  }

  /** The coder of this type. */
  public static Coder<StepObjects> coder() {
    return StepObjectsCoder.INSTANCE;
  }

  /**
   * Coder of {@link StepObjects}: the time, the grid size, then per object its cells as var-int
   * gaps and its measures. Deterministic.
   */
  public static final class StepObjectsCoder extends AtomicCoder<StepObjects> {
    private static final long serialVersionUID = 1L;
    static final StepObjectsCoder INSTANCE = new StepObjectsCoder();

    /** The coder instance (for {@code @DefaultCoder}). */
    public static StepObjectsCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(StepObjects s, OutputStream out) throws IOException {
      EventCoding.writeInstant(s.time, out);
      VarIntCoder.of().encode(s.gridCells, out);
      VarIntCoder.of().encode(s.objects.size(), out);
      for (DetectedObject d : s.objects) {
        EventCoding.writeObject(d, out);
      }
    }

    @Override
    public StepObjects decode(InputStream in) throws IOException {
      Instant time = EventCoding.readInstant(in);
      int gridCells = VarIntCoder.of().decode(in);
      int n = EventCoding.readCount(in, "objects");
      List<DetectedObject> objects = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        objects.add(EventCoding.readObject(in));
      }
      return new StepObjects(time, gridCells, objects);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
