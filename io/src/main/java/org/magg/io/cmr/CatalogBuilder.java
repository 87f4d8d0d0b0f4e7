package org.magg.io.cmr;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;
import org.magg.core.grid.CellCoverage;
import org.magg.core.grid.LonLatBox;
import org.magg.core.grid.Morton;
import org.magg.core.grid.SphericalPolygon;
import org.magg.core.grid.SphericalRegion;

/**
 * Builds a granule catalog from CMR search results: each granule's footprint ({@code GPolygons} as
 * great-circle polygons, else {@code BoundingRectangles} as longitude/latitude boxes) is covered
 * with parent cells by {@link CellCoverage}; with an area of interest, only cells that meet it are
 * kept. Granules without a URL of the requested kind or without a usable footprint are left out and
 * listed with the reason.
 */
public final class CatalogBuilder {

  /** The {@code method} recorded in the metadata. */
  public static final String METHOD = "cmr_footprint_cells";

  private CatalogBuilder() {}

  /**
   * Searches CMR and builds the catalog.
   *
   * @param request what to build
   * @param client the CMR client
   * @param clock for {@code metadata.created}
   * @param progress called after each CMR page (may be null)
   * @throws CmrException if the search fails
   */
  public static BuiltCatalog fromCmr(
      CatalogRequest request,
      CmrClient client,
      Clock clock,
      Consumer<CmrClient.Progress> progress) {
    CmrClient.Search search = client.search(request.toQuery(), progress);
    return build(request, search, client.endpoint().toString(), clock);
  }

  /** Builds the catalog from a finished search. */
  public static BuiltCatalog build(
      CatalogRequest request, CmrClient.Search search, String cmrUrl, Clock clock) {
    List<CmrGranule> granules = search.granules();
    CellCoverage coverage = CellCoverage.atOrder(request.parentOrder());
    AreaFilter area = new AreaFilter(request.spatial().regions(), coverage);
    long start = System.nanoTime();
    // Per granule, in parallel; results are collected in CMR order, so the output is the same.
    Outcome[] outcomes =
        IntStream.range(0, granules.size())
            .parallel()
            .mapToObj(i -> place(granules.get(i), request.urlType(), coverage, area))
            .toArray(Outcome[]::new);
    double seconds = (System.nanoTime() - start) / 1e9;

    TreeMap<Long, List<Entry>> byCell = new TreeMap<>();
    List<BuiltCatalog.Skipped> skipped = new ArrayList<>();
    Set<String> listed = new LinkedHashSet<>();
    for (int i = 0; i < granules.size(); i++) {
      CmrGranule g = granules.get(i);
      Outcome o = outcomes[i];
      if (o.reason != null) {
        skipped.add(new BuiltCatalog.Skipped(g.label(), o.reason, o.detail));
        continue;
      }
      String url = g.url(request.urlType());
      listed.add(url);
      Entry e = new Entry(beginOf(g), url);
      for (long nested : o.cells) {
        byCell
            .computeIfAbsent(
                Morton.fromNested(nested, request.parentOrder()), k -> new ArrayList<>())
            .add(e);
      }
    }
    TreeMap<Long, List<String>> cells = new TreeMap<>();
    Comparator<Entry> order = Comparator.comparing(Entry::begin).thenComparing(Entry::url);
    byCell.forEach(
        (cell, entries) -> {
          entries.sort(order);
          List<String> urls =
              new ArrayList<>(new LinkedHashSet<>(entries.stream().map(Entry::url).toList()));
          cells.put(cell, List.copyOf(urls));
        });

    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("short_name", request.shortName());
    meta.put("version", request.version());
    meta.put("provider", request.provider());
    DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT;
    meta.put("start_date", iso.format(request.temporal().start()));
    meta.put("end_date", iso.format(request.temporal().end()));
    if (request.cycle() != null) {
      meta.put("cycle", request.cycle());
    }
    meta.put("parent_order", request.parentOrder());
    meta.put("total_granules", granules.size());
    meta.put("total_cells", cells.size());
    meta.put("created", iso.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    meta.putAll(request.spatial().metadata());
    meta.put("method", METHOD);
    meta.put("url_type", request.urlType().label());
    meta.put("cmr_url", cmrUrl);
    meta.put("cmr_hits", search.hits());
    meta.put("granules_cataloged", listed.size());
    meta.put("granules_skipped", BuiltCatalog.countByReason(skipped));
    return new BuiltCatalog(cells, meta, skipped, listed.size(), seconds);
  }

  private record Entry(Instant begin, String url) {}

  /** A granule's cells, or why it has none. */
  private record Outcome(long[] cells, BuiltCatalog.Reason reason, String detail) {
    static Outcome skip(BuiltCatalog.Reason reason, String detail) {
      return new Outcome(null, reason, detail);
    }
  }

  private static Outcome place(CmrGranule g, UrlType type, CellCoverage coverage, AreaFilter area) {
    if (g.url(type) == null) {
      UrlType other = type == UrlType.S3 ? UrlType.HTTPS : UrlType.S3;
      return Outcome.skip(
          BuiltCatalog.Reason.NO_URL,
          "no "
              + type.label()
              + " data URL"
              + (g.url(other) != null ? " (it has an " + other.label() + " one)" : ""));
    }
    if (g.geometryProblem() != null) {
      return Outcome.skip(BuiltCatalog.Reason.INVALID_GEOMETRY, g.geometryProblem());
    }
    List<SphericalRegion> regions = new ArrayList<>();
    for (int k = 0; k < g.polygons().size(); k++) {
      double[][] ring = g.polygons().get(k);
      try {
        regions.add(SphericalPolygon.of(ring[0], ring[1]));
      } catch (IllegalArgumentException e) {
        return Outcome.skip(
            BuiltCatalog.Reason.INVALID_GEOMETRY, "GPolygons[" + k + "]: " + e.getMessage());
      }
    }
    if (regions.isEmpty()) {
      for (int k = 0; k < g.boxes().size(); k++) {
        double[] b = g.boxes().get(k);
        try {
          regions.add(LonLatBox.of(b[0], b[1], b[2], b[3]));
        } catch (IllegalArgumentException e) {
          return Outcome.skip(
              BuiltCatalog.Reason.INVALID_GEOMETRY,
              "BoundingRectangles[" + k + "]: " + e.getMessage());
        }
      }
    }
    if (regions.isEmpty()) {
      return Outcome.skip(
          BuiltCatalog.Reason.NO_GEOMETRY,
          g.otherGeometry().isEmpty()
              ? "no GPolygons or BoundingRectangles"
              : "only " + String.join(" and ", g.otherGeometry()) + " (not supported)");
    }
    long[] cells = union(regions, coverage);
    cells = area.keep(cells);
    if (cells.length == 0) {
      return Outcome.skip(BuiltCatalog.Reason.OUTSIDE_REGION, "no cell meets the area of interest");
    }
    return new Outcome(cells, null, null);
  }

  private static long[] union(List<SphericalRegion> regions, CellCoverage coverage) {
    if (regions.size() == 1) {
      return coverage.cells(regions.get(0));
    }
    return regions.stream()
        .flatMapToLong(r -> Arrays.stream(coverage.cells(r)))
        .sorted()
        .distinct()
        .toArray();
  }

  private static Instant beginOf(CmrGranule g) {
    try {
      return Instant.parse(g.begin());
    } catch (DateTimeParseException e) {
      return Instant.MAX; // unknown start: last
    }
  }

  /** Keeps the cells that meet one of the area's regions (memoised; thread-safe). */
  private static final class AreaFilter {
    private final List<LongPredicate> testers = new ArrayList<>();
    private final Map<Long, Boolean> memo = new ConcurrentHashMap<>();

    AreaFilter(List<SphericalRegion> regions, CellCoverage coverage) {
      for (SphericalRegion r : regions) {
        testers.add(coverage.tester(r));
      }
    }

    long[] keep(long[] cells) {
      if (testers.isEmpty()) {
        return cells;
      }
      return Arrays.stream(cells).filter(c -> memo.computeIfAbsent(c, this::meets)).toArray();
    }

    private boolean meets(long cell) {
      for (LongPredicate t : testers) {
        if (t.test(cell)) {
          return true;
        }
      }
      return false;
    }
  }
}
