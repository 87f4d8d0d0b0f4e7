package org.magg.pipelines.engine;

import java.io.Serializable;

/**
 * A tile of a producer's output that could not be written into the cube.
 *
 * @param producer the producer
 * @param variable the variable
 * @param subject the tile
 * @param reason what failed
 */
record WriteFailure(String producer, String variable, String subject, String reason)
    implements Serializable {

  String key() {
    return (producer + "_" + variable + "_" + subject).replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
