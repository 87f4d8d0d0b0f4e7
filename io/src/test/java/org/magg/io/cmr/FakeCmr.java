package org.magg.io.cmr;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for CMR's granule search, on 127.0.0.1: serves recorded-style {@code
 * granules.umm_json} pages with {@code CMR-Hits} and {@code CMR-Search-After} headers and records
 * every request it receives. Like CMR, it refuses {@code page_num} or {@code offset} together with
 * a {@code CMR-Search-After} header.
 */
final class FakeCmr implements AutoCloseable {

  /** How the server pages. */
  enum Paging {
    /** CMR today: a CMR-Search-After header on every page. */
    SEARCH_AFTER,
    /** An old or proxied CMR: no CMR-Search-After header; page_num selects the page. */
    PAGE_NUM,
    /** A broken server repeating the same search-after value. */
    REPEATING_SEARCH_AFTER
  }

  /** One request as received. */
  record Request(String method, String path, List<String[]> params, Map<String, String> headers) {
    String param(String name) {
      String found = null;
      for (String[] p : params) {
        if (p[0].equals(name)) {
          if (found != null) {
            throw new AssertionError("parameter " + name + " sent twice");
          }
          found = p[1];
        }
      }
      return found;
    }

    String header(String name) {
      return headers.get(name.toLowerCase());
    }

    List<String> names() {
      List<String> out = new ArrayList<>();
      for (String[] p : params) {
        out.add(p[0]);
      }
      return out;
    }
  }

  private final HttpServer server;
  private final List<String> pages;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger resetsLeft = new AtomicInteger();
  private volatile Paging paging = Paging.SEARCH_AFTER;
  private volatile long hits;
  private volatile int rejectStatus;
  private volatile String rejectBody;
  private volatile String retryAfter = "0";

  /** Serves the given page bodies (JSON) in order. */
  FakeCmr(List<String> pages, long hits) throws IOException {
    this.pages = List.copyOf(pages);
    this.hits = hits;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/search/granules.umm_json", this::handle);
    server.start();
  }

  /** The three recorded pages of the test collection (7 ATL06 granules). */
  static List<String> recordedPages() {
    List<String> out = new ArrayList<>();
    for (int k = 1; k <= 3; k++) {
      String name = "/org/magg/io/cmr/granules-page" + k + ".json";
      try (InputStream in = FakeCmr.class.getResourceAsStream(name)) {
        out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  static FakeCmr recorded() throws IOException {
    return new FakeCmr(recordedPages(), 7);
  }

  /** Base URL, like {@code https://cmr.earthdata.nasa.gov}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  FakeCmr paging(Paging p) {
    this.paging = p;
    return this;
  }

  FakeCmr hits(long h) {
    this.hits = h;
    return this;
  }

  /** The next {@code n} requests get HTTP 503 (with {@code Retry-After}, 0 unless told). */
  FakeCmr failNext(int n) {
    failuresLeft.set(n);
    return this;
  }

  /** The {@code Retry-After} value sent with the 503s of {@link #failNext} (default 0). */
  FakeCmr retryAfter(String value) {
    this.retryAfter = value;
    return this;
  }

  /** The next {@code n} requests are dropped without a response (connection closed). */
  FakeCmr resetNext(int n) {
    resetsLeft.set(n);
    return this;
  }

  /** Every request is refused with this status and body. */
  FakeCmr reject(int status, String body) {
    this.rejectStatus = status;
    this.rejectBody = body;
    return this;
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String query = exchange.getRequestURI().getRawQuery();
      if ("POST".equals(exchange.getRequestMethod())) {
        query = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              decode(query),
              headers);
      requests.add(request);
      if (resetsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        exchange.close(); // no status line: the client sees the connection end
        return;
      }
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        exchange.getResponseHeaders().add("Retry-After", retryAfter);
        respond(exchange, 503, "{\"errors\":[\"The service is temporarily unavailable\"]}");
        return;
      }
      if (rejectStatus != 0) {
        respond(exchange, rejectStatus, rejectBody);
        return;
      }
      String searchAfter = request.header("CMR-Search-After");
      if (searchAfter != null
          && (request.param("page_num") != null || request.param("offset") != null)) {
        respond(
            exchange,
            400,
            "{\"errors\":[\"The CMR-Search-After header cannot be used with the page_num or"
                + " offset parameters.\"]}");
        return;
      }
      int page;
      switch (paging) {
        case PAGE_NUM -> {
          String num = request.param("page_num");
          page = num == null ? 0 : Integer.parseInt(num) - 1;
        }
        default -> page = searchAfter == null ? 0 : pageOf(searchAfter);
      }
      String body = page < pages.size() ? pages.get(page) : "{\"hits\":" + hits + ",\"items\":[]}";
      exchange.getResponseHeaders().add("CMR-Hits", Long.toString(hits));
      exchange.getResponseHeaders().add("CMR-Took", "87");
      exchange.getResponseHeaders().add("CMR-Request-Id", "req-" + requests.size());
      if (paging == Paging.SEARCH_AFTER) {
        exchange
            .getResponseHeaders()
            .add(
                "CMR-Search-After",
                "[\"nsidc_cprd\",15463" + (page + 1) + "0000,\"p" + (page + 1) + "\"]");
      } else if (paging == Paging.REPEATING_SEARCH_AFTER) {
        exchange.getResponseHeaders().add("CMR-Search-After", "[\"nsidc_cprd\",1,\"p1\"]");
      }
      exchange
          .getResponseHeaders()
          .add(
              "Content-Type",
              "application/vnd.nasa.cmr.umm_json+json;version=1.6.6; charset=utf-8");
      respond(exchange, 200, body);
    } catch (RuntimeException e) {
      respond(exchange, 500, "{\"errors\":[\"fake server: " + e + "\"]}");
    }
  }

  private static int pageOf(String searchAfter) {
    int at = searchAfter.lastIndexOf("\"p");
    return Integer.parseInt(searchAfter.substring(at + 2, searchAfter.length() - 2));
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static List<String[]> decode(String query) {
    List<String[]> out = new ArrayList<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(
          new String[] {
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8)
          });
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
