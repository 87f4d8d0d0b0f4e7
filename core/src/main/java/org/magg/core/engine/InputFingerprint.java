package org.magg.core.engine;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a producer's last run depended on: the SHA-256 of its configuration's canonical JSON, the
 * version of each input variable it read, and the SHA-256 of each file it read (by location).
 * Modification times are deliberately absent: a file touched without a change of bytes is the same
 * input.
 *
 * @param configHash SHA-256 of the producer's canonical JSON configuration
 * @param inputVersions input variable name to its cube version
 * @param fileHashes file location to the SHA-256 of its content
 */
public record InputFingerprint(
    String configHash, Map<String, Long> inputVersions, Map<String, String> fileHashes) {

  /** Copies the maps, sorted by key. */
  public InputFingerprint {
    Objects.requireNonNull(configHash, "configHash");
    inputVersions = java.util.Collections.unmodifiableMap(new TreeMap<>(inputVersions));
    fileHashes = java.util.Collections.unmodifiableMap(new TreeMap<>(fileHashes));
  }
}
