/**
 * Per-cell aggregation: compiled aggregation variables ({@link
 * org.magg.transforms.spatial.CellAggregators}, {@link org.magg.transforms.spatial.CellAggregator})
 * evaluated over the points of one cell ({@link org.magg.transforms.spatial.CellColumns}), and the
 * small numpy-like expression language used by {@code expression} variables and {@code weights}
 * parameters ({@link org.magg.transforms.spatial.CompiledExpression}).
 *
 * <p>Plain Java, no Beam types: the transforms that group points by cell call these on their hot
 * path.
 */
package org.magg.transforms.spatial;
