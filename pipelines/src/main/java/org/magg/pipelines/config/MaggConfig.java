package org.magg.pipelines.config;

/**
 * A parsed pipeline config of any type: {@link PipelineConfig}, {@link TemporalConfig}, {@link
 * EventConfig} or {@link EngineConfig}.
 */
public sealed interface MaggConfig
    permits PipelineConfig, TemporalConfig, EventConfig, EngineConfig {
  /** The pipeline type. */
  PipelineType type();

  /** Where the config came from (a file, {@code s3://...} or {@code builtin:NAME}). */
  String origin();

  /** The config's {@code s3:} section. */
  S3Config s3();
}
