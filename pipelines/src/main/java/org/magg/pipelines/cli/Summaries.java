package org.magg.pipelines.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.magg.core.RunResult;

/**
 * The one place a run's summary is printed, written as JSON where asked, and turned into the exit
 * code.
 */
final class Summaries {
  private Summaries() {}

  static int report(RunResult result, PrintWriter out, Path summaryJson) throws IOException {
    out.print(result.toText());
    out.flush();
    if (summaryJson != null) {
      // its directory exists: checked before the run (Preflight)
      Files.writeString(summaryJson, result.toJson(), StandardCharsets.UTF_8);
    }
    return result.exitCode();
  }
}
