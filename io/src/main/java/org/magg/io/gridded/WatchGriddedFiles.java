package org.magg.io.gridded;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.Watch;
import org.apache.beam.sdk.transforms.Watch.Growth.PollFn;
import org.apache.beam.sdk.transforms.Watch.Growth.PollResult;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;

/**
 * Watches a collection's file patterns (local or {@code s3://}) for new files, for streaming runs:
 * each new file is emitted once, stamped with the time of its first timestep (after the
 * collection's shift), and the watermark follows the newest file's first timestep. Files are
 * expected to arrive in time order; a file whose data is older than the watermark is late and
 * counts only within the pipeline's allowed lateness. Feed the paths to {@link
 * GriddedFieldIO#readFiles}.
 */
public final class WatchGriddedFiles extends PTransform<PBegin, PCollection<String>> {
  private final GriddedCollection collection;
  private final Duration poll;
  private final Duration stopAfterIdle;
  private final S3Settings s3;

  private WatchGriddedFiles(
      GriddedCollection collection, Duration poll, Duration stopAfterIdle, S3Settings s3) {
    this.collection = collection;
    this.poll = poll;
    this.stopAfterIdle = stopAfterIdle;
    this.s3 = s3;
  }

  /**
   * @param poll how often to list the patterns
   * @param stopAfterIdle stop watching when nothing new appeared for this long (null: never)
   */
  public static WatchGriddedFiles of(
      GriddedCollection collection, Duration poll, Duration stopAfterIdle, S3Settings s3) {
    if (!collection.indexFiles().isEmpty()) {
      throw new IllegalArgumentException(
          "collection "
              + collection.name()
              + ": a file index cannot be watched; give a pattern (a directory glob) instead");
    }
    return new WatchGriddedFiles(collection, poll, stopAfterIdle, s3);
  }

  @Override
  public PCollection<String> expand(PBegin begin) {
    Watch.Growth<String, String, String> watch =
        Watch.growthOf(new ListNewFiles(collection, s3))
            .withPollInterval(poll)
            .withOutputCoder(StringUtf8Coder.of());
    if (stopAfterIdle != null) {
      watch = watch.withTerminationPerInput(Watch.Growth.afterTimeSinceNewOutput(stopAfterIdle));
    }
    return begin
        .apply("Patterns", Create.of(collection.patterns()).withCoder(StringUtf8Coder.of()))
        .apply("Watch " + collection.name(), watch)
        .apply("Paths", Values.create());
  }

  /** Lists a pattern's files, stamping each with its first timestep. */
  static final class ListNewFiles extends PollFn<String, String> {
    private static final long serialVersionUID = 1L;

    /** First timesteps of files already opened, per path (files are not rewritten). */
    private static final Map<String, Instant> FIRST_TIMES = new ConcurrentHashMap<>();

    private final GriddedCollection collection;
    private final S3Settings s3;

    ListNewFiles(GriddedCollection collection, S3Settings s3) {
      this.collection = collection;
      this.s3 = s3;
    }

    @Override
    public PollResult<String> apply(String pattern, Context c) throws Exception {
      List<TimestampedValue<String>> out = new ArrayList<>();
      org.joda.time.Instant watermark = null;
      for (String path : list(pattern)) {
        Instant first = firstTime(path);
        if (first == null) {
          continue; // not readable yet (being written): seen again at the next poll
        }
        org.joda.time.Instant t = new org.joda.time.Instant(first.toEpochMilli());
        out.add(TimestampedValue.of(path, t));
        watermark = watermark == null || t.isAfter(watermark) ? t : watermark;
      }
      PollResult<String> result = PollResult.incomplete(out);
      return watermark == null ? result : result.withWatermark(watermark);
    }

    private Instant firstTime(String path) {
      Instant known = FIRST_TIMES.get(path);
      if (known != null) {
        return known;
      }
      try (GriddedSource src = GriddedSources.open(path, s3, collection.sourceOptions())) {
        Instant[] times = src.times();
        if (times.length == 0) {
          return null;
        }
        Instant first = times[0].plus(collection.timeShift());
        FIRST_TIMES.put(path, first);
        return first;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    private List<String> list(String pattern) throws IOException {
      return Storage.of(s3).list(pattern);
    }
  }
}
