package org.magg.transforms.temporal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;

/** The accumulator of {@link MaxFn} and {@link MinFn}: the extreme value seen, if any. */
public final class Extremum {
  boolean any;
  double value;

  /** Keeps {@code v} when it is more extreme than the current value in the given direction. */
  void offer(double v, boolean max) {
    if (!any || (max ? v > value : v < value)) {
      value = v;
      any = true;
    }
  }

  void merge(Extremum other, boolean max) {
    if (other.any) {
      offer(other.value, max);
    }
  }

  double result() {
    return any ? value : Double.NaN;
  }

  static Coder<Extremum> coder() {
    return ExtremumCoder.INSTANCE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Extremum e && e.any == any && (!any || Double.compare(e.value, value) == 0);
  }

  @Override
  public int hashCode() {
    return any ? Objects.hash(true, value) : 0;
  }

  @Override
  public String toString() {
    return any ? "Extremum{" + value + "}" : "Extremum{empty}";
  }

  /** Coder of {@link Extremum}. */
  static final class ExtremumCoder extends AtomicCoder<Extremum> {
    static final ExtremumCoder INSTANCE = new ExtremumCoder();
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(Extremum e, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeBoolean(e.any);
      d.writeDouble(e.value);
      d.flush();
    }

    @Override
    public Extremum decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      Extremum e = new Extremum();
      e.any = d.readBoolean();
      e.value = d.readDouble();
      return e;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
