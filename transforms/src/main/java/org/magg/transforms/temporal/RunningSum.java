package org.magg.transforms.temporal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;

/**
 * The accumulator of {@link SumFn}: a compensated (Neumaier) sum, so that the result hardly depends
 * on the order in which a runner adds and merges, and whether anything was added.
 */
public final class RunningSum {
  boolean any;
  double sum;
  double compensation;

  void add(double v) {
    double t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) {
      compensation += (sum - t) + v;
    } else {
      compensation += (v - t) + sum;
    }
    sum = t;
    any = true;
  }

  void merge(RunningSum other) {
    if (other.any) {
      add(other.sum);
      add(other.compensation);
    }
  }

  double total() {
    return sum + compensation;
  }

  static Coder<RunningSum> coder() {
    return RunningSumCoder.INSTANCE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunningSum r
        && r.any == any
        && Double.compare(r.sum, sum) == 0
        && Double.compare(r.compensation, compensation) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(any, sum, compensation);
  }

  @Override
  public String toString() {
    return any ? "RunningSum{" + total() + "}" : "RunningSum{empty}";
  }

  /** Coder of {@link RunningSum}. */
  static final class RunningSumCoder extends AtomicCoder<RunningSum> {
    static final RunningSumCoder INSTANCE = new RunningSumCoder();
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(RunningSum r, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeBoolean(r.any);
      d.writeDouble(r.sum);
      d.writeDouble(r.compensation);
      d.flush();
    }

    @Override
    public RunningSum decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      RunningSum r = new RunningSum();
      r.any = d.readBoolean();
      r.sum = d.readDouble();
      r.compensation = d.readDouble();
      return r;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
