package org.magg.pipelines.config;

import java.io.Serializable;
import org.magg.core.grid.SpatialBounds;
import org.magg.io.spatial.PointSource;

/**
 * A whole pipeline configuration, parsed once from YAML into immutable records.
 *
 * @param type the pipeline type ({@code pipeline.type}, default spatial)
 * @param dataSource where the points come from
 * @param aggregation what is computed per cell
 * @param output where and how results are written
 * @param catalog granule catalog location, or null when given at run time
 * @param bounds optional spatial bounds, or null
 * @param origin where the config came from (a file path or {@code builtin:NAME}), for messages
 * @param s3 the optional {@code s3:} section ({@link S3Config#NONE} when absent)
 */
public record PipelineConfig(
    PipelineType type,
    PointSource dataSource,
    AggregationConfig aggregation,
    OutputConfig output,
    String catalog,
    SpatialBounds bounds,
    String origin,
    S3Config s3)
    implements Serializable, MaggConfig {

  public PipelineConfig {
    s3 = s3 == null ? S3Config.NONE : s3;
  }

  /** A config without an {@code s3:} section. */
  public PipelineConfig(
      PipelineType type,
      PointSource dataSource,
      AggregationConfig aggregation,
      OutputConfig output,
      String catalog,
      SpatialBounds bounds,
      String origin) {
    this(type, dataSource, aggregation, output, catalog, bounds, origin, S3Config.NONE);
  }
}
