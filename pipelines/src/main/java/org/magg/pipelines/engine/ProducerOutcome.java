package org.magg.pipelines.engine;

/**
 * What became of one producer in a run.
 *
 * @param name the producer
 * @param status {@link #RAN}, {@link #SKIPPED}, {@link #FAILED} or {@link #UPSTREAM_FAILED}
 * @param attempts the most attempts one of its calls took (0 when it did not run)
 * @param reason why it ran or was skipped, or what failed
 */
public record ProducerOutcome(String name, String status, int attempts, String reason) {
  public static final String RAN = "ran";
  public static final String SKIPPED = "skipped";
  public static final String FAILED = "failed";
  public static final String UPSTREAM_FAILED = "upstream_failed";

  /** Whether it failed or could not run for a failure upstream. */
  public boolean isFailure() {
    return status.equals(FAILED) || status.equals(UPSTREAM_FAILED);
  }
}
