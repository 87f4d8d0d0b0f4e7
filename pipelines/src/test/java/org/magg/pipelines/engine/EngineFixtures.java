package org.magg.pipelines.engine;

import java.io.IOException;
import java.nio.file.Path;

/** {@link EngineFixture} for tests in other packages. */
public final class EngineFixtures {
  private EngineFixtures() {}

  /** The fixture's config text. */
  public static final String CONFIG = EngineFixture.CONFIG;

  /** Writes the inputs and {@code config} under {@code dir}; returns the config file. */
  public static Path write(Path dir, String config) throws IOException {
    return EngineFixture.write(dir, config);
  }

  /** Rewrites the elevation file with every value raised by {@code offset}. */
  public static void rewriteDem(Path dir, double offset) throws IOException {
    EngineFixture.writeDem(dir, offset);
  }
}
