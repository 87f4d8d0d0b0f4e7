package org.magg.io.s3;

/**
 * Temporary S3 credentials could not be obtained from a NASA Earthdata DAAC. The message names the
 * DAAC, the endpoint and what to do; it never contains a password, token or key.
 */
public final class EarthdataCredentialsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  EarthdataCredentialsException(String message) {
    this(message, 0, null);
  }

  EarthdataCredentialsException(String message, Throwable cause) {
    this(message, 0, cause);
  }

  EarthdataCredentialsException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status that caused the failure, or 0 if there was none (no login, network error). */
  public int status() {
    return status;
  }
}
