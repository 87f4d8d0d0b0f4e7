package org.magg.io.cmr;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.magg.core.Retries;

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
 * are retried with exponential back-off (see {@link Retries}; honouring {@code Retry-After}); other
 * 4xx responses fail at once with CMR's error messages ({@code {"errors": [...]}}) in the
 * exception. Queries longer than {@value CmrExchange#MAX_GET_QUERY} characters (large polygons) are
 * sent as a form POST, which CMR accepts for the same search.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CmrClient {

  /** NASA's operational CMR. */
  public static final String DEFAULT_URL = "https://cmr.earthdata.nasa.gov";

  /** The path of the granule search with UMM-G JSON results. */
  public static final String GRANULE_SEARCH = "/search/granules.umm_json";

  private final CmrExchange exchange;

  private CmrClient(Builder b) {
    Retries<HttpResponse<String>> retries =
        Retries.<HttpResponse<String>>of(b.maxAttempts, b.initialBackoff).withSleeper(b.sleeper);
    this.exchange =
        new CmrExchange(b.endpoint, b.connectTimeout, b.requestTimeout, b.clientId, retries);
  }

  /** A client for {@code baseUrl} ({@code https://cmr.earthdata.nasa.gov} or a test server). */
  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  /** The granule search URL. */
  public URI endpoint() {
    return exchange.endpoint();
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
    return new CmrPaging(exchange, query, progress).run();
  }

  /** Builds a {@link CmrClient}. */
  public static final class Builder {
    private final URI endpoint;
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration requestTimeout = Duration.ofSeconds(300);
    private String clientId = "magg-beam";
    private Retries.Sleeper sleeper = Retries.Sleeper.THREAD;

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

    /** Wait before the first retry; doubled for each further one, at most 60 s (default 1 s). */
    public Builder initialBackoff(Duration d) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("initial backoff must be zero or positive, got " + d);
      }
      this.initialBackoff = d;
      return this;
    }

    /** Takes the pauses between attempts (tests record them instead of waiting). */
    Builder sleeper(Retries.Sleeper s) {
      this.sleeper = Objects.requireNonNull(s, "sleeper");
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
