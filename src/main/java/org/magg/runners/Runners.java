package org.magg.runners;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Turns Beam pipeline arguments into {@link PipelineOptions}. The runner is chosen by Beam's own
 * {@code --runner=} option (Direct when absent); runner artifacts are on the classpath by Maven
 * profile, so a runner that is missing gets a message saying which profile to build with.
 */
public final class Runners {
  /** Runner name to the Maven profile that puts it on the classpath. */
  static final Map<String, String> PROFILES =
      Map.of(
          "directrunner", "direct-runner",
          "flinkrunner", "flink-runner",
          "dataflowrunner", "dataflow-runner");

  private Runners() {}

  /** Parses and validates Beam arguments such as {@code --runner=FlinkRunner}. */
  public static PipelineOptions options(List<String> args) {
    for (String a : args) {
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected pipeline argument '" + a + "' (Beam options look like --name=value)");
      }
    }
    try {
      return PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).withValidation().create();
    } catch (IllegalArgumentException e) {
      String runner = requestedRunner(args);
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      if (runner != null && message.contains("Unknown 'runner' specified")) {
        String profile = PROFILES.get(runner.toLowerCase(java.util.Locale.ROOT));
        throw new IllegalArgumentException(
            "runner '"
                + runner
                + "' is not on the classpath"
                + (profile == null ? "" : "; build with the Maven profile -P" + profile)
                + " ("
                + message
                + ")",
            e);
      }
      throw new IllegalArgumentException("invalid pipeline options: " + message, e);
    }
  }

  /** The runner's simple name, e.g. {@code DirectRunner}. */
  public static String name(PipelineOptions options) {
    return options.getRunner().getSimpleName();
  }

  private static String requestedRunner(List<String> args) {
    for (String a : args) {
      if (a.startsWith("--runner=")) {
        return a.substring("--runner=".length());
      }
    }
    return null;
  }
}
