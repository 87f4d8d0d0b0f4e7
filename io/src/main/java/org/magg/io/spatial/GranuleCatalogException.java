package org.magg.io.spatial;

/** A granule catalog that cannot be used; the message names the catalog and the entry. */
public final class GranuleCatalogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GranuleCatalogException(String message) {
    super(message);
  }

  public GranuleCatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
