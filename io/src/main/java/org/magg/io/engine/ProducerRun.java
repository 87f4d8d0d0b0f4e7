package org.magg.io.engine;

/**
 * A producer's outcome in one run of the engine.
 *
 * @param runId the run
 * @param producer the producer
 * @param status {@code ran}, {@code skipped}, {@code failed} or {@code upstream_failed}
 * @param attempts the attempts its calls took (the most any one call took; 0 when it did not run)
 * @param reason why it ran or was skipped, or what failed
 */
public record ProducerRun(
    String runId, String producer, String status, int attempts, String reason) {}
