package org.magg.transforms.historical;

import org.apache.beam.sdk.coders.Coder;

/**
 * What the per-day transform did with a {@link DayTask}. The process stage ran when the task was
 * {@code RUN_PROCESS}; the upload stage when uploading was asked and there was a CDF. An error
 * names its stage ({@code process} or {@code upload}), its type and message; times are telemetry
 * timestamps, durations seconds.
 *
 * @param date the UTC day, ISO
 * @param action the task's action
 * @param processed the process stage wrote the CDF
 * @param cdfPath the CDF (written or uploaded)
 * @param cdfBytes its size
 * @param processSeconds duration of the process stage
 * @param processFinishedAt end of the process stage
 * @param rowsRead records read from the input
 * @param unresolvedDropped records dropped without a resolvable sensor id
 * @param duplicatesDropped older duplicate records dropped
 * @param recordsKept records written
 * @param uploadAttempted the upload stage ran
 * @param uploaded the upload succeeded
 * @param s3Bucket the bucket uploaded to
 * @param s3Key the key uploaded to
 * @param uploadSeconds duration of the upload stage
 * @param uploadStartedAt start of the upload stage
 * @param uploadFinishedAt end of the upload stage
 * @param errorStage {@code process}, {@code upload}, or empty
 * @param errorType the error's class name (simple), or empty
 * @param errorMessage the error's message, or empty
 */
public record DayResult(
    String date,
    String action,
    boolean processed,
    String cdfPath,
    long cdfBytes,
    double processSeconds,
    String processFinishedAt,
    long rowsRead,
    long unresolvedDropped,
    long duplicatesDropped,
    long recordsKept,
    boolean uploadAttempted,
    boolean uploaded,
    String s3Bucket,
    String s3Key,
    double uploadSeconds,
    String uploadStartedAt,
    String uploadFinishedAt,
    String errorStage,
    String errorType,
    String errorMessage) {

  /** The coder of this element type. */
  public static Coder<DayResult> coder() {
    return JsonCoder.of(DayResult.class);
  }

  /** True when the day ended in an error. */
  public boolean failed() {
    return !errorStage.isEmpty();
  }
}
