package org.magg.pipelines.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.magg.core.ConfigException;
import org.magg.io.spatial.GranuleCatalogException;
import org.magg.io.temporal.EventCatalogException;
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
    return cli.execute(args);
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "On an error, also print its stack trace.")
  boolean verbose;

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
    err.println("magg: " + line);
    String hint = runnerHint(line);
    if (hint != null) {
      err.println("magg: " + hint);
    }
    if (verbose(parsed)) {
      e.printStackTrace(err);
    } else if (!usage) {
      err.println("magg: run with --verbose for the stack trace");
    }
    err.flush();
    return usage ? USAGE : SOME_FAILED;
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
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
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
