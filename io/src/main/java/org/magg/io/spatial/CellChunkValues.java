package org.magg.io.spatial;

import java.io.IOException;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.ZarrArray;

/** Converts a chunk's values to an array's data type (NaN becomes the fill value) and writes. */
final class CellChunkValues {
  private CellChunkValues() {}

  /** Writes the chunk of one array and returns its uncompressed size in bytes. */
  static long write(ZarrArray array, long[] coords, CellStoreSpec.ArraySpec spec, CellChunk chunk)
      throws IOException {
    DataType type = DataType.fromV3Name(spec.dtype());
    int n = chunk.childCount();
    switch (spec.kind()) {
      case CELL_IDS:
        array.writeChunk(coords, chunk.cellIds());
        return 8L * n;
      case MORTON:
        array.writeChunk(coords, chunk.mortons());
        return 8L * n;
      default:
        break;
    }
    double[] values = chunk.values()[spec.variableIndex()];
    double fill = spec.fillValue();
    if (type == DataType.FLOAT32) {
      float[] f = new float[n];
      for (int i = 0; i < n; i++) {
        f[i] = (float) (Double.isNaN(values[i]) ? fill : values[i]);
      }
      array.writeChunk(coords, f);
    } else if (type == DataType.FLOAT64) {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = Double.isNaN(values[i]) ? fill : values[i];
      }
      array.writeChunk(coords, d);
    } else {
      long[] l = new long[n];
      for (int i = 0; i < n; i++) {
        double v = values[i];
        if (Double.isNaN(v)) {
          l[i] = (long) fill;
        } else if (v != Math.rint(v) || Double.isInfinite(v)) {
          throw new IllegalArgumentException(
              "array "
                  + spec.name()
                  + " ("
                  + spec.dtype()
                  + "): value "
                  + v
                  + " of child "
                  + i
                  + " is not an integer; use a float dtype for this variable");
        } else {
          l[i] = (long) v;
        }
      }
      array.writeChunk(coords, l);
    }
    return (long) type.byteSize() * n;
  }
}
