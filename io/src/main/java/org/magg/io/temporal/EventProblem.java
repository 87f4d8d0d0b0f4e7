package org.magg.io.temporal;

/**
 * A problem of one catalog event: the field it concerns and what was expected. It becomes the
 * event's {@link org.magg.core.Failure} ({@link CatalogReport#event}); the other events go on.
 */
final class EventProblem extends Exception {
  private static final long serialVersionUID = 1L;
  final String field;

  EventProblem(String field, String message) {
    super(message);
    this.field = field;
  }
}
