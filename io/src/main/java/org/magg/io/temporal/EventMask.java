package org.magg.io.temporal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.FloatCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * The sparse per-timestep masks of one event: mask times (sorted, strictly increasing) and, for
 * each, the sorted cell indices of the {@link FieldGrid} inside the event, optionally with a float
 * weight per cell (a fractional mask; binary masks carry no weights). Immutable and serializable,
 * with a fixed {@link #coder() coder}.
 *
 * <p><b>Which mask is in force</b> at a field time {@code t} ({@link #cellsAt}): the mask of the
 * latest mask time {@code <= t}, until the event's end (inclusive). Before the first mask time and
 * after the end there is none (null). Masks are typically 3-hourly while fields are hourly, so an
 * hourly field step uses the mask of its 3-hour block: with masks at 00, 03, 06 and an end at
 * 08:00, the field at 01:00 and 02:00 uses the 00 mask, 03:00-05:00 the 03 mask, 06:00-08:00 the 06
 * mask, and 09:00 none.
 */
@DefaultCoder(EventMask.EventMaskCoder.class)
public final class EventMask implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Instant[] times;
  private final int[][] cells;
  private final float[][] weights; // null when binary; else parallel to cells
  private final Instant end;
  private final int totalCells;

  private EventMask(Instant[] times, int[][] cells, float[][] weights, Instant end) {
    this.times = times;
    this.cells = cells;
    this.weights = weights;
    this.end = end;
    long n = 0;
    for (int[] c : cells) {
      n += c.length;
    }
    this.totalCells = Math.toIntExact(n);
  }

  /** A builder: add masks in any order, then {@link Builder#build(Instant) build(end)}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The index of the mask in force at {@code t}: the latest mask time {@code <= t}, or -1 when
   * {@code t} is before the first mask time or after the end.
   */
  public int indexAt(Instant t) {
    if (t.isAfter(end)) {
      return -1;
    }
    int i = Arrays.binarySearch(times, t);
    return i >= 0 ? i : -i - 2;
  }

  /**
   * The sorted cell indices of the mask in force at field time {@code t} (see the class comment),
   * or null when none is: {@code t} before the first mask time or after the event's end. A copy.
   */
  public int[] cellsAt(Instant t) {
    int i = indexAt(t);
    return i < 0 ? null : cells[i].clone();
  }

  /**
   * The weights of the cells {@link #cellsAt(Instant)} returns (same order), or null when the masks
   * are binary or no mask is in force.
   */
  public double[] weightsAt(Instant t) {
    int i = indexAt(t);
    return i < 0 ? null : weights(i);
  }

  /** The mask times (a copy), sorted and strictly increasing. */
  public Instant[] times() {
    return times.clone();
  }

  /** The number of mask times. */
  public int size() {
    return times.length;
  }

  /** The mask time of index {@code i}. */
  public Instant time(int i) {
    return times[i];
  }

  /** The sorted cells of mask {@code i} (a copy). */
  public int[] cells(int i) {
    return cells[i].clone();
  }

  /** The number of cells of mask {@code i}. */
  public int cellCount(int i) {
    return cells[i].length;
  }

  /** The weights of mask {@code i}, parallel to {@link #cells(int)}, or null when binary. */
  public double[] weights(int i) {
    if (weights == null) {
      return null;
    }
    float[] w = weights[i];
    double[] out = new double[w.length];
    for (int k = 0; k < w.length; k++) {
      out[k] = w[k];
    }
    return out;
  }

  /** Whether the masks carry weights (a fractional mask whose values were not all 1). */
  public boolean weighted() {
    return weights != null;
  }

  /** The end of the event, the last instant a mask is in force (inclusive). */
  public Instant end() {
    return end;
  }

  /** The number of cells over all mask times. */
  public int totalCells() {
    return totalCells;
  }

  /** Every cell inside the event at some mask time, sorted. */
  public int[] unionCells() {
    return Arrays.stream(cells).flatMapToInt(Arrays::stream).distinct().sorted().toArray();
  }

  /** The largest cell index used, or -1 when every mask is empty. */
  public int maxCell() {
    int max = -1;
    for (int[] c : cells) {
      if (c.length > 0) {
        max = Math.max(max, c[c.length - 1]);
      }
    }
    return max;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventMask m
        && Arrays.equals(times, m.times)
        && Arrays.deepEquals(cells, m.cells)
        && Arrays.deepEquals(weights, m.weights)
        && end.equals(m.end);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(times), Arrays.deepHashCode(cells), Arrays.deepHashCode(weights), end);
  }

  @Override
  public String toString() {
    return "EventMask["
        + times.length
        + " mask times"
        + (times.length > 0 ? " " + times[0] + ".." + times[times.length - 1] : "")
        + ", "
        + totalCells
        + " cells"
        + (weights != null ? ", weighted" : "")
        + ", until "
        + end
        + "]";
  }

  /** Builds an {@link EventMask}; refuses bad input with a message naming the mask time. */
  public static final class Builder {
    private final List<Instant> times = new ArrayList<>();
    private final List<int[]> cells = new ArrayList<>();
    private final List<float[]> weights = new ArrayList<>();
    private boolean anyWeights;

    private Builder() {}

    /** A binary mask at {@code time}: the given cells (any order; duplicates are merged). */
    public Builder add(Instant time, int[] cells) {
      return add(time, cells, null);
    }

    /**
     * A mask at {@code time} with a weight per cell ({@code weights} parallel to {@code cells}, or
     * null for a binary mask). Cells may come in any order; a repeated cell is refused when
     * weighted, merged when binary. Cell indices must be {@code >= 0}; the grid range is checked by
     * whoever knows the grid (the catalog).
     */
    public Builder add(Instant time, int[] cells, float[] weights) {
      Objects.requireNonNull(time, "Mask time cannot be null.");
      Objects.requireNonNull(cells, "Mask cells cannot be null.");
      if (weights != null && weights.length != cells.length) {
        throw new IllegalArgumentException(
            "mask at "
                + time
                + ": "
                + weights.length
                + " weights for "
                + cells.length
                + " cells (expected one weight per cell)");
      }
      for (int k = 0; k < cells.length; k++) {
        if (cells[k] < 0) {
          throw new IllegalArgumentException(
              "mask at " + time + ": cell [" + k + "] = " + cells[k] + " is negative");
        }
        if (weights != null && !(weights[k] > 0 && Float.isFinite(weights[k]))) {
          throw new IllegalArgumentException(
              "mask at "
                  + time
                  + ": weight ["
                  + k
                  + "] = "
                  + weights[k]
                  + " (expected a finite weight > 0 for a cell inside the mask)");
        }
      }
      int[] c;
      float[] w = null;
      if (weights == null) {
        c = sortedDistinct(cells);
      } else {
        Integer[] order = new Integer[cells.length];
        for (int k = 0; k < order.length; k++) {
          order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(cells[a], cells[b]));
        c = new int[cells.length];
        w = new float[cells.length];
        for (int k = 0; k < order.length; k++) {
          c[k] = cells[order[k]];
          w[k] = weights[order[k]];
          if (k > 0 && c[k] == c[k - 1]) {
            throw new IllegalArgumentException(
                "mask at " + time + ": cell " + c[k] + " is given twice with weights");
          }
        }
        anyWeights = true;
      }
      times.add(time);
      this.cells.add(c);
      this.weights.add(w);
      return this;
    }

    private static int[] sortedDistinct(int[] cells) {
      int[] c = cells.clone();
      boolean sorted = true;
      for (int k = 1; k < c.length && sorted; k++) {
        sorted = c[k] > c[k - 1];
      }
      if (sorted) {
        return c;
      }
      Arrays.sort(c);
      int n = c.length == 0 ? 0 : 1;
      for (int k = 1; k < c.length; k++) {
        if (c[k] != c[n - 1]) {
          c[n++] = c[k];
        }
      }
      return n == c.length ? c : Arrays.copyOf(c, n);
    }

    /**
     * The mask, in force until {@code end} (inclusive).
     *
     * @throws IllegalArgumentException when a mask time is given twice or is after {@code end}
     */
    public EventMask build(Instant end) {
      Objects.requireNonNull(end, "Mask end cannot be null.");
      Integer[] order = new Integer[times.size()];
      for (int k = 0; k < order.length; k++) {
        order[k] = k;
      }
      Arrays.sort(order, (a, b) -> times.get(a).compareTo(times.get(b)));
      Instant[] t = new Instant[order.length];
      int[][] c = new int[order.length][];
      float[][] w = anyWeights ? new float[order.length][] : null;
      for (int k = 0; k < order.length; k++) {
        t[k] = times.get(order[k]);
        if (k > 0 && t[k].equals(t[k - 1])) {
          throw new IllegalArgumentException("mask time " + t[k] + " is given twice");
        }
        if (t[k].isAfter(end)) {
          throw new IllegalArgumentException(
              "mask time " + t[k] + " is after the event's end " + end);
        }
        c[k] = cells.get(order[k]);
        if (w != null) {
          float[] wk = weights.get(order[k]);
          if (wk == null) {
            wk = new float[c[k].length];
            Arrays.fill(wk, 1f);
          }
          w[k] = wk;
        }
      }
      return new EventMask(t, c, w, end);
    }
  }

  /** The coder of this type. */
  public static Coder<EventMask> coder() {
    return EventMaskCoder.INSTANCE;
  }

  /**
   * Coder of {@link EventMask}: the end, the number of masks, a weighted flag, then per mask its
   * time (epoch seconds, nanos), its cell count and its cells as var-int gaps (sorted cells make
   * small gaps), followed by the float weights when weighted. Deterministic.
   */
  public static final class EventMaskCoder extends AtomicCoder<EventMask> {
    static final EventMaskCoder INSTANCE = new EventMaskCoder();

    /** The coder instance (for {@code @DefaultCoder}). */
    public static EventMaskCoder of() {
      return INSTANCE;
    }

    private static final long serialVersionUID = 1L;

    @Override
    public void encode(EventMask m, OutputStream out) throws IOException {
      writeInstant(m.end, out);
      VarIntCoder.of().encode(m.times.length, out);
      out.write(m.weights != null ? 1 : 0);
      for (int i = 0; i < m.times.length; i++) {
        writeInstant(m.times[i], out);
        int[] c = m.cells[i];
        VarIntCoder.of().encode(c.length, out);
        int prev = 0;
        for (int cell : c) {
          VarIntCoder.of().encode(cell - prev, out);
          prev = cell;
        }
        if (m.weights != null) {
          for (float w : m.weights[i]) {
            FloatCoder.of().encode(w, out);
          }
        }
      }
    }

    @Override
    public EventMask decode(InputStream in) throws IOException {
      Instant end = readInstant(in);
      int n = VarIntCoder.of().decode(in);
      int flag = in.read();
      if (n < 0 || (flag != 0 && flag != 1)) {
        throw new IOException("corrupt EventMask encoding: " + n + " masks, flag " + flag);
      }
      Instant[] times = new Instant[n];
      int[][] cells = new int[n][];
      float[][] weights = flag == 1 ? new float[n][] : null;
      for (int i = 0; i < n; i++) {
        times[i] = readInstant(in);
        int len = VarIntCoder.of().decode(in);
        if (len < 0) {
          throw new IOException("corrupt EventMask encoding: " + len + " cells");
        }
        int[] c = new int[len];
        int prev = 0;
        for (int k = 0; k < len; k++) {
          prev += VarIntCoder.of().decode(in);
          c[k] = prev;
        }
        cells[i] = c;
        if (weights != null) {
          float[] w = new float[len];
          for (int k = 0; k < len; k++) {
            w[k] = FloatCoder.of().decode(in);
          }
          weights[i] = w;
        }
      }
      return new EventMask(times, cells, weights, end);
    }

    static void writeInstant(Instant t, OutputStream out) throws IOException {
      VarLongCoder.of().encode(t.getEpochSecond(), out);
      VarIntCoder.of().encode(t.getNano(), out);
    }

    static Instant readInstant(InputStream in) throws IOException {
      long s = VarLongCoder.of().decode(in);
      int nanos = VarIntCoder.of().decode(in);
      return Instant.ofEpochSecond(s, nanos);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
