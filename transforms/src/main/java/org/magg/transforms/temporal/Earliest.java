package org.magg.transforms.temporal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;

/**
 * The accumulator of {@link FirstLandfallFn}: the value of the earliest timestep seen. Ties on the
 * time are broken by the bits of the value and weight, so any order of inputs and merges gives the
 * same result.
 */
public final class Earliest {
  TimestepValue first;

  void offer(TimestepValue v) {
    if (first == null || earlier(v, first)) {
      first = v;
    }
  }

  private static boolean earlier(TimestepValue a, TimestepValue b) {
    if (a.timeMillis() != b.timeMillis()) {
      return a.timeMillis() < b.timeMillis();
    }
    int c = Long.compare(Double.doubleToLongBits(a.value()), Double.doubleToLongBits(b.value()));
    if (c != 0) {
      return c < 0;
    }
    return Double.doubleToLongBits(a.weight()) < Double.doubleToLongBits(b.weight());
  }

  static Coder<Earliest> coder() {
    return EarliestCoder.INSTANCE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Earliest e && Objects.equals(e.first, first);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(first);
  }

  @Override
  public String toString() {
    return "Earliest{" + first + "}";
  }

  /** Coder of {@link Earliest}. */
  static final class EarliestCoder extends AtomicCoder<Earliest> {
    static final EarliestCoder INSTANCE = new EarliestCoder();
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(Earliest e, OutputStream out) throws IOException {
      out.write(e.first == null ? 0 : 1);
      if (e.first != null) {
        TimestepValue.coder().encode(e.first, out);
      }
    }

    @Override
    public Earliest decode(InputStream in) throws IOException {
      Earliest e = new Earliest();
      int flag = in.read();
      if (flag < 0) {
        throw new IOException("truncated accumulator");
      }
      if (flag == 1) {
        e.first = TimestepValue.coder().decode(in);
      }
      return e;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
