package org.magg.pipelines.engine;

import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;
import org.magg.io.engine.Cube;

/** A step that works on the run's cube: opened once per worker instance, closed at teardown. */
abstract class CubeFn<I, O> extends DoFn<I, O> {
  private static final long serialVersionUID = 1L;

  final CubeRef cubeRef;
  transient Cube cube;

  CubeFn(CubeRef cubeRef) {
    this.cubeRef = cubeRef;
  }

  @Setup
  public void setup() throws IOException {
    cube = cubeRef.open();
  }

  @Teardown
  public void teardown() throws IOException {
    if (cube != null) {
      cube.close();
    }
  }
}
