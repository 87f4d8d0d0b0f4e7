package org.magg.pipelines.runners;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The terminal standard error is written to, when it is one that can rewrite a line (not a pipe, a
 * file or a dumb terminal): its width, read as it changes. Wraps a JLine system terminal.
 */
public final class ProgressTerminal implements AutoCloseable {
  /** Held so the level set on it stays (java.util.logging keeps loggers weakly). */
  private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

  private final Terminal terminal;

  private ProgressTerminal(Terminal terminal) {
    this.terminal = terminal;
  }

  /**
   * The terminal standard error goes to, or null when the process has no console (standard input
   * and output not both a terminal), standard error is not a terminal, or the terminal is dumb.
   */
  public static ProgressTerminal detect() {
    if (System.console() == null) {
      return null;
    }
    // JLine reports a terminal it cannot open through java.util.logging: not the user's concern
    JLINE_LOG.setLevel(Level.OFF);
    Terminal t;
    try {
      t =
          TerminalBuilder.builder()
              .system(true)
              .systemOutput(TerminalBuilder.SystemOutput.SysErr)
              .nativeSignals(false)
              .dumb(true)
              .build();
    } catch (IOException | RuntimeException | LinkageError e) {
      return null;
    }
    String type = t.getType();
    if (type == null || type.startsWith(Terminal.TYPE_DUMB) || t.getWidth() <= 0) {
      close(t);
      return null;
    }
    return new ProgressTerminal(t);
  }

  /** The terminal's width in columns (80 when it does not say). */
  public int width() {
    int w = terminal.getWidth();
    return w > 0 ? w : 80;
  }

  @Override
  public void close() {
    close(terminal);
  }

  private static void close(Terminal t) {
    try {
      t.close();
    } catch (IOException e) {
      // nothing was changed on the terminal that closing must undo
    }
  }
}
