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
    return toBuilder().telemetryPath(p).build();
  }

  public ProcessRunConfig withSensorId(String id) {
    return toBuilder().sensorId(id).build();
  }

  public ProcessRunConfig withDescriptor(String d) {
    return toBuilder().descriptor(d).build();
  }

  public ProcessRunConfig withOutputFormat(String f) {
    return toBuilder().outputFormat(f).build();
  }

  public ProcessRunConfig withRetryFailed(boolean retry) {
    return toBuilder().retryFailed(retry).build();
  }

  public ProcessRunConfig withLimitDays(Integer n) {
    return toBuilder().limitDays(n).build();
  }

  public ProcessRunConfig withDryRun(boolean dry) {
    return toBuilder().dryRun(dry).build();
  }

  /** Uploads each CDF to the bucket (null bucket: no upload). */
  public ProcessRunConfig withUpload(String bucket, S3Settings settings) {
    return toBuilder().uploadToS3(bucket != null).s3Bucket(bucket).s3(settings).build();
  }

  public ProcessRunConfig withPipelineArgs(List<String> args) {
    return toBuilder().pipelineArgs(args).build();
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
          "--end-date ("
              + endDate
              + ") must be on or after --start-date ("
              + startDate
              + "); swap the two dates");
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

  /** A builder holding this object's values, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.startDate = startDate;
    b.endDate = endDate;
    b.inputDir = inputDir;
    b.outputDir = outputDir;
    b.telemetryPath = telemetryPath;
    b.sensorId = sensorId;
    b.descriptor = descriptor;
    b.outputFormat = outputFormat;
    b.retryFailed = retryFailed;
    b.limitDays = limitDays;
    b.dryRun = dryRun;
    b.uploadToS3 = uploadToS3;
    b.s3Bucket = s3Bucket;
    b.s3 = s3;
    b.pipelineArgs = pipelineArgs;
    return b;
  }

  /**
   * Builds a {@link ProcessRunConfig} field by field; every field starts as this object's (or
   * empty).
   */
  public static final class Builder {
    private LocalDate startDate;
    private LocalDate endDate;
    private Path inputDir;
    private Path outputDir;
    private Path telemetryPath;
    private String sensorId;
    private String descriptor;
    private String outputFormat;
    private boolean retryFailed;
    private Integer limitDays;
    private boolean dryRun;
    private boolean uploadToS3;
    private String s3Bucket;
    private S3Settings s3;
    private List<String> pipelineArgs;

    private Builder() {}

    public Builder startDate(LocalDate startDate) {
      this.startDate = startDate;
      return this;
    }

    public Builder endDate(LocalDate endDate) {
      this.endDate = endDate;
      return this;
    }

    public Builder inputDir(Path inputDir) {
      this.inputDir = inputDir;
      return this;
    }

    public Builder outputDir(Path outputDir) {
      this.outputDir = outputDir;
      return this;
    }

    public Builder telemetryPath(Path telemetryPath) {
      this.telemetryPath = telemetryPath;
      return this;
    }

    public Builder sensorId(String sensorId) {
      this.sensorId = sensorId;
      return this;
    }

    public Builder descriptor(String descriptor) {
      this.descriptor = descriptor;
      return this;
    }

    public Builder outputFormat(String outputFormat) {
      this.outputFormat = outputFormat;
      return this;
    }

    public Builder retryFailed(boolean retryFailed) {
      this.retryFailed = retryFailed;
      return this;
    }

    public Builder limitDays(Integer limitDays) {
      this.limitDays = limitDays;
      return this;
    }

    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    public Builder uploadToS3(boolean uploadToS3) {
      this.uploadToS3 = uploadToS3;
      return this;
    }

    public Builder s3Bucket(String s3Bucket) {
      this.s3Bucket = s3Bucket;
      return this;
    }

    public Builder s3(S3Settings s3) {
      this.s3 = s3;
      return this;
    }

    public Builder pipelineArgs(List<String> pipelineArgs) {
      this.pipelineArgs = pipelineArgs;
      return this;
    }

    public ProcessRunConfig build() {
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
          pipelineArgs);
    }
  }
}
