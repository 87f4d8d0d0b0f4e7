package org.magg.pipelines.historical;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.magg.io.s3.S3Settings;

/**
 * Inputs of {@link HistoricalProcess#run}: the command line's options one for one.
 *
 * @param startDate first UTC day (inclusive)
 * @param endDate last UTC day (inclusive)
 * @param inputDir directory of the download phase's per-day files
 * @param outputDir directory the CDFs are written under (in the product's key layout)
 * @param telemetryPath the append-only telemetry CSV; null for {@code
 *     <inputDir>/download_telemetry.csv}
 * @param sensorId {@code ALL} or one sensor id: the input files' prefix
 * @param descriptor UDL descriptor, {@code QUICKLOOK} or {@code PRELIMINARY} (recorded in
 *     telemetry)
 * @param outputFormat the input files' format, {@code csv} or {@code json}
 * @param retryFailed process again the days whose latest status is FAILED
 * @param limitDays at most this many days that need work (days already complete do not count), or
 *     null for all
 * @param dryRun plan and log only: no work, no telemetry
 * @param uploadToS3 upload each CDF to {@code s3Bucket}
 * @param s3Bucket destination bucket (required when uploading)
 * @param s3 how S3 is reached
 * @param pipelineArgs Beam options ({@code --runner=...})
 */
public record ProcessRunConfig(
    LocalDate startDate,
    LocalDate endDate,
    Path inputDir,
    Path outputDir,
    Path telemetryPath,
    String sensorId,
    String descriptor,
    String outputFormat,
    boolean retryFailed,
    Integer limitDays,
    boolean dryRun,
    boolean uploadToS3,
    String s3Bucket,
    S3Settings s3,
    List<String> pipelineArgs) {

  /** The descriptors the download phase fetches. */
  public static final List<String> DESCRIPTORS = List.of("QUICKLOOK", "PRELIMINARY");

  /** The input formats. */
  public static final List<String> FORMATS = List.of("csv", "json");

  public ProcessRunConfig {
    pipelineArgs = pipelineArgs == null ? List.of() : List.copyOf(pipelineArgs);
    s3 = s3 == null ? S3Settings.defaults() : s3;
  }

  /** A run over the days with the defaults: all sensors, QUICKLOOK, csv, local only. */
  public static ProcessRunConfig of(
      LocalDate startDate, LocalDate endDate, Path inputDir, Path outputDir) {
    return new ProcessRunConfig(
        startDate,
        endDate,
        inputDir,
        outputDir,
        null,
        "ALL",
        "QUICKLOOK",
        "csv",
        false,
        null,
        false,
        false,
        null,
        S3Settings.defaults(),
        List.of());
  }

  /** The telemetry file: the one given, else {@code <inputDir>/download_telemetry.csv}. */
  public Path telemetry() {
    return telemetryPath != null ? telemetryPath : inputDir.resolve("download_telemetry.csv");
  }

  public ProcessRunConfig withTelemetry(Path p) {
    return new ProcessRunConfig(
        startDate,
        endDate,
        inputDir,
        outputDir,
        p,
        sensorId,
        descriptor,
        outputFormat,
        retryFailed,
        limitDays,
        dryRun,
        uploadToS3,
        s3Bucket,
        s3,
        pipelineArgs);
  }

  public ProcessRunConfig withSensorId(String id) {
    return new ProcessRunConfig(
        startDate,
        endDate,
        inputDir,
        outputDir,
        telemetryPath,
        id,
        descriptor,
        outputFormat,
        retryFailed,
        limitDays,
        dryRun,
        uploadToS3,
        s3Bucket,
        s3,
        pipelineArgs);
  }

  public ProcessRunConfig withDescriptor(String d) {
    return new ProcessRunConfig(
        startDate,
        endDate,
        inputDir,
        outputDir,
        telemetryPath,
        sensorId,
        d,
        outputFormat,
        retryFailed,
        limitDays,
        dryRun,
        uploadToS3,
        s3Bucket,
        s3,
        pipelineArgs);
  }

  public ProcessRunConfig withOutputFormat(String f) {
    return new ProcessRunConfig(
        startDate,
        endDate,
        inputDir,
        outputDir,
        telemetryPath,
        sensorId,
        descriptor,
        f,
        retryFailed,
        limitDays,
        dryRun,
        uploadToS3,
        s3Bucket,
        s3,
        pipelineArgs);
  }

  public ProcessRunConfig withRetryFailed(boolean retry) {
    return new ProcessRunConfig(
        startDate,
        endDate,
        inputDir,
        outputDir,
        telemetryPath,
        sensorId,
        descriptor,
        outputFormat,
        retry,
        limitDays,
        dryRun,
        uploadToS3,
        s3Bucket,
        s3,
        pipelineArgs);
  }

  public ProcessRunConfig withLimitDays(Integer n) {
    return new ProcessRunConfig(
        startDate,
        endDate,
        inputDir,
        outputDir,
        telemetryPath,
        sensorId,
        descriptor,
        outputFormat,
        retryFailed,
        n,
        dryRun,
        uploadToS3,
        s3Bucket,
        s3,
        pipelineArgs);
  }

  public ProcessRunConfig withDryRun(boolean dry) {
    return new ProcessRunConfig(
        startDate,
        endDate,
        inputDir,
        outputDir,
        telemetryPath,
        sensorId,
        descriptor,
        outputFormat,
        retryFailed,
        limitDays,
        dry,
        uploadToS3,
        s3Bucket,
        s3,
        pipelineArgs);
  }

  /** Uploads each CDF to the bucket (null bucket: no upload). */
  public ProcessRunConfig withUpload(String bucket, S3Settings settings) {
    return new ProcessRunConfig(
        startDate,
        endDate,
        inputDir,
        outputDir,
        telemetryPath,
        sensorId,
        descriptor,
        outputFormat,
        retryFailed,
        limitDays,
        dryRun,
        bucket != null,
        bucket,
        settings,
        pipelineArgs);
  }

  public ProcessRunConfig withPipelineArgs(List<String> args) {
    return new ProcessRunConfig(
        startDate,
        endDate,
        inputDir,
        outputDir,
        telemetryPath,
        sensorId,
        descriptor,
        outputFormat,
        retryFailed,
        limitDays,
        dryRun,
        uploadToS3,
        s3Bucket,
        s3,
        args);
  }

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException naming the option and what is allowed
   */
  public void validate() {
    Objects.requireNonNull(startDate, "--start-date is required");
    Objects.requireNonNull(endDate, "--end-date is required");
    Objects.requireNonNull(inputDir, "--input-dir is required");
    Objects.requireNonNull(outputDir, "--output-dir is required");
    if (endDate.isBefore(startDate)) {
      throw new IllegalArgumentException(
          "--end-date (" + endDate + ") must be on or after --start-date (" + startDate + ")");
    }
    if (sensorId == null || sensorId.isBlank() || sensorId.contains("/")) {
      throw new IllegalArgumentException(
          "--sensor-id: '" + sensorId + "' is not ALL or a sensor id such as REACH-135");
    }
    if (!DESCRIPTORS.contains(descriptor)) {
      throw new IllegalArgumentException(
          "--descriptor: '" + descriptor + "' is not one of " + DESCRIPTORS);
    }
    if (outputFormat == null || !FORMATS.contains(outputFormat.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "--output-format: '" + outputFormat + "' is not one of " + FORMATS);
    }
    if (limitDays != null && limitDays < 0) {
      throw new IllegalArgumentException("--limit-days: " + limitDays + " is negative");
    }
    if (uploadToS3 && (s3Bucket == null || s3Bucket.isBlank())) {
      throw new IllegalArgumentException("--upload-to-s3 requires --s3-bucket");
    }
  }
}
