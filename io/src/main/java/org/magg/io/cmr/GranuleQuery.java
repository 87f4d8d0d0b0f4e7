package org.magg.io.cmr;

import java.util.ArrayList;
import java.util.List;

/**
 * A CMR granule search: collection, time range and area, sorted by start date.
 *
 * @param shortName collection short name, e.g. {@code ATL06}
 * @param version collection version, e.g. {@code 007}
 * @param provider CMR provider, e.g. {@code NSIDC_CPRD}
 * @param temporal time range the granules must overlap
 * @param spatial area the granules must meet
 * @param pageSize granules per page, 1 to 2000 (CMR's maximum)
 */
public record GranuleQuery(
    String shortName,
    String version,
    String provider,
    TemporalRange temporal,
    SpatialFilter spatial,
    int pageSize) {

  /** CMR's largest page size, and the default. */
  public static final int MAX_PAGE_SIZE = 2000;

  public GranuleQuery {
    requireText(shortName, "short name (--short-name)");
    requireText(version, "version (--version)");
    requireText(provider, "provider (--provider)");
    if (temporal == null) {
      throw new IllegalArgumentException("a time range is required");
    }
    if (spatial == null) {
      spatial = SpatialFilter.everywhere();
    }
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "page size must be in [1, " + MAX_PAGE_SIZE + "], got " + pageSize);
    }
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a " + what + " is required");
    }
  }

  /**
   * The search parameters in the order they are sent: {@code provider, short_name, version,
   * temporal}, the spatial ones, {@code sort_key=start_date, page_size}.
   */
  public List<String[]> parameters() {
    List<String[]> out = new ArrayList<>();
    out.add(new String[] {"provider", provider});
    out.add(new String[] {"short_name", shortName});
    out.add(new String[] {"version", version});
    out.add(new String[] {"temporal", temporal.cmrValue()});
    out.addAll(spatial.cmrParameters());
    out.add(new String[] {"sort_key", "start_date"});
    out.add(new String[] {"page_size", Integer.toString(pageSize)});
    return out;
  }
}
