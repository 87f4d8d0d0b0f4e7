package org.magg.io.cmr;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One granule search paged to the end with CMR's search-after protocol: the {@code
 * CMR-Search-After} value of each answer is sent back, unchanged, as a request header for the next
 * page. Paging stops once {@code CMR-Hits} granules have arrived, or at an empty or short page.
 * Only if the server sends no {@code CMR-Search-After} header at all does it fall back to {@code
 * page_num}. Fewer granules than {@code CMR-Hits}, a repeated search-after value, or more pages
 * than the hits can fill are errors rather than a silently short catalog. Granules are kept once
 * per concept (or granule UR) in CMR's order.
 */
final class CmrPaging {
  private final CmrExchange exchange;
  private final GranuleQuery query;
  private final Consumer<CmrClient.Progress> progress;

  private final List<CmrGranule> granules = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private String searchAfter;
  private boolean byPageNumber;
  private long hits = -1;
  private int pages;

  CmrPaging(CmrExchange exchange, GranuleQuery query, Consumer<CmrClient.Progress> progress) {
    this.exchange = exchange;
    this.query = query;
    this.progress = progress;
  }

  /** Runs the search to the last page; an instance runs once. */
  CmrClient.Search run() {
    int maxPages = Integer.MAX_VALUE;
    while (true) {
      CmrPage page = fetchNextPage();
      if (hits < 0) {
        hits = page.hits();
        maxPages = (int) Math.min(Integer.MAX_VALUE - 1, hits / query.pageSize() + 2);
      }
      for (CmrGranule g : page.granules()) {
        String key = g.conceptId().isEmpty() ? g.granuleUr() : g.conceptId();
        if (seen.add(key)) {
          granules.add(g);
        }
      }
      int size = page.granules().size();
      if (progress != null) {
        progress.accept(new CmrClient.Progress(pages, size, granules.size(), hits));
      }
      if (granules.size() >= hits || size == 0 || size < query.pageSize()) {
        break;
      }
      followSearchAfter(page);
      if (pages >= maxPages) {
        throw new CmrException(
            "CMR kept returning pages: "
                + pages
                + " pages for "
                + hits
                + " hits at "
                + query.pageSize()
                + " per page");
      }
    }
    if (granules.size() < hits) {
      throw new CmrException(
          "CMR reported "
              + hits
              + " hits (CMR-Hits) but returned "
              + granules.size()
              + " granules in "
              + pages
              + " pages; the collection may have changed during the search, run it again");
    }
    return new CmrClient.Search(
        List.copyOf(granules), hits, pages, byPageNumber ? "page_num" : "search-after");
  }

  private CmrPage fetchNextPage() {
    List<String[]> params = new ArrayList<>(query.parameters());
    if (byPageNumber) {
      params.add(new String[] {"page_num", Integer.toString(pages + 1)});
    }
    HttpResponse<String> response = exchange.send(params, searchAfter, pages + 1);
    pages++;
    return CmrPage.read(response, pages, exchange.endpoint());
  }

  /** Takes the next page's search-after value, or falls back to page numbers. */
  private void followSearchAfter(CmrPage page) {
    if (page.searchAfter().isPresent()) {
      String next = page.searchAfter().get();
      if (byPageNumber) {
        // A server that starts sending search-after midway: keep using page numbers.
      } else if (next.equals(searchAfter)) {
        throw new CmrException(
            "CMR returned the same "
                + CmrPage.SEARCH_AFTER
                + " value twice (page "
                + pages
                + "): "
                + next);
      } else {
        searchAfter = next;
      }
    } else if (searchAfter != null) {
      throw new CmrException(
          "CMR stopped sending "
              + CmrPage.SEARCH_AFTER
              + " after page "
              + pages
              + " with "
              + granules.size()
              + " of "
              + hits
              + " granules; run the search again");
    } else {
      byPageNumber = true;
    }
  }
}
