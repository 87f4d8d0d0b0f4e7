package org.magg.pipelines.runners;

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

  /**
   * {@code args} with {@code --name=value} added for each default whose option is not given.
   *
   * @param defaults option name (without the dashes) to value, in order
   */
  public static List<String> withDefaults(List<String> args, Map<String, String> defaults) {
    List<String> out = new java.util.ArrayList<>(args);
    defaults.forEach(
        (name, value) -> {
          if (out.stream()
              .noneMatch(a -> a.equals("--" + name) || a.startsWith("--" + name + "="))) {
            out.add("--" + name + "=" + value);
          }
        });
    return out;
  }

  /** Whether the arguments choose the Direct runner (explicitly or by giving no runner). */
  public static boolean isDirect(List<String> args) {
    String r = requestedRunner(args);
    return r == null || r.equalsIgnoreCase("DirectRunner");
  }

  /** Whether the arguments choose the Flink runner. */
  public static boolean isFlink(List<String> args) {
    String r = requestedRunner(args);
    return r != null && r.equalsIgnoreCase("FlinkRunner");
  }

  /**
   * The Direct runner's test-time checks (encode every element, compare it after each step) copy
   * every element; with megabyte elements (field slices, point batches) they cost more than the
   * work and hold the copies in memory. Runs turn them off unless asked otherwise; tests keep them.
   */
  public static final Map<String, String> DIRECT_RUN_DEFAULTS =
      orderedMap("enforceImmutability", "false", "enforceEncodability", "false");

  /**
   * On Flink, elements passed between chained operators need not be copied (our DoFns do not modify
   * their inputs; the Direct runner's immutability checks in the tests hold them to it). A job that
   * loses a task (a TaskManager dies) is restarted up to 10 times, 10 s apart: long enough for a
   * replacement to register after the cluster notices the loss. Beam applies these two to jobs on
   * Flink's DataStream API (streaming, and batch with {@code --useDataStreamForBatch}); other batch
   * jobs take the cluster's restart strategy (docs/runners.md).
   */
  public static final Map<String, String> FLINK_RUN_DEFAULTS =
      orderedMap(
          "objectReuse",
          "true",
          "fasterCopy",
          "true",
          "numberOfExecutionRetries",
          "10",
          "executionRetryDelay",
          "10000");

  /** {@code args} with the defaults of the runner they choose ({@link #FLINK_RUN_DEFAULTS}). */
  public static List<String> withRunnerDefaults(List<String> args) {
    return isFlink(args) ? withDefaults(args, FLINK_RUN_DEFAULTS) : args;
  }

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
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
