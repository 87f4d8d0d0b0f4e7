package org.magg.pipelines.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.magg.io.cmr.BuiltCatalog;
import org.magg.io.cmr.CatalogBuilder;
import org.magg.io.cmr.CatalogRequest;
import org.magg.io.cmr.CmrClient;
import org.magg.io.cmr.CmrException;
import org.magg.io.cmr.GranuleQuery;
import org.magg.io.cmr.SpatialFilter;
import org.magg.io.cmr.TemporalRange;
import org.magg.io.cmr.UrlType;
import org.magg.io.spatial.GranuleCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magg catalog build|info}: granule catalogs from NASA CMR. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = "Build granule catalogs from NASA CMR and describe them.",
    subcommands = {CatalogCommand.Build.class, CatalogCommand.Info.class})
final class CatalogCommand {

  @Command(
      name = "build",
      mixinStandardHelpOptions = true,
      description = {
        "Search CMR for a collection's granules in a time range (or ICESat-2 cycle) and area,"
            + " find the parent cells each granule's footprint meets, and write magg's catalog"
            + " JSON.",
        "Exit codes: 0 written, 1 CMR or output failure, 2 usage error."
      })
  static final class Build implements Callable<Integer> {
    @Option(names = "--short-name", required = true, description = "Collection short name.")
    String shortName;

    @Option(names = "--version", required = true, description = "Collection version, e.g. 007.")
    String version;

    @Option(names = "--provider", required = true, description = "CMR provider, e.g. NSIDC_CPRD.")
    String provider;

    @Option(names = "--start-date", description = "YYYY-MM-DD (from 00:00:00Z) or an instant.")
    String startDate;

    @Option(names = "--end-date", description = "YYYY-MM-DD (to 23:59:59Z) or an instant.")
    String endDate;

    @Option(
        names = "--cycle",
        description = "ICESat-2 cycle N: 91 days from 2018-10-13 + (N-1) x 91 days.")
    Integer cycle;

    @Option(
        names = "--bbox",
        paramLabel = "LON_MIN,LAT_MIN,LON_MAX,LAT_MAX",
        description = "Area of interest (LON_MIN > LON_MAX crosses the antimeridian).")
    String bbox;

    @Option(
        names = "--polygon",
        paramLabel = "FILE",
        description = "Area of interest: GeoJSON (Multi)Polygon, edges as great circles.")
    Path polygon;

    @Option(
        names = "--parent-order",
        description = "Order of the catalog's cells, 0-18 (default ${DEFAULT-VALUE}).")
    int parentOrder = 6;

    @Option(names = "--output", required = true, description = "Catalog JSON file to write.")
    Path output;

    @Option(
        names = "--url-type",
        paramLabel = "s3|https",
        description = "Granule links to list (default ${DEFAULT-VALUE}).")
    String urlType = "s3";

    @Option(names = "--cmr-url", description = "CMR base URL (default ${DEFAULT-VALUE}).")
    String cmrUrl = CmrClient.DEFAULT_URL;

    @Option(
        names = "--page-size",
        description = "Granules per CMR page, 1-2000 (default ${DEFAULT-VALUE}).")
    int pageSize = GranuleQuery.MAX_PAGE_SIZE;

    @Option(
        names = "--attempts",
        description = "Attempts per CMR request before giving up (default ${DEFAULT-VALUE}).")
    int attempts = 5;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      CatalogRequest request = request();
      CmrClient client = CmrClient.builder(cmrUrl).maxAttempts(attempts).build();
      BuiltCatalog catalog;
      try {
        catalog =
            CatalogBuilder.fromCmr(
                request,
                client,
                Clock.systemUTC(),
                p -> {
                  err.printf(
                      "CMR page %d: %d granules (%d of %d)%n",
                      p.page(), p.pageGranules(), p.received(), p.hits());
                  err.flush();
                });
      } catch (CmrException e) {
        err.println("magg: " + e.getMessage());
        err.flush();
        return MaggCli.SOME_FAILED;
      }
      try {
        catalog.write(output);
      } catch (UncheckedIOException e) {
        err.println("magg: " + e.getMessage());
        err.flush();
        return MaggCli.SOME_FAILED;
      }
      Map<String, Object> meta = catalog.metadata();
      Map<String, Integer> skipped = catalog.skippedCounts();
      out.printf(
          Locale.ROOT,
          "CMR: %s granules (CMR-Hits %s) from %s%n",
          meta.get("total_granules"),
          meta.get("cmr_hits"),
          client.endpoint());
      out.printf(
          Locale.ROOT,
          "catalog: %d granules in %d cells of order %d; left out: %d without an %s URL, %d"
              + " without geometry, %d with invalid geometry, %d outside the area%n",
          catalog.catalogedGranules(),
          catalog.cells().size(),
          request.parentOrder(),
          skipped.get("no_url"),
          request.urlType().label(),
          skipped.get("no_geometry"),
          skipped.get("invalid_geometry"),
          skipped.get("outside_region"));
      int shown = 0;
      for (BuiltCatalog.Skipped s : catalog.skipped()) {
        if (shown++ == 20) {
          out.printf("  ... %d more%n", catalog.skipped().size() - 20);
          break;
        }
        out.printf("  left out %s: %s (%s)%n", s.granule(), s.reason().key(), s.detail());
      }
      int granules = ((Number) meta.get("total_granules")).intValue();
      double seconds = catalog.geometrySeconds();
      out.printf(
          Locale.ROOT,
          "cells found in %.2f s (%.0f granules/s)%n",
          seconds,
          seconds > 0 ? granules / seconds : 0.0);
      out.printf("wrote %s%n", output);
      out.flush();
      return MaggCli.OK;
    }

    private CatalogRequest request() {
      TemporalRange temporal;
      boolean dates = startDate != null || endDate != null;
      if (dates && cycle != null) {
        throw new IllegalArgumentException(
            "give either --start-date and --end-date, or --cycle, not both");
      } else if (cycle != null) {
        temporal = TemporalRange.icesat2Cycle(cycle);
      } else if (startDate != null && endDate != null) {
        temporal = TemporalRange.parse(startDate, endDate);
      } else if (dates) {
        throw new IllegalArgumentException("--start-date and --end-date go together");
      } else {
        throw new IllegalArgumentException(
            "a time range is required: --start-date D --end-date D, or --cycle N");
      }
      if (bbox != null && polygon != null) {
        throw new IllegalArgumentException("give either --bbox or --polygon, not both");
      }
      SpatialFilter spatial =
          bbox != null
              ? SpatialFilter.bbox(bbox)
              : polygon != null ? SpatialFilter.polygonFile(polygon) : SpatialFilter.everywhere();
      return new CatalogRequest(
          shortName,
          version,
          provider,
          temporal,
          cycle,
          spatial,
          parentOrder,
          UrlType.parse(urlType),
          pageSize);
    }
  }

  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = "Cells, granules and granules per cell of a catalog.")
  static final class Info implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Catalog JSON.")
    Path file;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      GranuleCatalog catalog = GranuleCatalog.read(file);
      PrintWriter out = spec.commandLine().getOut();
      List<Integer> perCell = new ArrayList<>();
      Set<String> granules = new HashSet<>();
      long entries = 0;
      for (List<String> g : catalog.cells().values()) {
        perCell.add(g.size());
        granules.addAll(g);
        entries += g.size();
      }
      Collections.sort(perCell);
      out.printf("catalog: %s%n", file);
      out.printf("parent order: %d%n", catalog.parentOrder());
      out.printf("cells: %d%n", perCell.size());
      out.printf("granules: %d (%d cell entries)%n", granules.size(), entries);
      if (!perCell.isEmpty()) {
        int n = perCell.size();
        double median =
            n % 2 == 1 ? perCell.get(n / 2) : (perCell.get(n / 2 - 1) + perCell.get(n / 2)) / 2.0;
        out.printf(
            Locale.ROOT,
            "granules per cell: min %d, median %s, mean %.1f, max %d%n",
            perCell.get(0),
            median == Math.rint(median) ? Long.toString((long) median) : Double.toString(median),
            (double) entries / n,
            perCell.get(n - 1));
      }
      for (Map.Entry<String, Object> e : catalog.metadata().entrySet()) {
        out.printf("metadata.%s: %s%n", e.getKey(), e.getValue());
      }
      out.flush();
      return MaggCli.OK;
    }
  }
}
