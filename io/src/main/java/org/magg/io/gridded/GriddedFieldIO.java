package org.magg.io.gridded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.magg.core.Failure;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.MatchFiles;
import org.magg.io.storage.Storage;

/**
 * Reads gridded collections timestep by timestep: one {@link FieldSlice} per timestep, holding the
 * collection's variables on one grid, stamped with the (shifted) time.
 *
 * <pre>{@code
 * GriddedFieldIO.Result r = pipeline.apply(GriddedFieldIO.read(collection)
 *     .withTimeRange(Instant.parse("2021-01-10T00:00:00Z"), Instant.parse("2021-01-31T23:00:00Z"))
 *     .withTimestepsPerSplit(24));
 * PCollection<FieldSlice> slices = r.slices();
 * PCollection<Failure> failures = r.failures();   // files or timesteps that could not be read
 * }</pre>
 *
 * <p>{@link #read} matches the collection's files (local patterns with {@link FileIO#matchAll()},
 * {@code s3://} patterns by listing the prefix, index files by reading them) and hands the paths to
 * {@link #readFiles}, which a streaming pipeline can feed from a watcher ({@code
 * FileIO.match().continuously(...)} mapped to paths). Each file is opened once to read its time
 * axis and check the variables, then cut into splits of consecutive timesteps; the splits are
 * redistributed and read in parallel. A file that cannot be opened or checked, a run of consecutive
 * timesteps that cannot be read (subject {@code path#time=a..b}; the timesteps after it are still
 * read), and (in {@link #read}) a pattern of the collection that matches no file go to {@link
 * Result#failures()} (stage {@code field}); the others complete. {@link #readFiles} reports no
 * empty match: a watcher's patterns match nothing until files arrive.
 *
 * <p>Counters (namespace {@link #metricsNamespace(String)}): {@value #FILES_MATCHED}, {@value
 * #FILES_FAILED}, {@value #SPLITS_FAILED} (runs of timesteps that failed), {@value #TIMESTEPS_READ}
 * and {@value #BYTES_READ} (bytes read for the fields of the timesteps emitted: the sum of {@link
 * FieldSlice#bytesRead()}).
 */
public final class GriddedFieldIO {
  public static final String FILES_MATCHED = "files_matched";
  public static final String FILES_FAILED = "files_failed";
  public static final String SPLITS_FAILED = "splits_failed";
  public static final String TIMESTEPS_READ = "timesteps_read";
  public static final String BYTES_READ = "bytes_read";

  /** Timesteps per split unless set: a day of hourly data. */
  public static final int DEFAULT_TIMESTEPS_PER_SPLIT = 24;

  private GriddedFieldIO() {}

  /** The counters' namespace of a collection: {@code gridded/<name>}. */
  public static String metricsNamespace(String collectionName) {
    return "gridded/" + collectionName;
  }

  /** Reads every file of the collection. */
  public static Read read(GriddedCollection collection) {
    java.util.Objects.requireNonNull(collection, "Collection cannot be null.");
    return new Read(new Settings(collection, TimeRanges.all(), DEFAULT_TIMESTEPS_PER_SPLIT, null));
  }

  /** Reads the files whose paths arrive (local paths, {@code file:} URIs or {@code s3://}). */
  public static ReadFiles readFiles(GriddedCollection collection) {
    java.util.Objects.requireNonNull(collection, "Collection cannot be null.");
    return new ReadFiles(
        new Settings(collection, TimeRanges.all(), DEFAULT_TIMESTEPS_PER_SPLIT, null));
  }

  /** What both transforms are configured with. */
  private record Settings(
      GriddedCollection collection, TimeRanges ranges, int perSplit, S3Settings s3)
      implements java.io.Serializable {
    Settings withRanges(TimeRanges r) {
      return new Settings(
          collection,
          java.util.Objects.requireNonNull(r, "Time ranges cannot be null."),
          perSplit,
          s3);
    }

    Settings withPerSplit(int n) {
      if (n < 1) {
        throw new IllegalArgumentException(
            "Timesteps per split must be at least 1, got " + n + ".");
      }
      return new Settings(collection, ranges, n, s3);
    }

    Settings withS3(S3Settings settings) {
      return new Settings(
          collection,
          ranges,
          perSplit,
          java.util.Objects.requireNonNull(settings, "S3 settings cannot be null."));
    }
  }

  /** Reads a collection's files; see {@link GriddedFieldIO}. */
  public static final class Read extends PTransform<PBegin, Result> {
    private static final long serialVersionUID = 1L;
    private final Settings settings;

    private Read(Settings settings) {
      this.settings = settings;
    }

    /** Only timesteps whose shifted time is in {@code [from, to]}; null leaves a side open. */
    public Read withTimeRange(Instant from, Instant to) {
      return new Read(settings.withRanges(TimeRanges.of(from, to)));
    }

    /** Only timesteps whose shifted time is in one of {@code ranges}. */
    public Read withTimeRanges(TimeRanges ranges) {
      return new Read(settings.withRanges(ranges));
    }

    /** At most {@code n} consecutive timesteps of a file per unit of parallel work. */
    public Read withTimestepsPerSplit(int n) {
      return new Read(settings.withPerSplit(n));
    }

    /** How {@code s3://} files, patterns and indexes are reached (default: the AWS defaults). */
    public Read withS3(S3Settings s3) {
      return new Read(settings.withS3(s3));
    }

    @Override
    public Result expand(PBegin begin) {
      GriddedCollection c = settings.collection();
      List<PCollection<String>> parts = new ArrayList<>();
      List<PCollection<Failure>> unmatched = new ArrayList<>();
      if (!c.patterns().isEmpty()) {
        PCollectionTuple matched =
            begin
                .apply("Patterns", Create.of(c.patterns()).withCoder(StringUtf8Coder.of()))
                .apply("Match files", MatchFiles.in(Storage.of(settings.s3())));
        parts.add(matched.get(MatchFiles.FILES));
        unmatched.add(
            matched
                .get(MatchFiles.UNMATCHED)
                .apply("No file matches", ParDo.of(new GriddedFieldFns.UnmatchedFn(c.name())))
                .setCoder(Failure.coder()));
      }
      if (!c.indexFiles().isEmpty()) {
        parts.add(
            begin
                .apply("Index files", Create.of(c.indexFiles()).withCoder(StringUtf8Coder.of()))
                .apply("Read indexes", ParDo.of(new GriddedFieldFns.ReadIndexFn(settings.s3()))));
      }
      PCollection<String> paths =
          PCollectionList.of(parts)
              .apply("All files", Flatten.pCollections())
              // A grouping stamps its output with the end of the window unless told otherwise;
              // the earliest timestamp keeps the watermark low until the files are read, so that
              // timesteps are not behind it (late) when event windows reduce them.
              .apply(
                  "Earliest timestamps",
                  Window.<String>configure().withTimestampCombiner(TimestampCombiner.EARLIEST))
              .apply("Distinct files", Distinct.create());
      Result read = paths.apply("Read " + c.name(), new ReadFiles(settings));
      if (unmatched.isEmpty()) {
        return read;
      }
      PCollection<Failure> failures =
          PCollectionList.of(unmatched)
              .and(read.failures())
              .apply("Match and read failures", Flatten.pCollections());
      return new Result(begin.getPipeline(), read.slices(), failures);
    }
  }

  /** Reads the files whose paths arrive; the ReadAll form of {@link Read}. */
  public static final class ReadFiles extends PTransform<PCollection<String>, Result> {
    private static final long serialVersionUID = 1L;
    private final Settings settings;

    private ReadFiles(Settings settings) {
      this.settings = settings;
    }

    /** Only timesteps whose shifted time is in {@code [from, to]}; null leaves a side open. */
    public ReadFiles withTimeRange(Instant from, Instant to) {
      return new ReadFiles(settings.withRanges(TimeRanges.of(from, to)));
    }

    /** Only timesteps whose shifted time is in one of {@code ranges}. */
    public ReadFiles withTimeRanges(TimeRanges ranges) {
      return new ReadFiles(settings.withRanges(ranges));
    }

    /** At most {@code n} consecutive timesteps of a file per unit of parallel work. */
    public ReadFiles withTimestepsPerSplit(int n) {
      return new ReadFiles(settings.withPerSplit(n));
    }

    /** How {@code s3://} files are reached (default: the AWS defaults). */
    public ReadFiles withS3(S3Settings s3) {
      return new ReadFiles(settings.withS3(s3));
    }

    @Override
    public Result expand(PCollection<String> paths) {
      GriddedCollection c = settings.collection();
      PCollectionTuple split =
          paths.apply(
              "Split files",
              ParDo.of(
                      new GriddedFieldFns.SplitFileFn(
                          c, settings.ranges(), settings.perSplit(), settings.s3()))
                  .withOutputTags(
                      GriddedFieldFns.SPLITS, TupleTagList.of(GriddedFieldFns.FAILURES)));
      PCollection<FileSplit> splits = split.get(GriddedFieldFns.SPLITS).setCoder(FileSplit.coder());
      PCollection<Failure> fileFailures =
          split.get(GriddedFieldFns.FAILURES).setCoder(Failure.coder());
      PCollectionTuple read =
          splits
              .apply("Redistribute splits", Reshuffle.viaRandomKey())
              .apply(
                  "Read splits",
                  ParDo.of(new GriddedFieldFns.ReadSplitFn(c, settings.s3()))
                      .withOutputTags(
                          GriddedFieldFns.SLICES, TupleTagList.of(GriddedFieldFns.FAILURES)));
      PCollection<FieldSlice> slices =
          read.get(GriddedFieldFns.SLICES).setCoder(FieldSlice.coder());
      PCollection<Failure> readFailures =
          read.get(GriddedFieldFns.FAILURES).setCoder(Failure.coder());
      PCollection<Failure> failures =
          PCollectionList.of(fileFailures)
              .and(readFailures)
              .apply("Failures", Flatten.pCollections());
      return new Result(paths.getPipeline(), slices, failures);
    }
  }

  /** The timesteps read and the failures. */
  public static final class Result implements POutput {
    private static final TupleTag<FieldSlice> SLICES_TAG = new TupleTag<>("slices");
    private static final TupleTag<Failure> FAILURES_TAG = new TupleTag<>("failures");
    private final Pipeline pipeline;
    private final PCollection<FieldSlice> slices;
    private final PCollection<Failure> failures;

    Result(Pipeline pipeline, PCollection<FieldSlice> slices, PCollection<Failure> failures) {
      this.pipeline = pipeline;
      this.slices = slices;
      this.failures = failures;
    }

    /** One element per timestep read, stamped with its shifted time. */
    public PCollection<FieldSlice> slices() {
      return slices;
    }

    /** Files and splits that could not be read (stage {@code field}). */
    public PCollection<Failure> failures() {
      return failures;
    }

    @Override
    public Pipeline getPipeline() {
      return pipeline;
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Map.of(SLICES_TAG, slices, FAILURES_TAG, failures);
    }

    @Override
    public void finishSpecifyingOutput(
        String transformName, PInput input, PTransform<?, ?> transform) {}
  }
}
