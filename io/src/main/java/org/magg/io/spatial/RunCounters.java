package org.magg.io.spatial;

import java.util.EnumMap;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The Beam counters every spatial run keeps (namespace {@value #NAMESPACE}); the run summary is
 * built from them, so what was read, kept, filtered and failed adds up.
 */
public final class RunCounters {
  public static final String NAMESPACE = "magg";

  public static final String GRANULES_READ = "granules_read";
  public static final String GRANULES_FAILED = "granules_failed";
  public static final String GROUPS_READ = "groups_read";
  public static final String GROUPS_MISSING = "groups_missing";
  public static final String GROUPS_FAILED = "groups_failed";
  public static final String POINTS_READ = "points_read";
  public static final String POINTS_KEPT = "points_kept";
  public static final String POINTS_BINNED = "points_binned";
  public static final String POINTS_IN_FAILED_CELLS = "points_in_failed_cells";
  public static final String CELLS_WRITTEN = "cells_written";
  public static final String CELLS_FAILED = "cells_failed";

  /** Chunks written over a chunk of the same run: a restarted task repeating its work. */
  public static final String CHUNKS_REWRITTEN = "chunks_rewritten";

  public static final String CHILD_CELLS_WITH_DATA = "child_cells_with_data";

  /** Counter name of a filter reason: {@code filtered_<reason>}. */
  public static String filtered(FilterReason reason) {
    return "filtered_" + reason.label();
  }

  private RunCounters() {}

  static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }

  static Map<FilterReason, Counter> filterCounters() {
    Map<FilterReason, Counter> m = new EnumMap<>(FilterReason.class);
    for (FilterReason r : FilterReason.values()) {
      m.put(r, counter(filtered(r)));
    }
    return m;
  }
}
