package org.magg.io.spatial;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the points come from: the reader, the groups to read in each granule, the coordinate and
 * variable paths (templated by {@code {group}} for HDF5, column names for CSV) and an optional
 * quality filter.
 *
 * @param reader which reader reads the granules
 * @param groups HDF5 groups read in each granule (ATL06 beams); empty for CSV
 * @param latitude latitude dataset path or column
 * @param longitude longitude dataset path or column
 * @param variables variable name to dataset path or column, in config order
 * @param qualityFilter rows whose quality dataset differs from the value are dropped; may be null
 */
public record PointSource(
    Reader reader,
    List<String> groups,
    String latitude,
    String longitude,
    Map<String, String> variables,
    QualityFilter qualityFilter)
    implements Serializable {

  /** The readers a data source can name. */
  public enum Reader {
    /** HDF5 granules ({@code reader: hdf5}, or magg's {@code h5coro}). */
    HDF5,
    /** Point tables in CSV with a header row ({@code reader: csv}). */
    CSV
  }

  /**
   * Keep rows whose {@code dataset} equals {@code value}.
   *
   * @param dataset dataset path (templated by {@code {group}}) or CSV column
   * @param value the value a row must have to be kept
   */
  public record QualityFilter(String dataset, double value) implements Serializable {}

  public PointSource {
    groups = List.copyOf(groups);
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }

  /** Replaces {@code {group}} in a templated path. */
  public static String resolve(String template, String group) {
    return group == null ? template : template.replace("{group}", group);
  }
}
