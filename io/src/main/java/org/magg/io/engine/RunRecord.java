package org.magg.io.engine;

import java.time.Instant;

/**
 * A run of the engine in the catalog.
 *
 * @param runId the run's id
 * @param startedAt when it started
 * @param endedAt when it ended, or null while it runs
 * @param status {@code running}, {@code succeeded}, {@code partial} or {@code failed}
 * @param configHash SHA-256 of the configuration's canonical JSON
 */
public record RunRecord(
    String runId, Instant startedAt, Instant endedAt, String status, String configHash) {}
