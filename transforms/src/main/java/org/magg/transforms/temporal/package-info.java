/**
 * The temporal pipeline's transforms: {@link org.magg.transforms.temporal.EvaluateSlices} prepares
 * each field timestep once and evaluates it for every event alive at it ({@link
 * org.magg.transforms.temporal.SliceEvaluator}, {@link
 * org.magg.transforms.temporal.SpatialFunctions} over sparse {@link
 * org.magg.transforms.temporal.CellMask}s); {@link org.magg.transforms.temporal.EventWindows} gives
 * each event its own window; {@link org.magg.transforms.temporal.ReduceEvents} combines each
 * event's steps with {@link org.magg.transforms.temporal.EventMetricsFn}, one {@code CombineFn}
 * holding every metric's reducer ({@link org.magg.transforms.temporal.TemporalReducers}). Metrics
 * are described by plain {@link org.magg.transforms.temporal.MetricSpec}s.
 */
package org.magg.transforms.temporal;
