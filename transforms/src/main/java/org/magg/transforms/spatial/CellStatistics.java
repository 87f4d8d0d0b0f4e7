package org.magg.transforms.spatial;

import java.io.Serializable;
import java.util.List;
import org.magg.core.grid.Morton;
import org.magg.io.spatial.CellChunk;
import org.magg.io.spatial.PointBatch;

/**
 * Computes the statistics of every child cell of one parent cell from its point batches: a counting
 * sort of the points by child index, then each aggregator over each child's slice. Children are in
 * nested order, all {@code 4^(child - parent)} of them, empty ones included.
 */
final class CellStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int parentOrder;
  private final int childOrder;
  private final List<String> inputVariables;
  private final List<CellAggregator> aggregators;

  /**
   * The sorted columns of the last cell, reused by the next: a cell's columns are large arrays (16
   * bytes a point), which the G1 collector allocates as "humongous" objects and does not compact,
   * so allocating them anew for every cell fragments the heap until one no longer fits.
   */
  private transient double[][] sortedColumns;

  /**
   * @param inputVariables names of the batch columns, in batch order
   * @param aggregators one per output variable, in output order
   */
  CellStatistics(
      int parentOrder,
      int childOrder,
      List<String> inputVariables,
      List<CellAggregator> aggregators) {
    this.parentOrder = parentOrder;
    this.childOrder = childOrder;
    this.inputVariables = List.copyOf(inputVariables);
    this.aggregators = List.copyOf(aggregators);
  }

  int inputVariableCount() {
    return inputVariables.size();
  }

  int childCount() {
    return 1 << (2 * (childOrder - parentOrder));
  }

  /**
   * Columns of at least {@code n} points each: the last cell's if they are long enough, else new
   * ones of exactly {@code n} (no headroom: a slot's heap must hold the largest cell's columns, not
   * more).
   */
  private double[][] sortedColumns(int vars, int n) {
    if (sortedColumns == null
        || sortedColumns.length != vars
        || (vars > 0 && sortedColumns[0].length < n)) {
      sortedColumns = null; // the old columns can go before the new ones are allocated
      sortedColumns = new double[vars][n];
    }
    return sortedColumns;
  }

  /**
   * The chunk of {@code parentMorton} written at {@code chunkIndex}. It walks the batches twice
   * (count, then scatter), so they must be re-iterable in the same order (a runner's grouped values
   * may be iterable only once: collect them first); the batches need not be in memory together.
   */
  CellChunk compute(long parentMorton, int chunkIndex, Iterable<PointBatch> batches) {
    int children = childCount();
    int vars = inputVariables.size();
    int[] counts = new int[children];
    long total = 0;
    for (PointBatch b : batches) {
      if (b.variableCount() != vars) {
        throw new IllegalArgumentException(
            "cell "
                + Morton.format(parentMorton)
                + ": a batch carries "
                + b.variableCount()
                + " variables, expected "
                + vars
                + " "
                + inputVariables);
      }
      if (!b.countChildren(counts)) {
        int bad = 0;
        for (int i = 0; i < b.size(); i++) {
          if (b.childIndex(i) < 0 || b.childIndex(i) >= children) {
            bad = b.childIndex(i);
            break;
          }
        }
        throw new IllegalArgumentException(
            "cell "
                + Morton.format(parentMorton)
                + ": child index "
                + bad
                + " outside [0, "
                + children
                + ")");
      }
      total += b.size();
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "cell "
              + Morton.format(parentMorton)
              + " holds "
              + total
              + " points, more than one chunk can sort in memory; use a finer parent order");
    }
    int n = (int) total;
    int withData = 0;
    int[] offsets = new int[children + 1];
    for (int c = 0; c < children; c++) {
      if (counts[c] > 0) {
        withData++;
      }
      offsets[c + 1] = offsets[c] + counts[c];
    }
    double[][] sorted = sortedColumns(vars, n);
    int[] cursor = new int[children];
    System.arraycopy(offsets, 0, cursor, 0, children);
    for (PointBatch b : batches) {
      b.place(cursor, sorted);
    }
    CellColumns columns = CellColumns.over(inputVariables, sorted);
    double[][] values = new double[aggregators.size()][children];
    double[] empty = new double[aggregators.size()];
    columns.range(0, 0);
    for (int a = 0; a < aggregators.size(); a++) {
      empty[a] = aggregators.get(a).apply(columns);
    }
    for (int c = 0; c < children; c++) {
      int from = offsets[c];
      int to = offsets[c + 1];
      if (from == to) {
        for (int a = 0; a < empty.length; a++) {
          values[a][c] = empty[a];
        }
        continue;
      }
      columns.range(from, to);
      for (int a = 0; a < empty.length; a++) {
        values[a][c] = aggregators.get(a).apply(columns);
      }
    }
    long parentNested = Morton.toNested(parentMorton);
    int shift = 2 * (childOrder - parentOrder);
    long[] cellIds = new long[children];
    long[] mortons = new long[children];
    for (int c = 0; c < children; c++) {
      cellIds[c] = (parentNested << shift) + c;
      mortons[c] = Morton.fromNested(cellIds[c], childOrder);
    }
    return new CellChunk(parentMorton, chunkIndex, cellIds, mortons, values, n, withData);
  }
}
