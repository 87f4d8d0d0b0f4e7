package org.magg.transforms.spatial;

/**
 * An invalid aggregation variable specification, reported against the configuration field that is
 * wrong, e.g. {@code aggregation.variables.h_mean.source: 'h' is not a data_source variable (known:
 * h_li, s_li)}.
 */
public class AggregationConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String path;

  AggregationConfigException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
  }

  AggregationConfigException(String path, String problem, Throwable cause) {
    super(path + ": " + problem, cause);
    this.path = path;
  }

  /**
   * The dotted configuration path of the offending field, e.g. {@code
   * aggregation.variables.h_q25.params.q}.
   */
  public String path() {
    return path;
  }
}
