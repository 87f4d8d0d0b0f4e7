/**
 * Granule catalogs from NASA's Common Metadata Repository (CMR): {@link org.magg.catalog.CmrClient}
 * searches {@code granules.umm_json} and pages through the results with CMR's search-after
 * protocol; {@link org.magg.catalog.CatalogBuilder} turns each granule's footprint into the parent
 * cells it meets ({@link org.magg.grid.CellCoverage}) and {@link org.magg.catalog.BuiltCatalog}
 * writes magg's catalog JSON, which {@link org.magg.io.GranuleCatalog} reads. The command line is
 * {@code magg catalog build|info}.
 */
package org.magg.catalog;
