package org.magg.io.cmr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Searches NASA CMR's granule index ({@code /search/granules.umm_json}) and pages through the
 * results.
 *
 * <p><b>Paging</b> follows CMR's search-after protocol: each response carries the total number of
 * matches in the {@code CMR-Hits} header and a {@code CMR-Search-After} header whose value is sent
 * back, unchanged, as a request header to get the next page (CMR refuses deep {@code page_num} /
 * {@code offset} paging). Paging stops once {@code CMR-Hits} granules have arrived, or at an empty
 * or short page. Only if a server sends no {@code CMR-Search-After} header at all does the client
 * fall back to {@code page_num}. Fewer granules than {@code CMR-Hits}, or a repeated search-after
 * value, is an error rather than a silently short catalog.
 *
 * <p><b>Errors</b>: 5xx and 429 responses and I/O failures (connection refused or reset, time-outs)
 * are retried with exponential back-off (honouring {@code Retry-After}); other 4xx responses fail
 * at once with CMR's error messages ({@code {"errors": [...]}}) in the exception. Queries longer
 * than {@value #MAX_GET_QUERY} characters (large polygons) are sent as a form POST, which CMR
 * accepts for the same search.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CmrClient {

  /** NASA's operational CMR. */
  public static final String DEFAULT_URL = "https://cmr.earthdata.nasa.gov";

  /** The path of the granule search with UMM-G JSON results. */
  public static final String GRANULE_SEARCH = "/search/granules.umm_json";

  /** Longest query string sent with GET. */
  static final int MAX_GET_QUERY = 6000;

  static final String ACCEPT = "application/vnd.nasa.cmr.umm_json+json";
  static final String SEARCH_AFTER = "CMR-Search-After";
  static final String HITS = "CMR-Hits";

  private static final ObjectMapper JSON = org.magg.core.Json.mapper();

  private final URI endpoint;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration requestTimeout;
  private final String clientId;
  private final HttpClient http;

  private CmrClient(Builder b) {
    this.endpoint = b.endpoint;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.requestTimeout = b.requestTimeout;
    this.clientId = b.clientId;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** A client for {@code baseUrl} ({@code https://cmr.earthdata.nasa.gov} or a test server). */
  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  /** The granule search URL. */
  public URI endpoint() {
    return endpoint;
  }

  /** Progress after each page. */
  public record Progress(int page, int pageGranules, int received, long hits) {}

  /**
   * A finished search.
   *
   * @param granules the granules, in CMR's order, each concept once
   * @param hits {@code CMR-Hits} of the first page
   * @param pages pages fetched
   * @param pagedBy {@code search-after} or {@code page_num}
   */
  public record Search(List<CmrGranule> granules, long hits, int pages, String pagedBy) {}

  /**
   * Runs a granule search to the last page.
   *
   * @param query what to search for
   * @param progress called after each page (may be {@code null})
   * @return all granules found
   * @throws CmrException if CMR refuses the query, keeps failing, or returns too few granules
   */
  public Search search(GranuleQuery query, Consumer<Progress> progress) {
    List<CmrGranule> granules = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String searchAfter = null;
    boolean byPageNumber = false;
    long hits = -1;
    int pages = 0;
    int maxPages = Integer.MAX_VALUE;
    while (true) {
      List<String[]> params = new ArrayList<>(query.parameters());
      if (byPageNumber) {
        params.add(new String[] {"page_num", Integer.toString(pages + 1)});
      }
      HttpResponse<String> response = send(params, searchAfter, pages + 1);
      pages++;
      JsonNode body = parseBody(response, pages);
      long pageHits = hits(response, body, pages);
      if (hits < 0) {
        hits = pageHits;
        maxPages = (int) Math.min(Integer.MAX_VALUE - 1, hits / query.pageSize() + 2);
      }
      JsonNode items = body.get("items");
      if (items == null || !items.isArray()) {
        throw new CmrException(
            "CMR page " + pages + " from " + endpoint + " has no \"items\" array: " + clip(body));
      }
      for (JsonNode item : items) {
        CmrGranule g = UmmGranules.parse(item);
        String key = g.conceptId().isEmpty() ? g.granuleUr() : g.conceptId();
        if (seen.add(key)) {
          granules.add(g);
        }
      }
      if (progress != null) {
        progress.accept(new Progress(pages, items.size(), granules.size(), hits));
      }
      if (granules.size() >= hits || items.isEmpty() || items.size() < query.pageSize()) {
        break;
      }
      Optional<String> next = response.headers().firstValue(SEARCH_AFTER);
      if (next.isPresent()) {
        if (byPageNumber) {
          // A server that starts sending search-after midway: keep using page numbers.
        } else if (next.get().equals(searchAfter)) {
          throw new CmrException(
              "CMR returned the same "
                  + SEARCH_AFTER
                  + " value twice (page "
                  + pages
                  + "): "
                  + next.get());
        } else {
          searchAfter = next.get();
        }
      } else if (searchAfter != null) {
        throw new CmrException(
            "CMR stopped sending "
                + SEARCH_AFTER
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
    return new Search(
        List.copyOf(granules), hits, pages, byPageNumber ? "page_num" : "search-after");
  }

  private HttpResponse<String> send(List<String[]> params, String searchAfter, int page) {
    String query = encode(params);
    HttpRequest.Builder request =
        HttpRequest.newBuilder()
            .timeout(requestTimeout)
            .header("Accept", ACCEPT)
            .header("Client-Id", clientId);
    if (searchAfter != null) {
      request.header(SEARCH_AFTER, searchAfter);
    }
    if (query.length() > MAX_GET_QUERY) {
      request
          .uri(endpoint)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(query, StandardCharsets.UTF_8));
    } else {
      request.uri(URI.create(endpoint + "?" + query)).GET();
    }
    HttpRequest built = request.build();
    String lastProblem = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 10));
      try {
        HttpResponse<String> response =
            http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return response;
        }
        if (status == 429 || status >= 500) {
          lastProblem = "HTTP " + status + errorText(response.body());
          Duration asked = retryAfter(response).orElse(Duration.ZERO);
          if (asked.compareTo(backoff) > 0) {
            backoff = asked;
          }
        } else {
          throw new CmrException(
              "CMR refused the search (HTTP "
                  + status
                  + ", page "
                  + page
                  + ", "
                  + endpoint
                  + ")"
                  + errorText(response.body()),
              status,
              null);
        }
      } catch (IOException e) {
        lastProblem =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CmrException("interrupted while searching CMR", 0, e);
      }
      if (attempt < maxAttempts) {
        sleep(backoff);
      }
    }
    throw new CmrException(
        "CMR search failed after "
            + maxAttempts
            + " attempts (page "
            + page
            + ", "
            + endpoint
            + "): "
            + lastProblem);
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            v -> {
              try {
                long s = Long.parseLong(v.trim());
                return Optional.of(Duration.ofSeconds(Math.max(0, Math.min(s, 60))));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(Math.min(d.toMillis(), 60_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CmrException("interrupted while waiting to retry a CMR search", 0, e);
    }
  }

  private JsonNode parseBody(HttpResponse<String> response, int page) {
    try {
      JsonNode body = JSON.readTree(response.body());
      if (body == null || !body.isObject()) {
        throw new CmrException(
            "CMR page "
                + page
                + " from "
                + endpoint
                + " is not a JSON object: "
                + clip(response.body()));
      }
      return body;
    } catch (IOException e) {
      throw new CmrException(
          "CMR page "
              + page
              + " from "
              + endpoint
              + " is not valid JSON: "
              + e.getMessage()
              + " ("
              + clip(response.body())
              + ")",
          response.statusCode(),
          e);
    }
  }

  private long hits(HttpResponse<String> response, JsonNode body, int page) {
    Optional<String> header = response.headers().firstValue(HITS);
    String text = header.orElse(body.has("hits") ? body.get("hits").asText() : null);
    if (text == null) {
      throw new CmrException(
          "CMR page "
              + page
              + " from "
              + endpoint
              + " has neither a "
              + HITS
              + " header nor a \"hits\" field");
    }
    try {
      long h = Long.parseLong(text.trim());
      if (h < 0) {
        throw new NumberFormatException();
      }
      return h;
    } catch (NumberFormatException e) {
      throw new CmrException("CMR page " + page + ": " + HITS + " is not a count: '" + text + "'");
    }
  }

  /** CMR's error messages ({@code {"errors": [...]}}) or the start of the body. */
  static String errorText(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode errors = node == null ? null : node.get("errors");
      if (errors != null && errors.isArray() && errors.size() > 0) {
        List<String> messages = new ArrayList<>();
        for (JsonNode e : errors) {
          messages.add(e.isTextual() ? e.textValue() : e.toString());
        }
        return ": " + String.join("; ", messages);
      }
    } catch (IOException e) {
      // not JSON (an HTML error page, XML): show its start
    }
    return ": " + clip(body);
  }

  private static String clip(Object o) {
    String s = String.valueOf(o).replaceAll("\\s+", " ").trim();
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  static String encode(List<String[]> params) {
    StringBuilder sb = new StringBuilder();
    for (String[] p : params) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(p[0], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(p[1], StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  /** Builds a {@link CmrClient}. */
  public static final class Builder {
    private final URI endpoint;
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration requestTimeout = Duration.ofSeconds(300);
    private String clientId = "magg-beam";

    private Builder(String baseUrl) {
      if (baseUrl == null || baseUrl.isBlank()) {
        throw new IllegalArgumentException("CMR URL is empty; e.g. " + DEFAULT_URL);
      }
      String base = baseUrl.trim();
      while (base.endsWith("/")) {
        base = base.substring(0, base.length() - 1);
      }
      if (base.endsWith("/search")) {
        base = base.substring(0, base.length() - "/search".length());
      }
      URI uri;
      try {
        uri = URI.create(base + GRANULE_SEARCH);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("CMR URL '" + baseUrl + "' is not a URL", e);
      }
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "CMR URL '" + baseUrl + "' must be an http(s) URL such as " + DEFAULT_URL);
      }
      this.endpoint = uri;
    }

    /** Attempts per request, counting the first (default 5). */
    public Builder maxAttempts(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, got " + n);
      }
      this.maxAttempts = n;
      return this;
    }

    /** Wait before the first retry; doubled for each further one (default 1 s). */
    public Builder initialBackoff(Duration d) {
      this.initialBackoff = d;
      return this;
    }

    /** Time limit for one request (default 300 s). */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = d;
      return this;
    }

    /** The {@code Client-Id} header CMR asks clients to send (default {@code magg-beam}). */
    public Builder clientId(String id) {
      this.clientId = id;
      return this;
    }

    public CmrClient build() {
      return new CmrClient(this);
    }
  }
}
