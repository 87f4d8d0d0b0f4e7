package org.magg.pipelines.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.magg.core.engine.DataAdapter;
import org.magg.core.engine.ProducerCapabilities;
import org.magg.core.engine.VarSpec;

/**
 * An {@code external} producer of an engine config, as parsed: a separate program run on the needs
 * staged as NetCDF files, whose outputs it writes as NetCDF files.
 *
 * @param name the producer's name
 * @param needs what it reads
 * @param produces what it makes
 * @param command the program and its arguments; {@code {inputs}} and {@code {outputs}} stand for
 *     the staged inputs' and the outputs' directories
 * @param directory the directory the command runs in (the config file's)
 * @param timeout how long one attempt may take
 * @param maxAttempts attempts per call (at least 1)
 * @param backoff the pause before the second attempt, doubling
 * @param capabilities how it may run (by default the whole grid in one call)
 */
public record ExternalSpec(
    String name,
    DataAdapter needs,
    List<VarSpec> produces,
    List<String> command,
    String directory,
    Duration timeout,
    int maxAttempts,
    Duration backoff,
    ProducerCapabilities capabilities) {

  public ExternalSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(needs, "needs");
    produces = List.copyOf(produces);
    command = List.copyOf(command);
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(capabilities, "capabilities");
  }
}
