package org.magg.io.gridded;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;
import org.magg.core.Failure;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;

/** The DoFns of {@link GriddedFieldIO}. */
final class GriddedFieldFns {
  static final TupleTag<FileSplit> SPLITS = new TupleTag<>() {};
  static final TupleTag<Failure> FAILURES = new TupleTag<>() {};

  /** The stage of the failures this reader reports. */
  static final String STAGE = "field";

  private GriddedFieldFns() {}

  /**
   * The failure of a pattern of the collection that matches no file: subject the pattern, reason
   * {@code collection NAME: no file matches PATTERN}.
   */
  static final class UnmatchedFn extends DoFn<String, Failure> {
    private static final long serialVersionUID = 1L;
    private final String collection;

    UnmatchedFn(String collection) {
      this.collection = collection;
    }

    @ProcessElement
    public void process(@Element String pattern, OutputReceiver<Failure> out) {
      out.output(
          new Failure(STAGE, pattern, "collection " + collection + ": no file matches " + pattern));
    }
  }

  static Counter counter(String collection, String name) {
    return Metrics.counter(GriddedFieldIO.metricsNamespace(collection), name);
  }

  /** The reason of a failure, naming the file when the error does not. */
  static String reason(Exception e, String subject) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    String path = subject.contains("#") ? subject.substring(0, subject.indexOf('#')) : subject;
    return m.contains(path) ? m : subject + ": " + m;
  }

  /** Opens a file, reads its time axis, checks the variables and cuts it into splits. */
  static final class SplitFileFn extends DoFn<String, FileSplit> {
    private static final long serialVersionUID = 1L;
    private final GriddedCollection collection;
    private final TimeRanges ranges;
    private final int perSplit;
    private final S3Settings s3;
    private final Counter matched;
    private final Counter failed;

    SplitFileFn(GriddedCollection collection, TimeRanges ranges, int perSplit, S3Settings s3) {
      this.collection = collection;
      this.ranges = ranges;
      this.perSplit = perSplit;
      this.s3 = s3;
      this.matched = counter(collection.name(), GriddedFieldIO.FILES_MATCHED);
      this.failed = counter(collection.name(), GriddedFieldIO.FILES_FAILED);
    }

    @ProcessElement
    public void process(@Element String path, MultiOutputReceiver out) {
      matched.inc();
      List<FileSplit> splits;
      Instant[] starts;
      try (GriddedSource src = GriddedSources.open(path, s3, collection.sourceOptions())) {
        Instant[] times = src.times();
        if (times.length == 0) {
          throw new IOException(
              path
                  + " has no time variable '"
                  + collection.sourceOptions().time()
                  + "' (variables: "
                  + String.join(", ", src.variables())
                  + ")");
        }
        for (String v : collection.variables()) {
          ((AbstractGriddedSource) src).checkTimed(v);
        }
        splits = splits(path, times);
        starts = new Instant[splits.size()];
        for (int i = 0; i < starts.length; i++) {
          starts[i] = times[splits.get(i).start()].plus(collection.timeShift());
        }
      } catch (IOException | RuntimeException e) {
        failed.inc();
        out.get(FAILURES).output(new Failure(STAGE, path, reason(e, path)));
        return;
      }
      // Each split carries the time of its first timestep, so that it holds the watermark there
      // until it is read: a path coming out of a grouping is stamped with the end of the global
      // window, and slices read from it would otherwise be behind the watermark (late, and dropped
      // by event windows downstream).
      for (int i = 0; i < splits.size(); i++) {
        out.get(SPLITS)
            .outputWithTimestamp(
                splits.get(i), new org.joda.time.Instant(starts[i].toEpochMilli()));
      }
    }

    /** Runs of consecutive timesteps inside the range, at most {@code perSplit} long. */
    List<FileSplit> splits(String path, Instant[] times) {
      List<FileSplit> out = new ArrayList<>();
      int start = -1;
      for (int i = 0; i <= times.length; i++) {
        boolean in = i < times.length && inRange(times[i].plus(collection.timeShift()));
        if (in && start < 0) {
          start = i;
        }
        if (start >= 0 && (!in || i - start == perSplit)) {
          out.add(new FileSplit(path, start, i));
          start = in ? i : -1;
        }
      }
      return out;
    }

    private boolean inRange(Instant t) {
      return ranges.contains(t);
    }

    // Timesteps may precede the file's element timestamp (a watcher stamps files when found).
    @SuppressWarnings("deprecation")
    @Override
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }
  }

  /** The slice itself: what a plain read emits. */
  static final class Identity implements SliceFn<FieldSlice> {
    private static final long serialVersionUID = 1L;

    @Override
    public FieldSlice apply(FieldSlice slice) {
      return slice;
    }
  }

  /**
   * Reads the timesteps of a split, one {@link FieldSlice} each, and emits what {@code fn} makes of
   * it (the slice itself for a plain read) on {@code main}, stamped with the slice's time.
   */
  static final class ReadSplitFn<T> extends DoFn<FileSplit, T> {
    private static final long serialVersionUID = 1L;
    private final GriddedCollection collection;
    private final S3Settings s3;
    private final SliceFn<T> fn;
    private final TupleTag<T> main;
    private final Counter timesteps;
    private final Counter bytes;
    private final Counter splitsFailed;

    ReadSplitFn(GriddedCollection collection, S3Settings s3, SliceFn<T> fn, TupleTag<T> main) {
      this.collection = collection;
      this.s3 = s3;
      this.fn = fn;
      this.main = main;
      this.timesteps = counter(collection.name(), GriddedFieldIO.TIMESTEPS_READ);
      this.bytes = counter(collection.name(), GriddedFieldIO.BYTES_READ);
      this.splitsFailed = counter(collection.name(), GriddedFieldIO.SPLITS_FAILED);
    }

    @Setup
    public void setup() {
      fn.setup();
    }

    /**
     * Reads the split's timesteps one by one. A timestep that cannot be read (a corrupt or
     * truncated chunk) fails on its own and the next ones are still read: each run of consecutive
     * failed timesteps is one failure ({@code path#time=a..b}) with the first one's reason. A file
     * that cannot be opened fails the whole split.
     */
    @ProcessElement
    public void process(@Element FileSplit split, MultiOutputReceiver out) {
      int t = split.start();
      int failedFrom = -1;
      Exception firstError = null;
      try (GriddedSource src = GriddedSources.open(split.path(), s3, collection.sourceOptions())) {
        Instant[] times = src.times();
        if (split.end() > times.length) {
          throw new IOException(
              split.path()
                  + " has "
                  + times.length
                  + " timesteps now, the split expected "
                  + split.end()
                  + " (the file changed?)");
        }
        // the axes are read once, so that each slice counts the bytes of its fields only
        src.lat();
        src.lon();
        src.levels();
        for (; t < split.end(); t++) {
          long before = src.bytesRead();
          Map<String, GridSlice> fields = new LinkedHashMap<>();
          try {
            for (String v : collection.variables()) {
              fields.put(v, src.read(v, t));
            }
          } catch (IOException | RuntimeException e) {
            if (failedFrom < 0) {
              failedFrom = t;
              firstError = e;
            }
            continue;
          }
          if (failedFrom >= 0) {
            fail(out, new FileSplit(split.path(), failedFrom, t), firstError);
            failedFrom = -1;
          }
          long read = src.bytesRead() - before;
          Instant time = times[t].plus(collection.timeShift());
          FieldSlice slice =
              new FieldSlice(collection.name(), time, fields, split.path() + "#time=" + t, read);
          timesteps.inc();
          bytes.inc(read);
          T result;
          try {
            result = fn.apply(slice);
          } catch (RuntimeException e) {
            out.get(FAILURES).output(fn.failure(slice, e));
            continue;
          }
          out.get(main).outputWithTimestamp(result, new org.joda.time.Instant(time.toEpochMilli()));
        }
        if (failedFrom >= 0) {
          fail(out, new FileSplit(split.path(), failedFrom, split.end()), firstError);
          failedFrom = -1;
        }
      } catch (IOException | RuntimeException e) {
        // the file could not be opened (or closed): the timesteps not yet output fail
        int from = failedFrom >= 0 ? failedFrom : Math.min(t, split.end() - 1);
        fail(out, new FileSplit(split.path(), from, split.end()), e);
      }
    }

    private void fail(MultiOutputReceiver out, FileSplit failed, Exception e) {
      splitsFailed.inc();
      String subject = failed.describe();
      out.get(FAILURES).output(new Failure(STAGE, subject, reason(e, subject)));
    }

    @SuppressWarnings("deprecation")
    @Override
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }
  }

  /** Reads an index file: one path per line, relative to the index's directory. */
  static final class ReadIndexFn extends DoFn<String, String> {
    private static final long serialVersionUID = 1L;
    private final S3Settings s3;

    ReadIndexFn(S3Settings s3) {
      this.s3 = s3;
    }

    @ProcessElement
    public void process(@Element String index, OutputReceiver<String> out) throws IOException {
      String text;
      try {
        text = GriddedSources.readText(index, s3);
      } catch (IOException e) {
        throw new IOException("cannot read the file index " + index + ": " + e.getMessage(), e);
      }
      for (String line : text.split("\\R")) {
        String p = line.trim();
        if (p.isEmpty() || p.startsWith("#")) {
          continue;
        }
        out.output(resolve(index, p));
      }
    }

    static String resolve(String index, String entry) throws IOException {
      try {
        return Storage.resolveSibling(index, entry);
      } catch (IllegalArgumentException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
  }
}
