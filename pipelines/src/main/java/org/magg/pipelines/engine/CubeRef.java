package org.magg.pipelines.engine;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.Cube;
import org.magg.io.engine.CubeCatalog;
import org.magg.io.s3.S3Settings;
import org.magg.pipelines.config.EngineConfig;

/**
 * What a worker needs to open the cube: where its stores and its catalog are, how S3 is reached,
 * its Zarr format, grid and variables.
 *
 * @param root the stores' root: a local directory or {@code s3://bucket/prefix}
 * @param catalogDir the local directory of {@code catalog.sqlite}
 * @param s3 how an {@code s3://} root is reached
 * @param zarrFormat 2 or 3
 * @param grid the grid
 * @param variables every variable of the config
 */
record CubeRef(
    String root,
    String catalogDir,
    S3Settings s3,
    int zarrFormat,
    CubeGrid grid,
    List<VarSpec> variables)
    implements Serializable {
  CubeRef {
    variables = List.copyOf(variables);
  }

  /** The cube of {@code config}. */
  static CubeRef of(EngineConfig config) {
    return new CubeRef(
        config.cube().root(),
        config.cube().catalog(),
        config.s3().toSettings(),
        config.cube().zarrFormat(),
        config.cube().grid(),
        new ArrayList<>(config.variables().values()));
  }

  Path catalogFile() {
    return Path.of(catalogDir, CubeCatalog.FILE_NAME);
  }

  Cube open() throws IOException {
    return Cube.open(root, catalogFile(), s3, grid, zarrFormat, variables);
  }
}
