package org.magg.pipelines.config;

import org.magg.core.ConfigException;
import org.magg.transforms.engine.Producer;

/** Turns the {@code external} producers of engine configs into producers. */
final class EngineProducers {
  private EngineProducers() {}

  /**
   * The producer that runs {@code spec}'s program.
   *
   * @throws ConfigException while external producers are not part of the build
   */
  static Producer external(ExternalSpec spec) {
    throw new ConfigException(
        "producers." + spec.name() + ".type",
        "external producers are not available in this build yet; use file or expression");
  }
}
