/**
 * The spatial pipeline: {@link org.magg.pipelines.spatial.SpatialPipeline} plans (catalog
 * selection, store layout), builds (catalog -> points -> cell statistics -> Zarr store) and runs;
 * {@link org.magg.pipelines.spatial.RunOptions} and {@link org.magg.pipelines.spatial.RunSummary}
 * are its options and result.
 */
package org.magg.pipelines.spatial;
