/**
 * Granule catalogs from NASA's Common Metadata Repository (CMR): {@link org.magg.io.cmr.CmrClient}
 * searches {@code granules.umm_json} and pages through the results with CMR's search-after
 * protocol; {@link org.magg.io.cmr.CatalogBuilder} turns each granule's footprint into the parent
 * cells it meets ({@link org.magg.core.grid.CellCoverage}) and {@link org.magg.io.cmr.BuiltCatalog}
 * writes the catalog JSON that {@link org.magg.io.spatial.GranuleCatalog} reads. The command line
 * is {@code magg catalog build|info}.
 */
package org.magg.io.cmr;
