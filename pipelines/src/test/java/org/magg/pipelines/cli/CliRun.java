package org.magg.pipelines.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One command line run in process: its exit code, standard output and standard error. */
record CliRun(int code, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = MaggCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Output and error together. */
  String text() {
    return out + err;
  }
}
