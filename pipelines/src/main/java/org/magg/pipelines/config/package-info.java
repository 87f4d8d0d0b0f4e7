/**
 * Pipeline configs: YAML (magg-compatible for spatial runs) parsed once into immutable records
 * ({@link org.magg.pipelines.config.PipelineConfig}, {@link
 * org.magg.pipelines.config.TemporalConfig}) and validated; every error names the field path.
 * {@link org.magg.pipelines.config.ConfigLoader} loads files and the built-in configs.
 */
package org.magg.pipelines.config;
