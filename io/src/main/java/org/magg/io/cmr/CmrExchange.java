package org.magg.io.cmr;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.magg.core.Retries;

/**
 * One request of a granule search and its answer: sends the query (GET, or a form POST when it is
 * longer than {@value #MAX_GET_QUERY} characters) with CMR's headers, retries 5xx and 429 answers
 * and I/O failures under the client's {@link Retries} policy (honouring {@code Retry-After}; no
 * pause is longer than {@value #MAX_PAUSE_SECONDS} s), and turns other answers than 2xx into a
 * {@link CmrException} with CMR's own error text.
 */
final class CmrExchange {
  /** Longest query string sent with GET. */
  static final int MAX_GET_QUERY = 6000;

  /** The longest pause between attempts, whatever {@code Retry-After} asks. */
  static final long MAX_PAUSE_SECONDS = 60;

  static final String ACCEPT = "application/vnd.nasa.cmr.umm_json+json";

  private final URI endpoint;
  private final Duration requestTimeout;
  private final String clientId;
  private final HttpClient http;
  private final Retries<HttpResponse<String>> retries;

  CmrExchange(
      URI endpoint,
      Duration connectTimeout,
      Duration requestTimeout,
      String clientId,
      Retries<HttpResponse<String>> policy) {
    this.endpoint = endpoint;
    this.requestTimeout = requestTimeout;
    this.clientId = clientId;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.retries =
        policy
            .retryingResults(r -> isRetried(r.statusCode()))
            .retryingExceptions(e -> e instanceof IOException)
            .honouringRetryAfter(CmrExchange::retryAfter)
            .withMaxDelay(Duration.ofSeconds(MAX_PAUSE_SECONDS));
  }

  /** The granule search URL. */
  URI endpoint() {
    return endpoint;
  }

  static boolean isRetried(int status) {
    return status == 429 || status >= 500;
  }

  /**
   * Sends one page's request, retrying as the policy says.
   *
   * @param params the query parameters, in order
   * @param searchAfter the {@code CMR-Search-After} value to send back, or null on the first page
   * @param page the page number, for messages
   * @return a 2xx answer
   * @throws CmrException if CMR refuses the request or keeps failing
   */
  HttpResponse<String> send(List<String[]> params, String searchAfter, int page) {
    HttpRequest request = request(params, searchAfter);
    HttpResponse<String> response;
    try {
      response =
          retries.call(
              () -> http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)),
              failed ->
                  new CmrException(
                      "CMR search failed after "
                          + failed.attempt()
                          + " attempts (page "
                          + page
                          + ", "
                          + endpoint
                          + "): "
                          + problem(failed)));
    } catch (IOException e) {
      // Not reached: every IOException is retried, and the last one ends in the giveUp above.
      throw new CmrException("CMR search failed (page " + page + ", " + endpoint + "): " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CmrException("interrupted while searching CMR", 0, e);
    }
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      throw new CmrException(
          "CMR refused the search (HTTP "
              + status
              + ", page "
              + page
              + ", "
              + endpoint
              + ")"
              + CmrPage.errorText(response.body()),
          status,
          null);
    }
    return response;
  }

  private HttpRequest request(List<String[]> params, String searchAfter) {
    String query = encode(params);
    HttpRequest.Builder request =
        HttpRequest.newBuilder()
            .timeout(requestTimeout)
            .header("Accept", ACCEPT)
            .header("Client-Id", clientId);
    if (searchAfter != null) {
      request.header(CmrPage.SEARCH_AFTER, searchAfter);
    }
    if (query.length() > MAX_GET_QUERY) {
      request
          .uri(endpoint)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(query, StandardCharsets.UTF_8));
    } else {
      request.uri(URI.create(endpoint + "?" + query)).GET();
    }
    return request.build();
  }

  /** What went wrong with the last attempt: CMR's answer, or the I/O failure. */
  private static String problem(Retries.Failed<HttpResponse<String>> failed) {
    if (failed.result() != null) {
      return "HTTP " + failed.result().statusCode() + CmrPage.errorText(failed.result().body());
    }
    Exception e = failed.exception();
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** The wait a {@code Retry-After: <seconds>} header asks for, at most a minute. */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            v -> {
              try {
                long s = Long.parseLong(v.trim());
                return Optional.of(Duration.ofSeconds(Math.max(0, Math.min(s, MAX_PAUSE_SECONDS))));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
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
}
