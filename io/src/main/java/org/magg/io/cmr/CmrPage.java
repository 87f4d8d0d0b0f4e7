package org.magg.io.cmr;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.magg.core.Json;

/**
 * One page of a {@code granules.umm_json} search as CMR answered it: the total number of matches
 * ({@code CMR-Hits} header, else the body's {@code "hits"}), the page's granules (UMM-G items, read
 * by {@link UmmGranules}) and the {@code CMR-Search-After} value to send for the next page.
 *
 * @param hits matches of the whole search
 * @param granules the page's granules, in CMR's order
 * @param searchAfter the {@code CMR-Search-After} header, if CMR sent one
 */
record CmrPage(long hits, List<CmrGranule> granules, Optional<String> searchAfter) {
  static final String SEARCH_AFTER = "CMR-Search-After";
  static final String HITS = "CMR-Hits";

  /**
   * Reads page {@code page} of a search of {@code endpoint}.
   *
   * @throws CmrException if the body is not a JSON object with an {@code "items"} array or the
   *     number of hits is missing or not a count
   */
  static CmrPage read(HttpResponse<String> response, int page, URI endpoint) {
    JsonNode body = parseBody(response, page, endpoint);
    long hits = hits(response, body, page, endpoint);
    JsonNode items = body.get("items");
    if (items == null || !items.isArray()) {
      throw new CmrException(
          "CMR page " + page + " from " + endpoint + " has no \"items\" array: " + clip(body));
    }
    List<CmrGranule> granules = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      granules.add(UmmGranules.parse(item));
    }
    return new CmrPage(hits, List.copyOf(granules), response.headers().firstValue(SEARCH_AFTER));
  }

  private static JsonNode parseBody(HttpResponse<String> response, int page, URI endpoint) {
    try {
      JsonNode body = Json.mapper().readTree(response.body());
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

  private static long hits(HttpResponse<String> response, JsonNode body, int page, URI endpoint) {
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
      JsonNode node = Json.mapper().readTree(body);
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

  static String clip(Object o) {
    String s = String.valueOf(o).replaceAll("\\s+", " ").trim();
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
