package org.magg.transforms.cycles;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarIntCoder;

/**
 * Codes an {@link EnsembleSlot}: the member index + 1 (VarInt, 0 for the control), then a member's
 * length and doubles, or the control's time, cycle count, observation error covariance (dimension
 * and entries) and generator state (four words, the spare flag and value). Deterministic: equal
 * slots give equal bytes.
 */
public final class EnsembleSlotCoder extends CustomCoder<EnsembleSlot> {
  private static final long serialVersionUID = 1L;
  private static final EnsembleSlotCoder INSTANCE = new EnsembleSlotCoder();
  private static final VarIntCoder INT = VarIntCoder.of();

  public static EnsembleSlotCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(EnsembleSlot slot, OutputStream out) throws IOException {
    INT.encode(slot.member() + 1, out);
    DataOutputStream data = new DataOutputStream(out);
    if (!slot.isControl()) {
      double[] x = slot.stateRef();
      INT.encode(x.length, out);
      for (double v : x) {
        data.writeDouble(v);
      }
    } else {
      DAState s = slot.control();
      data.writeDouble(s.t());
      data.writeLong(s.cycleCount());
      double[][] r = s.obsErrCov().cov();
      data.writeInt(r.length);
      for (double[] row : r) {
        for (double v : row) {
          data.writeDouble(v);
        }
      }
      Rng.State g = s.rng().state();
      for (long w : g.words()) {
        data.writeLong(w);
      }
      data.writeBoolean(g.hasSpare());
      data.writeDouble(g.spare());
    }
    data.flush();
  }

  @Override
  public EnsembleSlot decode(InputStream in) throws IOException {
    int member = INT.decode(in) - 1;
    DataInputStream data = new DataInputStream(in);
    if (member >= 0) {
      int n = INT.decode(in);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = data.readDouble();
      }
      return EnsembleSlot.member(member, x);
    }
    double t = data.readDouble();
    long cycle = data.readLong();
    int m = data.readInt();
    double[][] r = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        r[i][j] = data.readDouble();
      }
    }
    long[] words = new long[4];
    for (int i = 0; i < 4; i++) {
      words[i] = data.readLong();
    }
    boolean hasSpare = data.readBoolean();
    double spare = data.readDouble();
    return EnsembleSlot.control(
        new DAState(t, cycle, ObsError.of(r), Rng.restore(new Rng.State(words, hasSpare, spare))));
  }

  @Override
  public void verifyDeterministic() {}
}
