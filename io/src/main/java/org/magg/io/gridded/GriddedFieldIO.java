package org.magg.io.gridded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
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
import org.apache.beam.sdk.values.TypeDescriptors;
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
 * <p>{@link Read#thenApply} and {@link ReadFiles#thenApply} apply a {@link SliceFn} to each
 * timestep inside the reading step and emit its results instead of the slices (the slices are then
 * neither held nor encoded between steps); a timestep the function fails on is a failure of its
 * own.
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
      GriddedCollection collection,
      TimeRanges ranges,
      int perSplit,
      S3Settings s3,
      Integer readGroups)
      implements java.io.Serializable {
    Settings(GriddedCollection collection, TimeRanges ranges, int perSplit, S3Settings s3) {
      this(collection, ranges, perSplit, s3, null);
    }

    Settings withRanges(TimeRanges r) {
      return new Settings(
          collection,
          java.util.Objects.requireNonNull(r, "Time ranges cannot be null."),
          perSplit,
          s3,
          readGroups);
    }

    Settings withPerSplit(int n) {
      if (n < 1) {
        throw new IllegalArgumentException(
            "Timesteps per split must be at least 1, got " + n + ".");
      }
      return new Settings(collection, ranges, n, s3, readGroups);
    }

    Settings withS3(S3Settings settings) {
      return new Settings(
          collection,
          ranges,
          perSplit,
          java.util.Objects.requireNonNull(settings, "S3 settings cannot be null."),
          readGroups);
    }

    Settings withReadGroups(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("Read groups must be at least 1, got " + n + ".");
      }
      return new Settings(collection, ranges, perSplit, s3, n);
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

    /**
     * On a bounded input, reads the splits as {@code n} groups (by a hash of the split), each one
     * unit of work, instead of redistributing each split on its own; an unbounded input keeps the
     * redistribution. For the Direct runner, which hands each unit's output downstream as one
     * bundle and copies a key's grouped state for every bundle that reaches it: with {@code n} its
     * target parallelism, a later grouping of all timesteps on one key costs about the timesteps
     * once instead of once per split. Elsewhere keep the default, which spreads the splits evenly
     * over the workers.
     */
    public Read withReadGroups(int n) {
      return new Read(settings.withReadGroups(n));
    }

    /**
     * Reads the collection and applies {@code fn} to each timestep inside the reading step: emits
     * its results (coded with {@code coder}) instead of the slices; see {@link SliceFn}.
     */
    public <T> ReadAndApply<T> thenApply(SliceFn<T> fn, Coder<T> coder) {
      return new ReadAndApply<>(settings, fn, coder);
    }

    @Override
    public Result expand(PBegin begin) {
      Applied<FieldSlice> r =
          expandRead(begin, settings, new GriddedFieldFns.Identity(), FieldSlice.coder());
      return new Result(begin.getPipeline(), r.outputs(), r.failures());
    }
  }

  /** {@link Read} with a {@link SliceFn} applied to each timestep as it is read. */
  public static final class ReadAndApply<T> extends PTransform<PBegin, Applied<T>> {
    private static final long serialVersionUID = 1L;
    private final Settings settings;
    private final SliceFn<T> fn;
    private final Coder<T> coder;

    private ReadAndApply(Settings settings, SliceFn<T> fn, Coder<T> coder) {
      this.settings = settings;
      this.fn = java.util.Objects.requireNonNull(fn, "Slice function cannot be null.");
      this.coder = java.util.Objects.requireNonNull(coder, "Coder cannot be null.");
    }

    @Override
    public Applied<T> expand(PBegin begin) {
      return expandRead(begin, settings, fn, coder);
    }
  }

  /** {@link ReadFiles} with a {@link SliceFn} applied to each timestep as it is read. */
  public static final class ReadFilesAndApply<T>
      extends PTransform<PCollection<String>, Applied<T>> {
    private static final long serialVersionUID = 1L;
    private final Settings settings;
    private final SliceFn<T> fn;
    private final Coder<T> coder;

    private ReadFilesAndApply(Settings settings, SliceFn<T> fn, Coder<T> coder) {
      this.settings = settings;
      this.fn = java.util.Objects.requireNonNull(fn, "Slice function cannot be null.");
      this.coder = java.util.Objects.requireNonNull(coder, "Coder cannot be null.");
    }

    @Override
    public Applied<T> expand(PCollection<String> paths) {
      return expandReadFiles(paths, settings, fn, coder);
    }
  }

  /** Matches the collection's files and reads them with {@link #expandReadFiles}. */
  private static <T> Applied<T> expandRead(
      PBegin begin, Settings settings, SliceFn<T> fn, Coder<T> coder) {
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
    Applied<T> read = paths.apply("Read " + c.name(), new ReadFilesAndApply<>(settings, fn, coder));
    if (unmatched.isEmpty()) {
      return read;
    }
    PCollection<Failure> failures =
        PCollectionList.of(unmatched)
            .and(read.failures())
            .apply("Match and read failures", Flatten.pCollections());
    return new Applied<>(begin.getPipeline(), read.outputs(), failures);
  }

  /** Splits the files that arrive, redistributes the splits and reads them, applying {@code fn}. */
  private static <T> Applied<T> expandReadFiles(
      PCollection<String> paths, Settings settings, SliceFn<T> fn, Coder<T> coder) {
    GriddedCollection c = settings.collection();
    PCollectionTuple split =
        paths.apply(
            "Split files",
            ParDo.of(
                    new GriddedFieldFns.SplitFileFn(
                        c, settings.ranges(), settings.perSplit(), settings.s3()))
                .withOutputTags(GriddedFieldFns.SPLITS, TupleTagList.of(GriddedFieldFns.FAILURES)));
    PCollection<FileSplit> splits = split.get(GriddedFieldFns.SPLITS).setCoder(FileSplit.coder());
    PCollection<Failure> fileFailures =
        split.get(GriddedFieldFns.FAILURES).setCoder(Failure.coder());
    TupleTag<T> main = new TupleTag<>("outputs");
    PCollection<FileSplit> redistributed;
    if (settings.readGroups() != null && paths.isBounded() == PCollection.IsBounded.BOUNDED) {
      int groups = settings.readGroups();
      redistributed =
          splits
              .apply(
                  "Group splits",
                  WithKeys.of((FileSplit f) -> f.group(groups))
                      .withKeyType(TypeDescriptors.integers()))
              .apply("Splits by group", GroupByKey.create())
              .apply("Splits of a group", Values.create())
              .apply("Splits", Flatten.iterables());
    } else {
      redistributed = splits.apply("Redistribute splits", Reshuffle.viaRandomKey());
    }
    PCollectionTuple read =
        redistributed.apply(
            "Read splits",
            ParDo.of(new GriddedFieldFns.ReadSplitFn<>(c, settings.s3(), fn, main))
                .withOutputTags(main, TupleTagList.of(GriddedFieldFns.FAILURES)));
    PCollection<T> outputs = read.get(main).setCoder(coder);
    PCollection<Failure> readFailures =
        read.get(GriddedFieldFns.FAILURES).setCoder(Failure.coder());
    PCollection<Failure> failures =
        PCollectionList.of(fileFailures)
            .and(readFailures)
            .apply("Failures", Flatten.pCollections());
    return new Applied<>(paths.getPipeline(), outputs, failures);
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

    /** Reads the splits of a bounded input as {@code n} groups; see {@link Read#withReadGroups}. */
    public ReadFiles withReadGroups(int n) {
      return new ReadFiles(settings.withReadGroups(n));
    }

    /**
     * Reads the files and applies {@code fn} to each timestep inside the reading step: emits its
     * results (coded with {@code coder}) instead of the slices; see {@link SliceFn}.
     */
    public <T> ReadFilesAndApply<T> thenApply(SliceFn<T> fn, Coder<T> coder) {
      return new ReadFilesAndApply<>(settings, fn, coder);
    }

    @Override
    public Result expand(PCollection<String> paths) {
      Applied<FieldSlice> r =
          expandReadFiles(paths, settings, new GriddedFieldFns.Identity(), FieldSlice.coder());
      return new Result(paths.getPipeline(), r.outputs(), r.failures());
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

  /** What {@link Read#thenApply} and {@link ReadFiles#thenApply} give: the results and failures. */
  public static final class Applied<T> implements POutput {
    private static final TupleTag<Object> OUTPUTS_TAG = new TupleTag<>("outputs");
    private static final TupleTag<Failure> FAILURES_TAG = new TupleTag<>("failures");
    private final Pipeline pipeline;
    private final PCollection<T> outputs;
    private final PCollection<Failure> failures;

    Applied(Pipeline pipeline, PCollection<T> outputs, PCollection<Failure> failures) {
      this.pipeline = pipeline;
      this.outputs = outputs;
      this.failures = failures;
    }

    /** One result per timestep read and applied, stamped with the timestep's shifted time. */
    public PCollection<T> outputs() {
      return outputs;
    }

    /**
     * Files and splits that could not be read (stage {@code field}) and timesteps the function
     * failed on ({@link SliceFn#failure}).
     */
    public PCollection<Failure> failures() {
      return failures;
    }

    @Override
    public Pipeline getPipeline() {
      return pipeline;
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Map.of(OUTPUTS_TAG, outputs, FAILURES_TAG, failures);
    }

    @Override
    public void finishSpecifyingOutput(
        String transformName, PInput input, PTransform<?, ?> transform) {}
  }
}
