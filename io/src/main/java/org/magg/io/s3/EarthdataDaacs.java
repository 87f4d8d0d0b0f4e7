package org.magg.io.s3;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The NASA Earthdata DAACs whose temporary S3 credentials we can fetch, and their {@code
 * /s3credentials} endpoints. This table is the single place where the default endpoints live.
 *
 * <p>Names are matched case-insensitively and ignoring punctuation, so {@code GES_DISC}, {@code
 * ges-disc} and {@code GESDISC} are the same DAAC; CMR cloud provider ids ({@code NSIDC_CPRD},
 * {@code POCLOUD}, {@code LPCLOUD}, ...) are accepted as aliases.
 *
 * <p>Where each endpoint comes from (all public, checked against each other):
 *
 * <ul>
 *   <li>[ea] earthaccess {@code earthaccess/daac.py}, the {@code "s3-credentials"} field of its
 *       {@code DAACS} table (NSIDC, GHRCDAAC, PODAAC, ASF, ORNLDAAC, LPDAAC, GES_DISC, LAADS; the
 *       table lists OBDAAC with no endpoint).
 *   <li>[eb] earthaccess {@code earthaccess/icechunk.py}, its bucket to endpoint map (the same
 *       hosts for NSIDC, PODAAC, LPDAAC, ORNL, GES DISC, GHRC, LAADS; adds {@code prod-lads},
 *       {@code ob-cumulus-prod-public}, {@code podaac-swot-ops-cumulus-*}, {@code
 *       asdc-prod-protected}, {@code asf-cumulus-prod-*}).
 *   <li>[sd] Apache SDAP (NEXUS) documentation, its table of DAAC credentials endpoints (PODAAC,
 *       PODAAC SWOT, LPDAAC, OBDAAC, NSIDC, LAADS, ASF cumulus, ASF Sentinel-1).
 *   <li>[rd] The endpoints' own {@code /s3credentialsREADME} pages (PODAAC, ASF cumulus, OB.DAAC):
 *       GET with an Earthdata Login bearer token, or follow the redirect to Earthdata Login; the
 *       answer is {@code {accessKeyId, secretAccessKey, sessionToken, expiration}}, valid 1 hour.
 *   <li>[ns] NSIDC's "Accessing NSIDC DAAC S3 Data with Temporary AWS Credentials" page ({@code
 *       curl -n -c cookies -b cookies -L
 *       https://data.nsidc.earthdatacloud.nasa.gov/s3credentials}).
 * </ul>
 *
 * <p>GES DISC: [ea] and [eb] give {@code data.gesdisc.earthdata.nasa.gov}, [sd] gives {@code
 * data.gesdisc.earthdatacloud.nasa.gov}; we follow earthaccess, which is what magg uses.
 */
public final class EarthdataDaacs {
  private EarthdataDaacs() {}

  /** One DAAC: its canonical name, its credentials endpoint, and the names it is also known by. */
  record Daac(String name, URI endpoint, List<String> aliases) {}

  private static final Map<String, Daac> BY_KEY = new LinkedHashMap<>();
  private static final List<Daac> ALL = new ArrayList<>();

  static {
    // NSIDC: [ea] [eb] [sd] [ns]
    add("NSIDC", "https://data.nsidc.earthdatacloud.nasa.gov/s3credentials", "NSIDC_CPRD");
    // GES DISC: [ea] [eb]; see the class comment for the earthdatacloud spelling in [sd]
    add("GES_DISC", "https://data.gesdisc.earthdata.nasa.gov/s3credentials");
    // PO.DAAC: [ea] [eb] [sd] [rd]
    add("PODAAC", "https://archive.podaac.earthdata.nasa.gov/s3credentials", "POCLOUD");
    // PO.DAAC's SWOT archive has its own endpoint: [eb] [sd]
    add("PODAAC_SWOT", "https://archive.swot.podaac.earthdata.nasa.gov/s3credentials");
    // LP DAAC: [ea] [eb] [sd]
    add("LPDAAC", "https://data.lpdaac.earthdatacloud.nasa.gov/s3credentials", "LPCLOUD");
    // ORNL DAAC: [ea] [eb]
    add("ORNLDAAC", "https://data.ornldaac.earthdata.nasa.gov/s3credentials", "ORNL", "ORNL_CLOUD");
    // GHRC DAAC: [ea] [eb]
    add("GHRCDAAC", "https://data.ghrc.earthdata.nasa.gov/s3credentials", "GHRC");
    // LAADS DAAC: [ea] [eb] [sd]
    add("LAADS", "https://data.laadsdaac.earthdatacloud.nasa.gov/s3credentials", "LAADSDAAC");
    // OB.DAAC: [eb] [sd] [rd]; earthaccess's DAAC table has no endpoint for it yet
    add("OBDAAC", "https://obdaac-tea.earthdatacloud.nasa.gov/s3credentials", "OB_CLOUD");
    // ASF: [ea] (Sentinel-1 buckets) [eb] [sd]
    add("ASF", "https://sentinel1.asf.alaska.edu/s3credentials");
    // ASF's other Cumulus products (OPERA, ARIA, SEASAT, ...): [eb] [sd] [rd]
    add("ASF_CUMULUS", "https://cumulus.asf.alaska.edu/s3credentials");
    // ASDC (Atmospheric Science Data Center): [eb]
    add("ASDC", "https://data.asdc.earthdata.nasa.gov/s3credentials");
  }

  private static void add(String name, String endpoint, String... aliases) {
    Daac daac = new Daac(name, URI.create(endpoint), List.of(aliases));
    ALL.add(daac);
    for (String n : concat(name, aliases)) {
      Daac previous = BY_KEY.put(key(n), daac);
      if (previous != null) {
        throw new IllegalStateException("DAAC name " + n + " is listed twice");
      }
    }
  }

  private static List<String> concat(String first, String[] rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    Collections.addAll(all, rest);
    return all;
  }

  /** The lookup key of a name: upper case, letters and digits only. */
  static String key(String name) {
    return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
  }

  /** The canonical DAAC names, in table order. */
  public static List<String> names() {
    return ALL.stream().map(Daac::name).toList();
  }

  /**
   * The {@code /s3credentials} endpoint of a DAAC.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static URI endpoint(String name) {
    return lookup(name).endpoint();
  }

  /**
   * The canonical name of a DAAC ({@code "ges-disc"} gives {@code "GES_DISC"}).
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static String canonicalName(String name) {
    return lookup(name).name();
  }

  static Daac lookup(String name) {
    Daac daac = name == null ? null : BY_KEY.get(key(name));
    if (daac == null) {
      throw new IllegalArgumentException(
          "unknown Earthdata DAAC '"
              + name
              + "' (known: "
              + String.join(", ", names())
              + "; for another DAAC give its /s3credentials URL as the endpoint)");
    }
    return daac;
  }

  /** Every DAAC with its aliases, for tests and documentation. */
  static List<Daac> all() {
    return Collections.unmodifiableList(ALL);
  }
}
