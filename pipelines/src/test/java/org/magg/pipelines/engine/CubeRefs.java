package org.magg.pipelines.engine;

import java.io.IOException;
import java.util.ArrayList;
import org.magg.io.engine.Cube;
import org.magg.pipelines.config.EngineConfig;

/** Opens a config's cube in tests. */
final class CubeRefs {
  private CubeRefs() {}

  static Cube open(EngineConfig config) throws IOException {
    return new CubeRef(
            config.cube().root(),
            config.cube().zarrFormat(),
            config.cube().grid(),
            new ArrayList<>(config.variables().values()))
        .open();
  }
}
