package org.magg.io.gridded;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A gridded collection: a name, its files (glob patterns, local or {@code
 * s3://bucket/prefix/*.nc4}, and/or index files listing one path per line), the variables to read,
 * an optional time shift applied to every timestep (MERRA-2 half-hour collections: {@code -PT30M}),
 * and the coordinate names. Immutable and serializable; built with {@link #builder(String)}.
 *
 * <pre>{@code
 * GriddedCollection slv = GriddedCollection.builder("T2M_TQV_SLP")
 *     .withPattern("s3://bucket/M2T1NXSLV/2021/01/*.nc4")
 *     .withVariables("T2M", "TQV", "SLP")
 *     .withTimeShift(Duration.ofMinutes(-30))
 *     .build();
 * }</pre>
 */
public final class GriddedCollection implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final List<String> patterns;
  private final List<String> indexFiles;
  private final List<String> variables;
  private final Duration timeShift;
  private final SourceOptions sourceOptions;

  private GriddedCollection(Builder b) {
    this.name = b.name;
    this.patterns = List.copyOf(b.patterns);
    this.indexFiles = List.copyOf(b.indexFiles);
    this.variables = List.copyOf(b.variables);
    this.timeShift = b.timeShift;
    this.sourceOptions = b.options;
  }

  /** A builder for a collection of this name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  /** Glob patterns of files ({@code *}, {@code ?}; local or {@code s3://}). */
  public List<String> patterns() {
    return patterns;
  }

  /** Files listing one file per line (relative paths are relative to the index's directory). */
  public List<String> indexFiles() {
    return indexFiles;
  }

  /** The variables read at every timestep, in this order. */
  public List<String> variables() {
    return variables;
  }

  /** Added to every decoded time (zero when none). */
  public Duration timeShift() {
    return timeShift;
  }

  /** Coordinate names and calendar override. */
  public SourceOptions sourceOptions() {
    return sourceOptions;
  }

  /** A builder starting from this collection. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.patterns.addAll(patterns);
    b.indexFiles.addAll(indexFiles);
    b.variables.addAll(variables);
    b.timeShift = timeShift;
    b.options = sourceOptions;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GriddedCollection c
        && name.equals(c.name)
        && patterns.equals(c.patterns)
        && indexFiles.equals(c.indexFiles)
        && variables.equals(c.variables)
        && timeShift.equals(c.timeShift)
        && sourceOptions.equals(c.sourceOptions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, patterns, indexFiles, variables, timeShift, sourceOptions);
  }

  @Override
  public String toString() {
    return "GriddedCollection["
        + name
        + ", files "
        + patterns
        + (indexFiles.isEmpty() ? "" : " index " + indexFiles)
        + ", variables "
        + variables
        + (timeShift.isZero() ? "" : ", shift " + timeShift)
        + "]";
  }

  /** Builds a {@link GriddedCollection}; {@link #build()} says what is missing. */
  public static final class Builder {
    private final String name;
    private final List<String> patterns = new ArrayList<>();
    private final List<String> indexFiles = new ArrayList<>();
    private final LinkedHashSet<String> variables = new LinkedHashSet<>();
    private Duration timeShift = Duration.ZERO;
    private SourceOptions options = SourceOptions.defaults();

    private Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("A gridded collection needs a name.");
      }
      this.name = name.trim();
    }

    /** Adds a glob pattern of files, local or {@code s3://bucket/prefix/*.nc4}. */
    public Builder withPattern(String pattern) {
      if (pattern == null || pattern.isBlank()) {
        throw new IllegalArgumentException("collection " + name + ": a file pattern is empty");
      }
      patterns.add(pattern.trim());
      return this;
    }

    /** Adds an index file listing one file per line ({@code #} comments and blanks ignored). */
    public Builder withIndexFile(String indexFile) {
      if (indexFile == null || indexFile.isBlank()) {
        throw new IllegalArgumentException("collection " + name + ": an index file is empty");
      }
      indexFiles.add(indexFile.trim());
      return this;
    }

    /** Adds variables to read (HDF5: paths such as {@code Grid/precipitationCal}). */
    public Builder withVariables(String... names) {
      for (String v : names) {
        if (v == null || v.isBlank()) {
          throw new IllegalArgumentException("collection " + name + ": a variable name is empty");
        }
        if (!variables.add(v.trim())) {
          throw new IllegalArgumentException(
              "collection " + name + ": variable " + v + " is listed twice");
        }
      }
      return this;
    }

    /** Adds a duration to every decoded time, e.g. {@code Duration.ofMinutes(-30)}. */
    public Builder withTimeShift(Duration shift) {
      this.timeShift = Objects.requireNonNull(shift, "time shift");
      return this;
    }

    public Builder withLatitude(String variable) {
      options = options.withLat(variable);
      return this;
    }

    public Builder withLongitude(String variable) {
      options = options.withLon(variable);
      return this;
    }

    public Builder withTime(String variable) {
      options = options.withTime(variable);
      return this;
    }

    public Builder withLevel(String variable) {
      options = options.withLev(variable);
      return this;
    }

    /**
     * Decodes times in this calendar whatever the files declare (for a known-wrong attribute, as
     * GPM IMERG V06's {@code julian}).
     */
    public Builder withCalendar(String calendar) {
      options = options.withCalendar(calendar);
      return this;
    }

    public GriddedCollection build() {
      if (patterns.isEmpty() && indexFiles.isEmpty()) {
        throw new IllegalStateException(
            "Collection "
                + name
                + " has no files. Please call `.withPattern(glob)` or `.withIndexFile(path)`.");
      }
      if (variables.isEmpty()) {
        throw new IllegalStateException(
            "Collection " + name + " reads no variable. Please call `.withVariables(...)`.");
      }
      return new GriddedCollection(this);
    }
  }
}
