package org.magg.pipelines.cycles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.magg.core.csv.CsvWriter;
import org.magg.transforms.cycles.ExperimentResult;

/** A sweep's table (for the terminal) and CSV. */
public final class SweepReport {
  static final List<String> COLUMNS =
      List.of(
          "filter", "members", "inflation", "localization", "analysis_rmse", "free_rmse", "wall_s");

  private SweepReport() {}

  /** An aligned text table, one row per experiment, then the sweep's wall time. */
  public static String table(DaSweep.Result r) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(COLUMNS);
    for (ExperimentResult e : r.experiments()) {
      rows.add(cells(e));
    }
    int[] width = new int[COLUMNS.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        out.append(i == 0 ? "" : "  ");
        out.append(i == 0 ? pad(cell, width[i]) : padLeft(cell, width[i]));
      }
      out.append('\n');
    }
    out.append(
        String.format(
            Locale.ROOT,
            "sweep: %d experiments in %.2f s on %s (their own times add up to %.2f s: %.2fx)%n",
            r.experiments().size(),
            r.wallSeconds(),
            r.runner(),
            r.sequentialSeconds(),
            r.sequentialSeconds() / r.wallSeconds()));
    return out.toString();
  }

  /** The CSV (header and one line per experiment). */
  public static String csv(DaSweep.Result r) {
    CsvWriter w = CsvWriter.withLf().row(COLUMNS);
    for (ExperimentResult e : r.experiments()) {
      w.row(cells(e));
    }
    return w.text();
  }

  public static void writeCsv(DaSweep.Result r, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, csv(r));
  }

  static List<String> cells(ExperimentResult e) {
    return List.of(
        e.filter(),
        Integer.toString(e.members()),
        Lorenz96Experiment.number(e.inflation()),
        e.localization(),
        String.format(Locale.ROOT, "%.4f", e.analysisRmse()),
        String.format(Locale.ROOT, "%.4f", e.freeRmse()),
        String.format(Locale.ROOT, "%.2f", e.wallSeconds()));
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(w - s.length());
  }

  private static String padLeft(String s, int w) {
    return " ".repeat(w - s.length()) + s;
  }
}
