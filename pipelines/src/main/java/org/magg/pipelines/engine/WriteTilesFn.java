package org.magg.pipelines.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.values.KV;

/**
 * The one writer of a tile: every output of the layer for one variable's tile (grouped by {@link
 * ComputeFn#tileKey}) merged into the cube in producer-name order, so that the result does not
 * depend on the order they arrived in. A write that fails is emitted as a {@link WriteFailure}.
 */
final class WriteTilesFn extends CubeFn<KV<String, Iterable<TileOutput>>, WriteFailure> {
  private static final long serialVersionUID = 1L;

  private final String runId;

  WriteTilesFn(CubeRef cubeRef, String runId) {
    super(cubeRef);
    this.runId = runId;
  }

  @ProcessElement
  public void process(
      @Element KV<String, Iterable<TileOutput>> tile, OutputReceiver<WriteFailure> out) {
    List<TileOutput> writes = new ArrayList<>();
    tile.getValue().forEach(writes::add);
    writes.sort(Comparator.comparing(TileOutput::producer));
    String[] key = tile.getKey().split("/");
    String subject = "tile (" + key[1] + ", " + key[2] + ")";
    for (TileOutput w : writes) {
      try {
        cube.write(w.field(), w.producer(), runId);
      } catch (IOException | RuntimeException e) {
        out.output(new WriteFailure(w.producer(), key[0], subject, ComputeFn.describe(e)));
      }
    }
  }
}
