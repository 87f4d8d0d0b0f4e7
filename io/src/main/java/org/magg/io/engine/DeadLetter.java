package org.magg.io.engine;

import java.time.Instant;

/**
 * A producer step (or one tile of it) that exhausted its attempts.
 *
 * @param runId the run
 * @param producer the producer
 * @param subject what failed: {@code all} for the whole step, or the tile, such as {@code t=3 tile
 *     (0, 1)}
 * @param attempts the attempts made
 * @param reason the last failure
 * @param recordedAt when it was recorded
 */
public record DeadLetter(
    String runId,
    String producer,
    String subject,
    int attempts,
    String reason,
    Instant recordedAt) {}
