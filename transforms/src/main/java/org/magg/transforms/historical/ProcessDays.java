package org.magg.transforms.historical;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;
import org.magg.io.s3.S3Settings;

/**
 * The per-day transform: each {@link DayTask} becomes one REACH CDF under the output directory
 * (and, with {@link #withUpload}, an S3 object at the same key), reported as a {@link DayResult}. A
 * day that fails yields a result with the error; the other days go on. Days are spread over workers
 * first.
 *
 * <pre>{@code
 * PCollection<DayResult> results =
 *     tasks.apply(ProcessDays.to("/data/reach/cdf").withUpload("my-bucket", S3Settings.defaults()));
 * }</pre>
 *
 * <p>The transform writes no telemetry: results go back to the launcher, which writes each day's
 * rows once (see {@link HistoricalProcess}).
 */
public final class ProcessDays extends PTransform<PCollection<DayTask>, PCollection<DayResult>> {
  private static final long serialVersionUID = 1L;

  private final String outputDir;
  private final ReachCdfSchema schema;
  private final DayProcessor.Encoder encoder;
  private final String bucket;
  private final S3Settings s3;
  private final Clock clock;

  private ProcessDays(
      String outputDir,
      ReachCdfSchema schema,
      DayProcessor.Encoder encoder,
      String bucket,
      S3Settings s3,
      Clock clock) {
    this.outputDir = outputDir;
    this.schema = schema;
    this.encoder = encoder;
    this.bucket = bucket;
    this.s3 = s3;
    this.clock = clock;
  }

  /** Writes CDFs under this local directory (shared by all workers). */
  public static ProcessDays to(String outputDir) {
    requireNonNull(outputDir, "Output directory cannot be null.");
    return new ProcessDays(
        outputDir,
        ReachCdfSchema.builtin(),
        DayProcessor.cdfEncoder(),
        null,
        S3Settings.defaults(),
        Clock.systemUTC());
  }

  /** Also uploads each CDF to {@code bucket} under its key. */
  public ProcessDays withUpload(String bucket, S3Settings s3) {
    requireNonNull(bucket, "Bucket cannot be null.");
    requireNonNull(s3, "S3 settings cannot be null.");
    return new ProcessDays(outputDir, schema, encoder, bucket, s3, clock);
  }

  ProcessDays withSchema(ReachCdfSchema schema) {
    return new ProcessDays(outputDir, requireNonNull(schema), encoder, bucket, s3, clock);
  }

  public ProcessDays withEncoder(DayProcessor.Encoder encoder) {
    return new ProcessDays(outputDir, schema, requireNonNull(encoder), bucket, s3, clock);
  }

  public ProcessDays withClock(Clock clock) {
    return new ProcessDays(outputDir, schema, encoder, bucket, s3, requireNonNull(clock));
  }

  public DayProcessor processor() {
    return new DayProcessor(outputDir, schema, encoder, bucket, s3, clock);
  }

  @Override
  public PCollection<DayResult> expand(PCollection<DayTask> tasks) {
    return tasks
        .apply("SpreadDays", Reshuffle.viaRandomKey())
        .apply("ProcessDay", ParDo.of(new ProcessDayFn(processor())))
        .setCoder(DayResult.coder());
  }

  /** The namespace of the per-day counters. */
  public static final String METRICS = "historical";

  /** Days the transform finished (failed ones too). */
  public static final String DAYS_DONE = "days_done";

  /** Days that ended in an error. */
  public static final String DAYS_FAILED = "days_failed";

  /** Input records read. */
  public static final String ROWS_READ = "rows_read";

  /** Runs the processor on each day. */
  static final class ProcessDayFn extends DoFn<DayTask, DayResult> {
    private static final long serialVersionUID = 1L;
    private final DayProcessor processor;
    private final Counter done = Metrics.counter(METRICS, DAYS_DONE);
    private final Counter failed = Metrics.counter(METRICS, DAYS_FAILED);
    private final Counter rows = Metrics.counter(METRICS, ROWS_READ);

    ProcessDayFn(DayProcessor processor) {
      this.processor = processor;
    }

    @ProcessElement
    public void process(@Element DayTask task, OutputReceiver<DayResult> out) {
      DayResult r = processor.run(task);
      rows.inc(r.rowsRead());
      if (r.failed()) {
        failed.inc();
      }
      done.inc();
      out.output(r);
    }
  }
}
