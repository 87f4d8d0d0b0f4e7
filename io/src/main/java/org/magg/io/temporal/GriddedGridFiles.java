package org.magg.io.temporal;

import java.io.IOException;
import java.time.Instant;
import org.magg.io.gridded.GridSlice;
import org.magg.io.gridded.GriddedSource;
import org.magg.io.gridded.GriddedSources;
import org.magg.io.gridded.VariableAttributes;
import org.magg.io.s3.S3Settings;

/** {@link GridFiles} on the project's gridded reader ({@link GriddedSources}). */
final class GriddedGridFiles implements GridFiles {
  private final S3Settings s3;

  private GriddedGridFiles(S3Settings s3) {
    this.s3 = s3;
  }

  static GridFiles of(S3Settings s3OrNull) {
    return new GriddedGridFiles(s3OrNull);
  }

  @Override
  public GridFile open(String location) throws IOException {
    return new Source(GriddedSources.open(location, s3));
  }

  private static final class Source implements GridFile {
    private final GriddedSource src;
    private FieldGrid grid;

    Source(GriddedSource src) {
      this.src = src;
    }

    @Override
    public String location() {
      return src.location();
    }

    @Override
    public Instant[] times() throws IOException {
      return src.times();
    }

    @Override
    public FieldGrid grid() throws IOException {
      if (grid == null) {
        try {
          grid = new FieldGrid(src.lat(), src.lon());
        } catch (IllegalArgumentException e) {
          throw new IOException(src.location() + ": " + e.getMessage(), e);
        }
      }
      return grid;
    }

    @Override
    public double[] read(String variable, int t) throws IOException {
      GridSlice s = src.read(variable, t);
      if (s.levels() != 1) {
        throw new IOException(
            src.location()
                + ": variable '"
                + variable
                + "' has "
                + s.levels()
                + " levels, expected (time, lat, lon)");
      }
      return s.values();
    }

    @Override
    public double[][] readStatic(String variable) throws IOException {
      GridSlice s = src.readStatic(variable);
      int n = s.cells();
      double[][] out = new double[s.levels()][];
      for (int k = 0; k < out.length; k++) {
        out[k] = java.util.Arrays.copyOfRange(s.values(), k * n, (k + 1) * n);
      }
      return out;
    }

    @Override
    public String units(String variable) throws IOException {
      return VariableAttributes.text(src, variable, "units");
    }

    @Override
    public void close() throws IOException {
      src.close();
    }
  }
}
