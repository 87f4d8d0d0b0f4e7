package org.magg.io.cmr;

import org.magg.core.grid.Morton;

/**
 * What catalog to build: the collection and time range to search, the area, the parent order and
 * the kind of URL to list.
 *
 * @param shortName collection short name ({@code ATL06})
 * @param version collection version ({@code 007})
 * @param provider CMR provider ({@code NSIDC_CPRD})
 * @param temporal time range
 * @param cycle ICESat-2 cycle the range came from, or null
 * @param spatial area of interest
 * @param parentOrder order of the catalog's cells, 0 to 18 (Morton indices)
 * @param urlType S3 or HTTPS links
 * @param pageSize CMR page size, 1 to 2000
 */
public record CatalogRequest(
    String shortName,
    String version,
    String provider,
    TemporalRange temporal,
    Integer cycle,
    SpatialFilter spatial,
    int parentOrder,
    UrlType urlType,
    int pageSize) {

  public CatalogRequest {
    if (parentOrder < 0 || parentOrder > Morton.MAX_ORDER) {
      throw new IllegalArgumentException(
          "--parent-order must be in [0, " + Morton.MAX_ORDER + "], got " + parentOrder);
    }
    if (spatial == null) {
      spatial = SpatialFilter.everywhere();
    }
    if (urlType == null) {
      urlType = UrlType.S3;
    }
    new GranuleQuery(shortName, version, provider, temporal, spatial, pageSize); // validates
  }

  /** The CMR search. */
  public GranuleQuery toQuery() {
    return new GranuleQuery(shortName, version, provider, temporal, spatial, pageSize);
  }
}
