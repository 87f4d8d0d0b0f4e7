package org.magg.pipelines.engine;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.Cube;

/**
 * What a worker needs to open the cube: its root, Zarr format, grid and variables.
 *
 * @param root the cube's local directory
 * @param zarrFormat 2 or 3
 * @param grid the grid
 * @param variables every variable of the config
 */
record CubeRef(String root, int zarrFormat, CubeGrid grid, List<VarSpec> variables)
    implements Serializable {
  CubeRef {
    variables = List.copyOf(variables);
  }

  Cube open() throws IOException {
    return Cube.open(Path.of(root), grid, zarrFormat, variables);
  }
}
