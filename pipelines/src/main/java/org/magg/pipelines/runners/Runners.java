package org.magg.pipelines.runners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        if (profile == null) {
          throw new IllegalArgumentException(
              "--runner="
                  + runner
                  + " is not a runner; use DirectRunner, FlinkRunner (built with -Pflink-runner)"
                  + " or DataflowRunner (built with -Pdataflow-runner)",
              e);
        }
        throw new IllegalArgumentException(
            "runner '"
                + runner
                + "' is not on the classpath; build with the Maven profile -P"
                + profile
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
          if (!given(out, name)) {
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

  /**
   * The Flink configuration a batch run uses unless given one ({@code --flinkConfDir}, or the
   * {@code FLINK_CONF_DIR} environment variable): Flink's adaptive batch scheduler chooses each
   * stage's parallelism from the bytes it receives, and a stage that reads files receives only
   * their names and splits (a few KB), so it would run in one slot whatever {@code --parallelism}
   * says (measured on the event benchmark: the reading stage as one subtask, 14.2 s for a year on 2
   * slots instead of 7.2 s). The file turns that off; stages run at {@code --parallelism}.
   */
  public static final String FLINK_BATCH_CONF =
      "execution.batch.adaptive.auto-parallelism.enabled: false\n";

  private static Path flinkBatchConfDir;

  /**
   * {@code args} with {@code --flinkConfDir} naming a directory whose {@code flink-conf.yaml} holds
   * {@link #FLINK_BATCH_CONF}, on Flink, unless a configuration is given ({@code --flinkConfDir},
   * or {@code FLINK_CONF_DIR} set, which Flink reads when no option names one). The directory is
   * made once per JVM under the temporary directory and deleted when the JVM exits.
   */
  public static List<String> withFlinkBatchConf(List<String> args) {
    if (!isFlink(args) || given(args, "flinkConfDir") || System.getenv("FLINK_CONF_DIR") != null) {
      return args;
    }
    return withDefaults(args, Map.of("flinkConfDir", flinkBatchConfDir().toString()));
  }

  private static synchronized Path flinkBatchConfDir() {
    if (flinkBatchConfDir == null) {
      try {
        Path dir = Files.createTempDirectory("magg-flink-conf");
        Path file = dir.resolve("flink-conf.yaml");
        Files.writeString(file, FLINK_BATCH_CONF);
        dir.toFile().deleteOnExit();
        file.toFile().deleteOnExit();
        flinkBatchConfDir = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot write the Flink configuration directory under "
                + System.getProperty("java.io.tmpdir"),
            e);
      }
    }
    return flinkBatchConfDir;
  }

  /**
   * The Direct runner's number of worker threads: {@code --targetParallelism=N}, else its default
   * (the processors, at least 3).
   */
  public static int directParallelism(List<String> args) {
    for (String a : args) {
      if (a.startsWith("--targetParallelism=")) {
        return Integer.parseInt(a.substring("--targetParallelism=".length()));
      }
    }
    return Math.max(3, Runtime.getRuntime().availableProcessors());
  }

  /** Whether {@code --name} or {@code --name=value} is among the arguments. */
  private static boolean given(List<String> args, String name) {
    return args.stream().anyMatch(a -> a.equals("--" + name) || a.startsWith("--" + name + "="));
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
