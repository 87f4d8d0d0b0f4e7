package org.magg.io.cmr;

/**
 * A NASA CMR search that failed: the server refused the request (the message carries CMR's own
 * error text), kept failing after retries, or answered with something that is not a granule search
 * result.
 */
public final class CmrException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  CmrException(String message) {
    this(message, 0, null);
  }

  CmrException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status of the failed response, or 0 if there was none (connection failure). */
  public int status() {
    return status;
  }
}
