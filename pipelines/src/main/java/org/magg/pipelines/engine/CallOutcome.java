package org.magg.pipelines.engine;

import java.io.Serializable;

/**
 * How one producer call ended, brought back to the launcher; a failed call is a dead letter.
 *
 * @param producer the producer
 * @param subject {@code all} or the tile
 * @param attempts the attempts made
 * @param failed whether it failed after them
 * @param reason the last failure, or empty
 */
record CallOutcome(String producer, String subject, int attempts, boolean failed, String reason)
    implements Serializable {

  /** A key unique in a run: the producer and the subject. */
  String key() {
    return (producer + "_" + subject).replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
