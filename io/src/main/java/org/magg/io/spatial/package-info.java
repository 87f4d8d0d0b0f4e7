/**
 * The spatial pipeline's connectors: granule catalogs ({@link org.magg.io.spatial.GranuleCatalog},
 * read by {@link org.magg.io.spatial.GranuleCatalogIO} into one element per granule and its parent
 * cells), points ({@link org.magg.io.spatial.GranulePointsIO}: ATL06 HDF5 or CSV point tables
 * described by a {@link org.magg.io.spatial.PointSource}, binned into columnar {@link
 * org.magg.io.spatial.PointBatch}es per parent cell) and the cell store sink ({@link
 * org.magg.io.spatial.ZarrIO}: {@link org.magg.io.spatial.CellChunk}s written to an xdggs-layout
 * Zarr store laid out by a {@link org.magg.io.spatial.CellStoreSpec}).
 */
package org.magg.io.spatial;
