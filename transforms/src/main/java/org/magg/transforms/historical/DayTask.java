package org.magg.transforms.historical;

import org.apache.beam.sdk.coders.Coder;

/**
 * One day of work for the per-day transform.
 *
 * @param date the UTC day, ISO ({@code 2025-09-04})
 * @param action {@code RUN_PROCESS} or {@code RUN_UPLOAD_ONLY}
 * @param inputPath the day's input file (processing), else empty
 * @param cdfPath the existing CDF to upload (upload only), else empty
 */
public record DayTask(String date, String action, String inputPath, String cdfPath) {
  /** The coder of this element type. */
  public static Coder<DayTask> coder() {
    return JsonCoder.of(DayTask.class);
  }

  public static DayTask process(String date, String inputPath) {
    return new DayTask(date, DayAction.RUN_PROCESS.name(), inputPath, "");
  }

  public static DayTask uploadOnly(String date, String cdfPath) {
    return new DayTask(date, DayAction.RUN_UPLOAD_ONLY.name(), "", cdfPath);
  }

  boolean isProcess() {
    return DayAction.RUN_PROCESS.name().equals(action);
  }
}
