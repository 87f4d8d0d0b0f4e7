package org.magg.pipelines.engine;

import java.io.Serializable;
import org.magg.core.engine.CubeGrid;
import org.magg.transforms.engine.ProducerRequest;

/**
 * One call of a producer, an element of a layer's pipeline: the whole grid ({@code tileLat < 0}),
 * or one tile of a tile-parallel producer.
 *
 * @param producer the producer's name
 * @param tileLat the tile's index along lat, or -1 for the whole grid
 * @param tileLon the tile's index along lon, or -1 for the whole grid
 */
record ProducerCall(String producer, int tileLat, int tileLon) implements Serializable {

  static ProducerCall whole(String producer) {
    return new ProducerCall(producer, -1, -1);
  }

  boolean isWhole() {
    return tileLat < 0;
  }

  /** {@code all}, or the tile: {@code tile (0, 1)}. */
  String subject() {
    return isWhole() ? "all" : "tile (" + tileLat + ", " + tileLon + ")";
  }

  /** The request: every timestep of the whole grid or of the tile, read with {@code halo}. */
  ProducerRequest request(String runId, CubeGrid grid, int halo) {
    if (isWhole()) {
      return ProducerRequest.whole(runId, grid);
    }
    return new ProducerRequest(
        runId, grid, grid.tile(0, grid.time().count(), tileLat, tileLon), halo);
  }
}
