package org.magg.pipelines.spatial;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.magg.core.Failure;
import org.magg.core.Json;
import org.magg.core.RunResult;

/**
 * What a run did. Totals add up: {@code pointsRead = pointsKept + sum(pointsFiltered)} and {@code
 * pointsKept = pointsBinned + pointsInFailedCells}.
 *
 * @param pipelineType spatial, temporal, ...
 * @param runner the Beam runner's name
 * @param store the output store
 * @param catalog the granule catalog
 * @param parentOrder order of the parent (catalog) cells
 * @param childOrder order of the statistics cells
 * @param dryRun true when nothing was read or written
 * @param totalCells selected parent cells
 * @param cellsWithData parent cells with at least one binned point
 * @param cellsWithErrors parent cells whose chunk failed or that list a granule that failed
 * @param granules distinct granules of the selected cells
 * @param granulesRead granules read
 * @param granulesFailed granules that could not be read
 * @param groupsRead groups (beams) read
 * @param groupsMissing groups absent from their granule (not an error)
 * @param groupsFailed groups present but unreadable
 * @param pointsRead points read
 * @param pointsKept points kept after filtering
 * @param pointsFiltered points dropped, by reason
 * @param pointsBinned kept points that went into written statistics
 * @param pointsInFailedCells kept points of parent cells whose chunk failed
 * @param granulesPerCell granules per selected cell: min, max, mean
 * @param wallSeconds wall-clock time of the run
 * @param cells per-cell results, in chunk order
 * @param failures everything that failed, with the reason
 * @param chunksRewritten chunks a restarted task wrote again (same values: a chunk is written
 *     whole)
 * @param resultsRepeated results written again by tasks the runner restarted (e.g. after losing a
 *     worker); the outputs are those of the final attempts
 */
public record RunSummary(
    String pipelineType,
    String runner,
    String store,
    String catalog,
    int parentOrder,
    int childOrder,
    boolean dryRun,
    int totalCells,
    int cellsWithData,
    int cellsWithErrors,
    int granules,
    long granulesRead,
    long granulesFailed,
    long groupsRead,
    long groupsMissing,
    long groupsFailed,
    long pointsRead,
    long pointsKept,
    Map<String, Long> pointsFiltered,
    long pointsBinned,
    long pointsInFailedCells,
    double[] granulesPerCell,
    double wallSeconds,
    List<CellResult> cells,
    List<Failure> failures,
    long chunksRewritten,
    long resultsRepeated)
    implements RunResult {

  /**
   * The outcome of one parent cell.
   *
   * @param morton the parent cell's Morton index
   * @param chunk its chunk in the store
   * @param granules granules the catalog lists for it
   * @param pointsBinned points its statistics were computed from
   * @param childCellsWithData child cells with at least one point
   * @param status {@code ok}, {@code no_data} or {@code failed}
   * @param errors why it failed (its own errors and those of its granules)
   */
  public record CellResult(
      String morton,
      int chunk,
      int granules,
      long pointsBinned,
      int childCellsWithData,
      String status,
      List<String> errors) {}

  public RunSummary {
    pointsFiltered = Collections.unmodifiableMap(new LinkedHashMap<>(pointsFiltered));
    cells = List.copyOf(cells);
    failures = List.copyOf(failures);
  }

  /** Sum of all filtered points. */
  public long pointsFilteredTotal() {
    return pointsFiltered.values().stream().mapToLong(Long::longValue).sum();
  }

  /** True when read = kept + filtered and kept = binned + points in failed cells. */
  public boolean totalsAddUp() {
    return pointsRead == pointsKept + pointsFilteredTotal()
        && pointsKept == pointsBinned + pointsInFailedCells;
  }

  /** 0 when every cell and granule succeeded, 1 when something failed. */
  @Override
  public int exitCode() {
    return failures.isEmpty() && cellsWithErrors == 0 ? 0 : 1;
  }

  /** The summary as JSON. */
  @Override
  public String toJson() {
    try {
      return Json.pretty().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A human-readable summary. */
  @Override
  public String toText() {
    StringBuilder s = new StringBuilder();
    s.append(dryRun ? "Dry run (nothing read or written)\n" : "Run summary\n");
    line(s, "pipeline", pipelineType + " on " + runner);
    line(s, "catalog", catalog);
    line(s, "store", store);
    line(s, "orders", "parent " + parentOrder + ", child " + childOrder);
    line(
        s,
        "cells",
        totalCells
            + " selected"
            + (dryRun
                ? ""
                : ", " + cellsWithData + " with data, " + cellsWithErrors + " with errors"));
    line(
        s,
        "granules per cell",
        String.format(
            Locale.ROOT,
            "min %.0f, max %.0f, mean %.2f",
            granulesPerCell[0],
            granulesPerCell[1],
            granulesPerCell[2]));
    line(
        s,
        "granules",
        granules
            + " distinct"
            + (dryRun ? "" : ", " + granulesRead + " read, " + granulesFailed + " failed"));
    if (!dryRun) {
      line(
          s,
          "groups",
          groupsRead + " read, " + groupsMissing + " missing, " + groupsFailed + " failed");
      line(s, "points read", String.format(Locale.ROOT, "%,d", pointsRead));
      line(s, "points kept", String.format(Locale.ROOT, "%,d", pointsKept));
      StringBuilder f = new StringBuilder(String.format(Locale.ROOT, "%,d", pointsFilteredTotal()));
      pointsFiltered.forEach(
          (k, v) -> {
            if (v > 0) {
              f.append(String.format(Locale.ROOT, ", %s %,d", k, v));
            }
          });
      line(s, "points filtered", f.toString());
      line(
          s,
          "points binned",
          String.format(Locale.ROOT, "%,d", pointsBinned)
              + (pointsInFailedCells > 0 ? " (" + pointsInFailedCells + " in failed cells)" : ""));
      if (chunksRewritten + resultsRepeated > 0) {
        line(
            s,
            "restarts",
            RunResult.repeatedText(
                RunResult.count(chunksRewritten, "chunk")
                    + " and "
                    + RunResult.count(resultsRepeated, "result")));
      }
      line(s, "wall time", String.format(Locale.ROOT, "%.2f s", wallSeconds));
      for (Failure failure : failures) {
        s.append("  FAILED ")
            .append(failure.stage())
            .append(' ')
            .append(failure.subject())
            .append(": ")
            .append(failure.reason())
            .append('\n');
      }
    }
    return s.toString();
  }

  private static void line(StringBuilder s, String key, String value) {
    s.append(String.format(Locale.ROOT, "  %-18s %s%n", key + ":", value));
  }
}
