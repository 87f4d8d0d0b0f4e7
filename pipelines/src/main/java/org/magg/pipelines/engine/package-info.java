/**
 * The engine pipeline: an {@link org.magg.pipelines.config.EngineConfig}'s producers resolved for
 * target variables, skipped when the cube holds their outputs and nothing they depend on changed,
 * and the rest run on Beam layer by layer ({@link org.magg.pipelines.engine.EnginePipeline}), with
 * retries, dead letters and the run's lineage in the cube's catalog; and what the cube holds
 * ({@link org.magg.pipelines.engine.EngineStatus}) and a run's lineage ({@link
 * org.magg.pipelines.engine.EngineLineage}).
 */
package org.magg.pipelines.engine;
