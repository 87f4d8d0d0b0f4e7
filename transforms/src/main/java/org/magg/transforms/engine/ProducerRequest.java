package org.magg.transforms.engine;

import java.util.Objects;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.Region;

/**
 * One call of a producer: the run it belongs to, the cube's grid, the region it must produce (the
 * whole grid, or one tile of a tile-parallel producer) and the halo it reads around it.
 *
 * @param runId the run
 * @param grid the cube's grid
 * @param region the cells (and timesteps) to produce
 * @param haloCells the cells read around {@code region} on every side (0 for none)
 */
public record ProducerRequest(String runId, CubeGrid grid, Region region, int haloCells) {

  /** Checks the fields. */
  public ProducerRequest {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(region, "region");
    if (haloCells < 0) {
      throw new IllegalArgumentException("halo cells must be 0 or more, got " + haloCells);
    }
  }

  /** The whole grid, no halo. */
  public static ProducerRequest whole(String runId, CubeGrid grid) {
    return new ProducerRequest(runId, grid, grid.whole(), 0);
  }

  /** What inputs are read over: the region grown by the halo, cut to the grid. */
  public Region readRegion() {
    return region.withHalo(haloCells, grid.lat().count(), grid.lon().count());
  }
}
