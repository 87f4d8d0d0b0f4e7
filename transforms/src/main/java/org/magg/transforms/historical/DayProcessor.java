package org.magg.transforms.historical;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.magg.io.historical.CdfModel;
import org.magg.io.historical.ReachCdfFile;
import org.magg.io.historical.ReachInputReader;
import org.magg.io.historical.ReachRecord;
import org.magg.io.historical.TelemetryLog;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;

/**
 * Does one day: reads its input, writes the CDF under the output directory at the product's key
 * ({@code l1c/prelim/YYYY/MM/DD/name.cdf}) and optionally uploads it to the bucket under the same
 * key. Never throws for a bad day: the error is in the {@link DayResult}.
 *
 * <p>Idempotent, so a runner may retry it: the CDF is written to a temporary file and moved in
 * place, and the upload is one whole-object PUT; doing a day again leaves the same file and object
 * (only {@code Generation_date} can differ).
 */
public final class DayProcessor implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Writes a product's bytes (the CDF encoder; tests may substitute one). */
  public interface Encoder extends Serializable {
    byte[] encode(CdfModel.File file) throws IOException;
  }

  private final String outputDir;
  private final ReachCdfSchema schema;
  private final Encoder encoder;
  private final String bucket;
  private final S3Settings s3;
  private final Clock clock;

  DayProcessor(
      String outputDir,
      ReachCdfSchema schema,
      Encoder encoder,
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

  /** The default encoder: the CDF writer with GZIP-compressed data variables. */
  static Encoder cdfEncoder() {
    return file -> ReachCdfFile.encode(file, true);
  }

  private boolean uploads() {
    return bucket != null && !bucket.isEmpty();
  }

  public DayResult run(DayTask task) {
    Builder r = new Builder(task);
    Path cdf;
    if (task.isProcess()) {
      long t0 = System.nanoTime();
      cdf = null;
      try {
        cdf = process(task, r);
        r.processed = true;
        r.cdfPath = cdf.toString();
        r.cdfBytes = Files.size(cdf);
      } catch (Exception e) {
        r.fail("process", e);
      }
      r.processSeconds = (System.nanoTime() - t0) / 1e9;
      r.processFinishedAt = now();
      if (!r.processed) {
        return r.build();
      }
    } else {
      cdf = Path.of(task.cdfPath());
      r.cdfPath = task.cdfPath();
    }
    if (uploads()) {
      upload(cdf, r);
    }
    return r.build();
  }

  private Path process(DayTask task, Builder r) throws IOException {
    Path input = Path.of(task.inputPath());
    List<ReachRecord> records = ReachInputReader.read(input);
    DayRecords day = DayRecords.clean(records);
    r.rowsRead = day.rowsRead();
    r.unresolvedDropped = day.unresolvedDropped();
    r.duplicatesDropped = day.duplicatesDropped();
    r.recordsKept = day.kept();
    ReachDataset data;
    try {
      data = ReachDataset.of(day);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(input + ": " + e.getMessage(), e);
    }
    CdfModel.File file =
        ReachProduct.build(data, schema, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    byte[] bytes = encoder.encode(file);
    Path target = Path.of(outputDir).resolve(ReachProduct.key(schema, data.epochs.get(0)));
    Storage.defaults().write(target.toString(), bytes);
    return target;
  }

  private void upload(Path cdf, Builder r) {
    r.uploadAttempted = true;
    r.uploadStartedAt = now();
    long t0 = System.nanoTime();
    try {
      String key = ReachProduct.keyOfFile(schema, cdf.getFileName().toString());
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(cdf);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new java.nio.file.NoSuchFileException(
            cdf.toString(), null, "CDF not found for upload");
      }
      Storage.of(s3).write("s3://" + bucket + "/" + key, bytes);
      r.uploaded = true;
      r.s3Bucket = bucket;
      r.s3Key = key;
    } catch (Exception e) {
      r.fail("upload", e);
    } finally {
      r.uploadSeconds = (System.nanoTime() - t0) / 1e9;
      r.uploadFinishedAt = now();
    }
  }

  private String now() {
    return TelemetryLog.timestamp(Instant.now(clock));
  }

  /** Collects a result's fields. */
  private static final class Builder {
    final DayTask task;
    boolean processed;
    String cdfPath = "";
    long cdfBytes;
    double processSeconds;
    String processFinishedAt = "";
    long rowsRead;
    long unresolvedDropped;
    long duplicatesDropped;
    long recordsKept;
    boolean uploadAttempted;
    boolean uploaded;
    String s3Bucket = "";
    String s3Key = "";
    double uploadSeconds;
    String uploadStartedAt = "";
    String uploadFinishedAt = "";
    String errorStage = "";
    String errorType = "";
    String errorMessage = "";

    Builder(DayTask task) {
      this.task = task;
    }

    void fail(String stage, Exception e) {
      errorStage = stage;
      errorType = e.getClass().getSimpleName();
      errorMessage = e.getMessage() == null ? e.toString() : e.getMessage();
    }

    DayResult build() {
      return new DayResult(
          task.date(),
          task.action(),
          processed,
          cdfPath,
          cdfBytes,
          processSeconds,
          processFinishedAt,
          rowsRead,
          unresolvedDropped,
          duplicatesDropped,
          recordsKept,
          uploadAttempted,
          uploaded,
          s3Bucket,
          s3Key,
          uploadSeconds,
          uploadStartedAt,
          uploadFinishedAt,
          errorStage,
          errorType,
          errorMessage);
    }
  }
}
