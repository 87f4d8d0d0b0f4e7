package org.magg.io.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.magg.core.Json;

/**
 * Brings a run's per-element results (failures, written chunks, per-day outcomes) from the workers
 * back to the launcher, on any runner: each result is a small JSON file in a directory under {@code
 * --tempLocation} (through Beam's file systems, so a cluster's shared temp location works) or,
 * without one, a local temporary directory. A result's file is named by a key of its own (or by its
 * content), so a retried bundle rewrites the same file instead of adding one, and the launcher
 * reads exactly one result per key. A result written again (its file was there already: the task
 * that wrote it was restarted, e.g. after its worker was lost) is counted; {@link
 * #repeated(PipelineResult)} tells the summary how much work the runner repeated.
 *
 * <pre>{@code
 * ResultFiles results = ResultFiles.create(options);
 * results.write(failures, "failures", Failure.class, null);
 * pipeline.run().waitUntilFinish();
 * List<Failure> back = results.read("failures", Failure.class);
 * results.delete();
 * }</pre>
 */
public final class ResultFiles implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String NAMESPACE = ResultFiles.class.getName();
  private static final String REPEATED = "results_repeated";
  private final String dir;

  private ResultFiles(String dir) {
    this.dir = dir;
  }

  /**
   * A fresh directory under {@code --tempLocation}, else a local temporary directory. A temp
   * location whose scheme no Beam file system on the class path handles is refused up front.
   */
  public static ResultFiles create(PipelineOptions options) {
    String temp = options.getTempLocation();
    String id = "magg-results-" + UUID.randomUUID();
    if (temp != null && !temp.isBlank()) {
      FileSystems.setDefaultPipelineOptions(options);
      try {
        FileSystems.matchNewResource(temp, true);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--tempLocation="
                + temp
                + ": no Beam file system for this location is available ("
                + e.getMessage()
                + "). Run results come back through it; give a local or shared directory"
                + " instead. Inputs, configs and outputs may still be on S3.",
            e);
      }
      return new ResultFiles(temp.endsWith("/") ? temp + id : temp + "/" + id);
    }
    try {
      return new ResultFiles(Files.createTempDirectory(id).toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the run's results", e);
    }
  }

  /** Where the results are. */
  public String dir() {
    return dir;
  }

  /**
   * Writes each element of {@code results} as {@code <kind>/<name>.json}, the name given by {@code
   * key} (null: a hash of the element's JSON).
   */
  public <T> void write(
      PCollection<T> results, String kind, Class<T> type, SerializableFunction<T, String> key) {
    results.apply(
        "Report " + kind + " of " + results.getName(),
        ParDo.of(new WriteFn<T>(dir + "/" + kind, key)));
  }

  /** The results of a kind, in file-name order (none when nothing was written). */
  public <T> List<T> read(String kind, Class<T> type) {
    String pattern = dir + "/" + kind + "/*.json";
    List<T> out = new ArrayList<>();
    try {
      MatchResult match = FileSystems.match(pattern);
      if (match.status() != MatchResult.Status.OK) {
        return out;
      }
      List<MatchResult.Metadata> files = new ArrayList<>(match.metadata());
      files.sort(Comparator.comparing(m -> m.resourceId().toString()));
      for (MatchResult.Metadata md : files) {
        try (InputStream in = Channels.newInputStream(FileSystems.open(md.resourceId()))) {
          out.add(Json.mapper().readValue(in, type));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run's results " + pattern, e);
    }
  }

  /**
   * How many results of the run were written again because their file existed already: work a
   * runner repeated after restarting tasks (0 on a run without restarts). Runners count the final
   * attempt of each task, so a result written twice counts once.
   */
  public static long repeated(PipelineResult result) {
    long n = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(NAMESPACE, REPEATED))
                    .build())
            .getCounters()) {
      try {
        n += c.getCommitted();
      } catch (UnsupportedOperationException e) {
        n += c.getAttempted();
      }
    }
    return n;
  }

  /** Removes a local results directory (one in a remote temp location is left to its lifecycle). */
  public void delete() {
    if (dir.contains("://")) {
      return;
    }
    try (Stream<Path> paths = Files.walk(Path.of(dir))) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover directory in the temp area is harmless
    }
  }

  private static final class WriteFn<T> extends DoFn<T, Void> {
    private static final long serialVersionUID = 1L;
    private final String dir;
    private final SerializableFunction<T, String> key;
    private final Counter repeated = Metrics.counter(NAMESPACE, REPEATED);

    WriteFn(String dir, SerializableFunction<T, String> key) {
      this.dir = dir;
      this.key = key;
    }

    @ProcessElement
    public void process(@Element T result) throws IOException {
      byte[] bytes = Json.mapper().writeValueAsBytes(result);
      String name = key != null ? key.apply(result) : hash(bytes);
      String file = dir + "/" + name + ".json";
      MatchResult earlier = FileSystems.match(file, EmptyMatchTreatment.ALLOW);
      if (earlier.status() == MatchResult.Status.OK && !earlier.metadata().isEmpty()) {
        repeated.inc();
      }
      ResourceId id = FileSystems.matchNewResource(file, false);
      try (WritableByteChannel ch = FileSystems.create(id, "application/json")) {
        ch.write(ByteBuffer.wrap(bytes));
      }
    }

    private static String hash(byte[] bytes) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
