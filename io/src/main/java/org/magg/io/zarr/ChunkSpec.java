package org.magg.io.zarr;

/**
 * What a codec sees on its decoded side: the chunk's shape, element type, and the one-element fill
 * value in canonical (little-endian) layout.
 */
record ChunkSpec(int[] shape, DataType dataType, byte[] fillValue) {

  int elementCount() {
    return Math.toIntExact(Shapes.product(shape));
  }

  int byteCount() {
    return Math.multiplyExact(elementCount(), dataType.byteSize());
  }

  ChunkSpec withShape(int[] newShape) {
    return new ChunkSpec(newShape, dataType, fillValue);
  }
}
