package org.magg.transforms.temporal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What a spatial function made of one timestep of one event: a scalar ({@code weight} is NaN), or a
 * {@code (weighted_sum, weight_sum)} pair for streaming means. A timestep at which a function has
 * nothing to say (for example before an event's first landfall) emits no value at all.
 *
 * @param timeMillis the timestep, milliseconds since 1970-01-01T00:00Z
 * @param value the scalar, or the weighted sum of a pair
 * @param weight NaN for a scalar, else the weight sum of a pair
 */
@DefaultCoder(TimestepValue.TimestepValueCoder.class)
public record TimestepValue(long timeMillis, double value, double weight) {

  /** A scalar result of a spatial function. */
  public static TimestepValue scalar(long timeMillis, double value) {
    return new TimestepValue(timeMillis, value, Double.NaN);
  }

  /** A {@code (weighted_sum, weight_sum)} result of a spatial function. */
  public static TimestepValue pair(long timeMillis, double weightedSum, double weightSum) {
    return new TimestepValue(timeMillis, weightedSum, weightSum);
  }

  /** The value a reducer that takes scalars sees: a pair counts as its ratio. */
  double scalarValue() {
    return Double.isNaN(weight) ? value : ratio(value, weight);
  }

  /** {@code weightedSum / weightSum} when the weight is positive, else NaN. */
  static double ratio(double weightedSum, double weightSum) {
    return weightSum > 0 ? weightedSum / weightSum : Double.NaN;
  }

  public static Coder<TimestepValue> coder() {
    return TimestepValueCoder.INSTANCE;
  }

  /** The coder of {@link TimestepValue}. */
  public static final class TimestepValueCoder extends AtomicCoder<TimestepValue> {
    static final TimestepValueCoder INSTANCE = new TimestepValueCoder();
    private static final long serialVersionUID = 1L;

    public static TimestepValueCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(TimestepValue v, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeLong(v.timeMillis());
      d.writeDouble(v.value());
      d.writeDouble(v.weight());
      d.flush();
    }

    @Override
    public TimestepValue decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      return new TimestepValue(d.readLong(), d.readDouble(), d.readDouble());
    }
  }
}
