package org.magg.io.zarr;

/**
 * Raised when a Zarr hierarchy is malformed or does not match what was asked for: invalid metadata,
 * a chunk that fails to decode, values that do not fit the array. The message names the store, the
 * node and the key involved.
 */
public class ZarrException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ZarrException(String message) {
    super(message);
  }

  public ZarrException(String message, Throwable cause) {
    super(message, cause);
  }
}
