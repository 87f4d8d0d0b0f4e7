/**
 * The temporal pipeline: {@link org.magg.pipelines.temporal.TemporalPipeline} plans (event catalog,
 * static data, which timesteps each collection must read), builds the batch or streaming graph
 * (fields -> event steps -> per-event CombineFns -> event table) and runs; {@link
 * org.magg.pipelines.temporal.TemporalRunOptions} and {@link
 * org.magg.pipelines.temporal.TemporalSummary} are its options and result.
 */
package org.magg.pipelines.temporal;
