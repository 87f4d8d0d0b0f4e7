package org.magg.transforms.engine;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An external program as plain values: its command line, how long a call may take, where it runs
 * and where its output goes.
 *
 * @param command the program and its arguments; {@value #INPUTS} and {@value #OUTPUTS} anywhere in
 *     an argument are replaced by the call's input and output directories
 * @param timeout how long one call may run before it is killed with its child processes (positive)
 * @param workingDirectory the program's working directory (relative paths in the command resolve
 *     against it)
 * @param runLog the file the program's standard output and error are appended to, one header line
 *     per call; never the console. {@value #RUN_ID} anywhere in it is replaced by the call's run id
 *     (for example {@code cube/logs/{run_id}/model.log}, a log per run)
 */
public record ExternalCommand(
    List<String> command, Duration timeout, Path workingDirectory, Path runLog)
    implements Serializable {

  /** Replaced by the directory holding {@code <need>.nc} for every need. */
  public static final String INPUTS = "{inputs}";

  /** Replaced by the directory the program writes {@code <produced>.nc} into. */
  public static final String OUTPUTS = "{outputs}";

  /** Replaced, in the run log's path, by the run id. */
  public static final String RUN_ID = "{run_id}";

  /** Checks the fields. @throws IllegalArgumentException naming the field */
  public ExternalCommand {
    if (command == null
        || command.isEmpty()
        || command.get(0) == null
        || command.get(0).isBlank()) {
      throw new IllegalArgumentException(
          "command must name a program, e.g. [\"python3\", \"model.py\", \"{inputs}\","
              + " \"{outputs}\"]");
    }
    for (int i = 0; i < command.size(); i++) {
      if (command.get(i) == null) {
        throw new IllegalArgumentException("command argument " + i + " is null");
      }
    }
    command = List.copyOf(command);
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    Objects.requireNonNull(workingDirectory, "working directory is required");
    Objects.requireNonNull(runLog, "run log is required");
  }

  /** The command with the placeholders replaced. */
  List<String> resolve(Path inputs, Path outputs) {
    return command.stream()
        .map(a -> a.replace(INPUTS, inputs.toString()).replace(OUTPUTS, outputs.toString()))
        .toList();
  }

  /** The run log of run {@code runId}: {@link #runLog()} with {@value #RUN_ID} replaced. */
  public Path runLog(String runId) {
    String path = runLog.toString();
    return path.contains(RUN_ID) ? Path.of(path.replace(RUN_ID, runId)) : runLog;
  }

  /** Paths are not serializable: this travels as {@link Form}. */
  private Object writeReplace() {
    return new Form(command, timeout, workingDirectory.toString(), runLog.toString());
  }

  /** The serialized form of an {@link ExternalCommand}: the paths as text. */
  private record Form(
      List<String> command, Duration timeout, String workingDirectory, String runLog)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    private Object readResolve() {
      return new ExternalCommand(command, timeout, Path.of(workingDirectory), Path.of(runLog));
    }
  }
}
