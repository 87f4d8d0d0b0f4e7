package org.magg.transforms.engine;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One run of an external program as a separate process: standard output and error appended to the
 * run log (after a header line naming the producer, the call and the command), a timeout after
 * which the process and every process it started are killed, and a non-zero exit status as a failed
 * attempt.
 */
final class ModelProcess {
  private ModelProcess() {}

  /**
   * Runs {@code command} in {@code workingDirectory} and waits for it.
   *
   * @param producer the producer's name, for messages and the log
   * @param call what the call is (the run and region), for the log
   * @throws ExternalModelException when it cannot start, exits non-zero, or times out
   */
  static void run(
      String producer,
      String call,
      List<String> command,
      Duration timeout,
      Path workingDirectory,
      Path runLog)
      throws IOException, InterruptedException, ExternalModelException {
    Path log = runLog.toAbsolutePath();
    Path parent = log.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    append(
        log,
        "==== "
            + Instant.now()
            + " producer '"
            + producer
            + "' "
            + call
            + ": "
            + String.join(" ", command));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(log.toFile()));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      append(log, "==== cannot start: " + e.getMessage());
      throw new ExternalModelException(
          ExternalModelException.Kind.START,
          "producer '"
              + producer
              + "': cannot start "
              + command
              + " in "
              + workingDirectory
              + ": "
              + e.getMessage(),
          log,
          e);
    }
    p.getOutputStream().close(); // no input: the program reads end-of-file
    boolean finished;
    try {
      finished = p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      killTree(p);
      append(log, "==== interrupted; killed");
      throw e;
    }
    if (!finished) {
      killTree(p);
      append(log, "==== killed after the timeout of " + timeout);
      throw new ExternalModelException(
          ExternalModelException.Kind.TIMEOUT,
          "producer '"
              + producer
              + "' ran longer than its timeout of "
              + timeout
              + " and was killed ("
              + call
              + ", command "
              + command
              + "); its output is in "
              + log,
          log,
          null);
    }
    int status = p.exitValue();
    append(log, "==== exit status " + status);
    if (status != 0) {
      throw new ExternalModelException(
          ExternalModelException.Kind.EXIT,
          "producer '"
              + producer
              + "' exited with status "
              + status
              + " ("
              + call
              + ", command "
              + command
              + "); its output is in "
              + log,
          log,
          null);
    }
  }

  /**
   * Kills the process and every process it started (descendants found before the kill, and theirs,
   * since they are re-parented once their parent is gone), and waits for the process to end.
   */
  static void killTree(Process p) throws InterruptedException {
    List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
    Set<Long> seen = new HashSet<>();
    tree.forEach(h -> seen.add(h.pid()));
    p.destroyForcibly();
    for (int i = 0; i < tree.size(); i++) {
      ProcessHandle h = tree.get(i);
      for (ProcessHandle d : h.descendants().toList()) {
        if (seen.add(d.pid())) {
          tree.add(d);
        }
      }
      h.destroyForcibly();
    }
    p.waitFor();
  }

  private static void append(Path log, String line) throws IOException {
    Files.writeString(
        log,
        line + System.lineSeparator(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
