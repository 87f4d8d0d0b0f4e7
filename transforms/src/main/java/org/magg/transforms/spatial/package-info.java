/**
 * The spatial pipeline's transforms: {@link org.magg.transforms.spatial.ComputeCellStatistics}
 * groups point batches by parent cell and reduces them to per-child-cell statistics ({@link
 * org.magg.transforms.spatial.CellStatistics}), with the aggregation variables compiled once
 * ({@link org.magg.transforms.spatial.CellAggregators}, {@link
 * org.magg.transforms.spatial.CellAggregator}) over a cell's columns ({@link
 * org.magg.transforms.spatial.CellColumns}), and the small numpy-like expression language of {@code
 * expression} variables and {@code weights} parameters ({@link
 * org.magg.transforms.spatial.ExpressionParser}, {@link
 * org.magg.transforms.spatial.CompiledExpression}). The aggregation code is plain Java on the hot
 * path.
 */
package org.magg.transforms.spatial;
