package org.magg.transforms.cycles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.magg.core.LocalFiles;

/**
 * A cycle stopped between two steps: the operator (its whole configuration: model, observation
 * operator, analysis, observation source), the carrier and the state (with the random generator's
 * state), saved with Java serialisation. Doubles are written bit for bit, so {@link #resume()}
 * continues exactly where the cycle stopped: running n steps, saving and resuming for m steps gives
 * the same bits as running n + m steps.
 */
public final class Checkpoint<C, S> implements Serializable {
  private static final long serialVersionUID = 1L;
  private final StatefulOperator<C, S> operator;
  private final C carrier;
  private final S state;

  private Checkpoint(StatefulOperator<C, S> operator, C carrier, S state) {
    this.operator = operator;
    this.carrier = carrier;
    this.state = state;
  }

  public static <C, S> Checkpoint<C, S> of(StatefulOperator<C, S> operator, C carrier, S state) {
    if (operator == null || carrier == null || state == null) {
      throw new IllegalArgumentException("a checkpoint needs an operator, a carrier and a state");
    }
    return new Checkpoint<>(operator, carrier, state);
  }

  public StatefulOperator<C, S> operator() {
    return operator;
  }

  public C carrier() {
    return carrier;
  }

  public S state() {
    return state;
  }

  /** The operator applied to the saved carrier and state. */
  public Carry<C, S> resume() {
    return operator.apply(carrier, state);
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise the checkpoint: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  public static <C, S> Checkpoint<C, S> fromBytes(byte[] bytes) {
    return read(new ByteArrayInputStream(bytes), "bytes");
  }

  /** Writes the checkpoint to {@code file} (through a temporary file, then a rename). */
  public void save(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, toBytes());
      LocalFiles.moveReplacing(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static <C, S> Checkpoint<C, S> load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  @SuppressWarnings("unchecked")
  private static <C, S> Checkpoint<C, S> read(InputStream in, String what) {
    try (ObjectInputStream objects = new ObjectInputStream(in)) {
      return (Checkpoint<C, S>) objects.readObject();
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new IllegalArgumentException(
          "cannot read a cycle checkpoint from " + what + ": " + e.getMessage(), e);
    }
  }
}
