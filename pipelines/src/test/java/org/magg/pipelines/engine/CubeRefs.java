package org.magg.pipelines.engine;

import java.io.IOException;
import org.magg.io.engine.Cube;
import org.magg.pipelines.config.EngineConfig;

/** Opens a config's cube in tests. */
final class CubeRefs {
  private CubeRefs() {}

  static Cube open(EngineConfig config) throws IOException {
    return CubeRef.of(config).open();
  }
}
