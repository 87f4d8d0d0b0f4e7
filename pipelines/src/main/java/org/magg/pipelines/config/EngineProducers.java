package org.magg.pipelines.config;

import java.nio.file.Path;
import org.magg.transforms.engine.ExternalCommand;
import org.magg.transforms.engine.ExternalProducer;
import org.magg.transforms.engine.Producer;

/** Turns the {@code external} producers of engine configs into producers. */
final class EngineProducers {
  private EngineProducers() {}

  /**
   * The producer that runs {@code spec}'s program ({@link ExternalProducer#command}) in the config
   * file's directory, retried per {@code spec} ({@link ExternalProducer#retrying}), its output
   * appended to {@link #runLog runLog(cubeRoot, name)}.
   *
   * @param cubeRoot the cube's local directory (its root, or {@code cube.catalog} for a cube on
   *     S3), under which the run logs go
   */
  static Producer external(ExternalSpec spec, String cubeRoot) {
    return ExternalProducer.command(
        spec.name(),
        spec.needs(),
        spec.produces(),
        spec.command(),
        spec.timeout(),
        ExternalProducer.retrying(spec.maxAttempts(), spec.backoff()),
        spec.capabilities(),
        Path.of(spec.directory()),
        runLog(cubeRoot, spec.name()));
  }

  /**
   * Where an external producer's program output goes: {@code <cube's local directory>/logs/<run
   * id>/<producer>.log} (the run id filled in per call).
   */
  static Path runLog(String cubeRoot, String producer) {
    return Path.of(cubeRoot, "logs", ExternalCommand.RUN_ID, producer + ".log");
  }
}
