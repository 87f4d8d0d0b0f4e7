package org.magg.pipelines.config;

/**
 * A parsed pipeline config of any type: {@link PipelineConfig}, {@link TemporalConfig} or {@link
 * EventConfig}.
 */
public sealed interface MaggConfig permits PipelineConfig, TemporalConfig, EventConfig {
  /** The pipeline type. */
  PipelineType type();

  /** Where the config came from (a file, {@code s3://...} or {@code builtin:NAME}). */
  String origin();

  /** The config's {@code s3:} section. */
  S3Config s3();
}
