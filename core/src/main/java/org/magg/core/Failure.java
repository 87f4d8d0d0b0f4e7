package org.magg.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * A dead-letter record: something that could not be processed, and why. The run goes on.
 *
 * @param stage where it failed: {@code granule}, {@code group}, {@code row} (a malformed row of a
 *     point table) or {@code cell} (spatial); {@code field} (a gridded file or split), {@code
 *     timestep} (a field timestep that could not be evaluated) or {@code event} (an event of a
 *     catalog) (temporal)
 * @param subject what failed: a granule path, {@code path#group}, {@code path:line}, or a Morton
 *     cell
 * @param reason the error, naming the file, dataset or cell and what was expected
 */
@DefaultCoder(Failure.FailureCoder.class)
public record Failure(String stage, String subject, String reason) {

  public static Failure granule(String path, String reason) {
    return new Failure("granule", path, reason);
  }

  public static Failure group(String path, String group, String reason) {
    return new Failure("group", path + "#" + group, reason);
  }

  /** A row of a table that could not be read; the subject is {@code path:line}. */
  public static Failure row(String path, long line, String reason) {
    return new Failure("row", path + ":" + line, reason);
  }

  public static Failure cell(String morton, String reason) {
    return new Failure("cell", morton, reason);
  }

  /** The coder of this element type. */
  public static Coder<Failure> coder() {
    return FailureCoder.INSTANCE;
  }

  /** The coder of {@link Failure}. */
  public static final class FailureCoder extends AtomicCoder<Failure> {
    static final FailureCoder INSTANCE = new FailureCoder();

    /** The coder instance (for {@code @DefaultCoder}). */
    public static FailureCoder of() {
      return INSTANCE;
    }

    private static final long serialVersionUID = 1L;

    @Override
    public void encode(Failure f, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(f.stage(), out);
      StringUtf8Coder.of().encode(f.subject(), out);
      StringUtf8Coder.of().encode(f.reason(), out);
    }

    @Override
    public Failure decode(InputStream in) throws IOException {
      return new Failure(
          StringUtf8Coder.of().decode(in),
          StringUtf8Coder.of().decode(in),
          StringUtf8Coder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
