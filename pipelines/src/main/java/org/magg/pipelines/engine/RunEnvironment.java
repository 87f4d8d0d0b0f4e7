package org.magg.pipelines.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.beam.sdk.util.ReleaseInfo;
import org.magg.io.storage.Storage;
import org.magg.pipelines.config.EngineConfig;

/**
 * What a run runs with, recorded in the catalog when it starts ({@code run_environment}) so that
 * its lineage is what it used: {@value #JAVA}, {@value #JAVA_VENDOR}, {@value #BEAM}, {@value
 * #MAGG}, and {@value #GIT_SHA}, {@value #GIT_REF} (null for a detached head) and {@value #GIT_TOP}
 * (the checkout's directory) when the config file's directory is in a git checkout.
 */
final class RunEnvironment {
  static final String JAVA = "java";
  static final String JAVA_VENDOR = "java_vendor";
  static final String BEAM = "beam";
  static final String MAGG = "magg";
  static final String GIT_SHA = "git_sha";
  static final String GIT_REF = "git_ref";
  static final String GIT_TOP = "git_top";

  private RunEnvironment() {}

  /** The values of this process for a run of {@code config}. */
  static Map<String, String> current(EngineConfig config) {
    Map<String, String> out = new TreeMap<>();
    out.put(JAVA, System.getProperty("java.version"));
    out.put(JAVA_VENDOR, System.getProperty("java.vendor"));
    out.put(BEAM, ReleaseInfo.getReleaseInfo().getVersion());
    out.put(MAGG, maggVersion());
    Optional<Path> dir = configDirectory(config.origin());
    dir.flatMap(GitHead::of)
        .ifPresent(
            h -> {
              out.put(GIT_SHA, h.sha());
              out.put(GIT_TOP, h.top().toString());
              if (h.ref() != null) {
                out.put(GIT_REF, h.ref());
              }
            });
    return out;
  }

  /** The project's version, from the jar's manifest; {@code (development)} outside a jar. */
  static String maggVersion() {
    String v = RunEnvironment.class.getPackage().getImplementationVersion();
    return v == null ? "(development)" : v;
  }

  /** The directory of a config file; empty for a config built in code or one on S3. */
  private static Optional<Path> configDirectory(String origin) {
    if (origin == null || origin.equals("java") || Storage.isS3(origin)) {
      return Optional.empty();
    }
    Path p = Path.of(origin).toAbsolutePath();
    return Files.isRegularFile(p) ? Optional.ofNullable(p.getParent()) : Optional.empty();
  }
}
