package org.magg.transforms.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A failed attempt of an external model: it could not be started, exited with a non-zero status,
 * ran past its timeout, or wrote a missing or misshapen output. The message names the producer, the
 * file and what was expected; {@link ExternalProducer#retrying} policies retry it.
 */
public final class ExternalModelException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The program could not be started. */
    START,
    /** It exited with a non-zero status. */
    EXIT,
    /** It ran past its timeout and was killed with its child processes. */
    TIMEOUT,
    /** An output is missing or not of the exchange form over the requested region. */
    OUTPUT
  }

  private final Kind kind;
  private final transient Path runLog;

  /**
   * @param runLog the run log the program's output went to (null if none)
   */
  public ExternalModelException(Kind kind, String message, Path runLog, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.runLog = runLog;
  }

  public Kind kind() {
    return kind;
  }

  /** The run log the program's output went to, or null. */
  public Path runLog() {
    return runLog;
  }
}
