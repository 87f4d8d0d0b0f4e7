package org.magg.transforms.spatial;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The reducers a {@code function} variable may name, with the parameters each accepts. */
enum AggregationFunction {
  LEN("len", false, List.of()),
  MIN("min", true, List.of()),
  MAX("max", true, List.of()),
  SUM("sum", true, List.of()),
  MEAN("mean", true, List.of()),
  AVERAGE("average", true, List.of("weights")),
  VAR("var", true, List.of("ddof")),
  STD("std", true, List.of("ddof")),
  MEDIAN("median", true, List.of()),
  QUANTILE("quantile", true, List.of("q")),
  PERCENTILE("percentile", true, List.of("q")),
  NANMIN("nanmin", true, List.of()),
  NANMAX("nanmax", true, List.of()),
  NANSUM("nansum", true, List.of()),
  NANMEAN("nanmean", true, List.of()),
  NANVAR("nanvar", true, List.of("ddof")),
  NANSTD("nanstd", true, List.of("ddof")),
  NANMEDIAN("nanmedian", true, List.of()),
  NANQUANTILE("nanquantile", true, List.of("q")),
  NANPERCENTILE("nanpercentile", true, List.of("q"));

  /** The canonical (numpy) name. */
  final String canonical;

  /** Whether the function reads the values of its {@code source} (len only counts points). */
  final boolean needsSource;

  /** Accepted keys of {@code params}. */
  final List<String> params;

  AggregationFunction(String canonical, boolean needsSource, List<String> params) {
    this.canonical = canonical;
    this.needsSource = needsSource;
    this.params = params;
  }

  /** Every accepted spelling (without np./numpy. prefix), sorted. */
  static final Map<String, AggregationFunction> BY_NAME;

  static {
    Map<String, AggregationFunction> m = new TreeMap<>();
    for (AggregationFunction f : values()) {
      m.put(f.canonical, f);
    }
    m.put("count", LEN);
    m.put("amin", MIN);
    m.put("amax", MAX);
    BY_NAME = java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The function named {@code name}, optionally prefixed {@code np.} or {@code numpy.}; or null.
   */
  static AggregationFunction lookup(String name) {
    String n = name.trim();
    if (n.startsWith("np.")) {
      n = n.substring(3);
    } else if (n.startsWith("numpy.")) {
      n = n.substring(6);
    }
    if ((n.equals("len") || n.equals("count")) && !n.equals(name.trim())) {
      return null; // np.len / np.count do not exist
    }
    return BY_NAME.get(n);
  }
}
