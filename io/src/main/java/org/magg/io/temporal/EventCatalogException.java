package org.magg.io.temporal;

/**
 * An event catalog that cannot be used as a whole (not JSON or CSV, no events list, a bad grid, a
 * missing CSV column); the message names the catalog file and the field. Problems of single events
 * are not exceptions: they are listed by {@link EventCatalog#failures()}.
 */
public final class EventCatalogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EventCatalogException(String message) {
    super(message);
  }

  public EventCatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
