package org.magg.io.temporal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Gridded files in memory, to test the mask and static-data logic apart from file formats. */
final class FakeGridFiles implements GridFiles {
  private final Map<String, FakeFile> files = new HashMap<>();
  int opens;
  int openNow;
  int maxOpen;

  FakeFile file(String location) {
    return files.get(location);
  }

  FakeFile add(String location, FieldGrid grid, Instant... times) {
    FakeFile f = new FakeFile(this, location, grid, times);
    files.put(location, f);
    return f;
  }

  @Override
  public GridFile open(String location) throws IOException {
    FakeFile f = files.get(location);
    if (f == null) {
      throw new NoSuchFileException(location);
    }
    opens++;
    openNow++;
    maxOpen = Math.max(maxOpen, openNow);
    return f;
  }

  static final class FakeFile implements GridFile {
    final FakeGridFiles owner;
    final String location;
    final FieldGrid grid;
    final Instant[] times;
    final Map<String, double[][]> series = new HashMap<>();
    final Map<String, double[]> statics = new HashMap<>();
    final Map<String, String> units = new HashMap<>();
    int closes;

    FakeFile(FakeGridFiles owner, String location, FieldGrid grid, Instant[] times) {
      this.owner = owner;
      this.location = location;
      this.grid = grid;
      this.times = times;
    }

    FakeFile series(String variable, double[]... steps) {
      series.put(variable, steps);
      return this;
    }

    FakeFile statics(String variable, String unit, double... values) {
      statics.put(variable, values);
      units.put(variable, unit);
      return this;
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public Instant[] times() {
      return times.clone();
    }

    @Override
    public FieldGrid grid() {
      return grid;
    }

    @Override
    public double[] read(String variable, int t) throws IOException {
      double[][] s = series.get(variable);
      if (s == null) {
        throw new IOException(location + ": no variable '" + variable + "'");
      }
      return s[t].clone();
    }

    @Override
    public double[][] readStatic(String variable) throws IOException {
      double[] s = statics.get(variable);
      if (s != null) {
        return new double[][] {s.clone()};
      }
      double[][] steps = series.get(variable);
      if (steps == null) {
        throw new IOException(location + ": no variable '" + variable + "'");
      }
      return steps.clone();
    }

    @Override
    public void close() {
      closes++;
      owner.openNow--;
    }

    @Override
    public String units(String variable) {
      return units.get(variable);
    }
  }
}
