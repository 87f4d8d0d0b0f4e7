package org.magg.io.spatial;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parent cells chosen for one run, in order, with their granules. The i-th cell is the i-th
 * chunk of the output store.
 */
public final class GranuleSelection implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int parentOrder;
  private final Map<Long, List<String>> granulesByCell;

  GranuleSelection(int parentOrder, Map<Long, List<String>> granulesByCell) {
    this.parentOrder = parentOrder;
    this.granulesByCell = Collections.unmodifiableMap(new LinkedHashMap<>(granulesByCell));
  }

  /** Builds a selection directly (for tests and generated catalogs). */
  public static GranuleSelection of(int parentOrder, Map<Long, List<String>> granulesByCell) {
    return new GranuleSelection(parentOrder, granulesByCell);
  }

  public int parentOrder() {
    return parentOrder;
  }

  /** The selected parent cells (Morton indices) in chunk order. */
  public List<Long> cells() {
    return new ArrayList<>(granulesByCell.keySet());
  }

  public int cellCount() {
    return granulesByCell.size();
  }

  public Map<Long, List<String>> granulesByCell() {
    return granulesByCell;
  }

  /**
   * One assignment per distinct granule, listing every selected cell that names it, so that each
   * granule is read once however many cells it crosses. Granules keep first-seen order.
   */
  public List<GranuleAssignment> granuleAssignments() {
    Map<String, List<Long>> byGranule = new LinkedHashMap<>();
    granulesByCell.forEach(
        (cell, granules) -> {
          for (String g : granules) {
            List<Long> cells = byGranule.computeIfAbsent(g, k -> new ArrayList<>());
            if (!cells.contains(cell)) {
              cells.add(cell);
            }
          }
        });
    List<GranuleAssignment> out = new ArrayList<>();
    byGranule.forEach((g, cells) -> out.add(new GranuleAssignment(g, cells)));
    return out;
  }

  /** Granules per cell: {min, max, mean}; zeros when nothing is selected. */
  public double[] granulesPerCell() {
    if (granulesByCell.isEmpty()) {
      return new double[] {0, 0, 0};
    }
    int min = Integer.MAX_VALUE;
    int max = 0;
    long sum = 0;
    for (List<String> g : granulesByCell.values()) {
      min = Math.min(min, g.size());
      max = Math.max(max, g.size());
      sum += g.size();
    }
    return new double[] {min, max, (double) sum / granulesByCell.size()};
  }

  /** Number of distinct granules across the selected cells. */
  public int distinctGranules() {
    return granuleAssignments().size();
  }
}
