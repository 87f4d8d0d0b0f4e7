package org.magg.pipelines.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.magg.core.ConfigException;
import org.magg.core.Json;
import org.magg.io.spatial.GranuleCatalogException;
import org.magg.io.temporal.EventCatalogException;
import org.magg.pipelines.runners.Progress;
import org.magg.pipelines.runners.ProgressTerminal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code magg} command line. With no command it runs the embedded default: a small generated
 * ATL06-layout sample binned with the {@code atl06} config on the Direct runner.
 *
 * <p>Exit codes: 0 success, 1 some items (cells, granules, events, days) failed or the run broke
 * off, 2 a config or usage error found before any work started. An error is one line on standard
 * error; its stack trace is printed only with {@code --verbose}.
 */
@Command(
    name = "magg",
    mixinStandardHelpOptions = true,
    versionProvider = MaggCli.Version.class,
    description = "Earth-science aggregation pipelines on Apache Beam.",
    subcommands = {
      RunCommand.class,
      ConfigCommand.class,
      MortonCommand.class,
      SampleCommand.class,
      BenchCommand.class,
      CatalogCommand.class,
      CompareCommand.class,
      HistoricalCommand.class,
      DaCommand.class,
      EngineCommand.class,
      InspectCommand.class,
      PlotCommand.class
    })
public final class MaggCli implements Callable<Integer> {
  static final int OK = 0;
  static final int SOME_FAILED = 1;
  static final int USAGE = 2;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line on standard output and error; returns the exit code. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command line writing to {@code out} and {@code err} (for tests and embedding). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new MaggCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(MaggCli::handle);
    cli.setExecutionStrategy(MaggCli::runShowingProgress);
    return cli.execute(args);
  }

  /** Runs the chosen command with progress shown as its global options ask. */
  private static int runShowingProgress(CommandLine.ParseResult parsed) {
    PrintWriter err = parsed.commandSpec().commandLine().getErr();
    ProgressTerminal terminal = null;
    Progress.Mode mode;
    if (matched(parsed, "--quiet")) {
      mode = Progress.Mode.OFF;
    } else if (jsonLog(parsed)) {
      mode = Progress.Mode.JSON;
    } else {
      terminal = err == null ? null : ProgressTerminal.detect();
      mode = terminal != null ? Progress.Mode.TERMINAL : Progress.Mode.PLAIN;
    }
    try {
      Progress.show(mode, err, terminal, Progress.interval());
      return new CommandLine.RunLast().execute(parsed);
    } finally {
      Progress.hide();
      if (terminal != null) {
        terminal.close();
      }
    }
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "On an error, also print its stack trace.")
  boolean verbose;

  @Option(
      names = "--quiet",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Show no progress while a job runs.")
  boolean quiet;

  @Option(
      names = "--log-format",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "FORMAT",
      description =
          "text (default) or json: progress and errors on standard error as one JSON object a line.")
  LogFormat logFormat;

  /** The form of what goes to standard error. */
  enum LogFormat {
    text,
    json
  }

  @Override
  public Integer call() throws Exception {
    return DefaultRun.run(spec.commandLine().getOut());
  }

  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    boolean usage =
        e instanceof ConfigException
            || e instanceof GranuleCatalogException
            || e instanceof EventCatalogException
            || e instanceof IllegalArgumentException;
    String line = usage ? e.getMessage() : describe(e);
    String hint = runnerHint(line);
    int code = usage ? USAGE : SOME_FAILED;
    if (jsonLog(parsed)) {
      err.println(errorJson(line, hint, code));
      if (verbose(parsed)) {
        e.printStackTrace(err);
      }
      err.flush();
      return code;
    }
    err.println("magg: " + line);
    if (hint != null) {
      err.println("magg: " + hint);
    }
    if (verbose(parsed)) {
      e.printStackTrace(err);
    } else if (!usage) {
      err.println("magg: run with --verbose for the stack trace");
    }
    err.flush();
    return code;
  }

  /** An error as one JSON object: {@code event, message, hint} (null when none), {@code exit}. */
  static String errorJson(String message, String hint, int code) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("event", "error");
    o.put("message", message);
    o.put("hint", hint);
    o.put("exit", code);
    return o.toString();
  }

  /**
   * An unexpected error in one line: its message and those of its causes that add to it (the class
   * name only for an error without a message).
   */
  static String describe(Throwable e) {
    StringBuilder line = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m == null || m.isBlank()) {
        m = t.getClass().getSimpleName();
      }
      if (line.indexOf(m) < 0) {
        line.append(line.length() == 0 ? "" : ": ").append(m.strip());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return line.toString().replace('\n', ' ');
  }

  /**
   * What to do about a job the runner gave up on, when its message says why (null otherwise). Flink
   * names the restart strategy that stopped the recovery.
   */
  static String runnerHint(String line) {
    if (line.contains("NoRestartBackoffTimeStrategy")) {
      return "the Flink cluster restarts no failed job, so losing a TaskManager ends the run: give"
          + " the cluster a restart strategy (restart-strategy.type: fixed-delay, see"
          + " docs/runners.md) and run again with --overwrite";
    }
    if (line.contains("Recovery is suppressed by")) {
      return "the job failed more often than the Flink cluster's restart strategy allows (see"
          + " its restart-strategy settings and docs/runners.md); run again with --overwrite";
    }
    return null;
  }

  /** Whether {@code --verbose} was given to the command or any of its subcommands. */
  private static boolean verbose(CommandLine.ParseResult parsed) {
    return matched(parsed, "--verbose");
  }

  /** Whether {@code --log-format=json} was given to the command or any of its subcommands. */
  private static boolean jsonLog(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--log-format")
          && p.matchedOptionValue("--log-format", LogFormat.text) == LogFormat.json) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code option} was given to the command or any of its subcommands. */
  private static boolean matched(CommandLine.ParseResult parsed, String option) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(option)) {
        return true;
      }
    }
    return false;
  }

  /** Prints the project version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = MaggCli.class.getPackage().getImplementationVersion();
      return new String[] {"magg-beam " + (v == null ? "(development)" : v)};
    }
  }
}
