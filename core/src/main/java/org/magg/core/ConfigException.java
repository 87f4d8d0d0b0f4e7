package org.magg.core;

/**
 * A configuration that cannot be used. The message names the field path (for example {@code
 * aggregation.variables.h_mean.source}), the bad value and what is allowed.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String fieldPath;

  public ConfigException(String fieldPath, String message) {
    super(fieldPath == null || fieldPath.isEmpty() ? message : fieldPath + ": " + message);
    this.fieldPath = fieldPath == null ? "" : fieldPath;
  }

  public ConfigException(String fieldPath, String message, Throwable cause) {
    this(fieldPath, message);
    initCause(cause);
  }

  /** The dotted path of the offending field, empty for the whole document. */
  public String fieldPath() {
    return fieldPath;
  }
}
