package org.magg.io.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Two loopback HTTP servers playing a DAAC's credentials endpoint (a Thin Egress App) and Earthdata
 * Login, the way the real ones behave:
 *
 * <ul>
 *   <li>{@code GET /s3credentials} with a valid {@code Authorization: Bearer} or a valid session
 *       cookie answers {@code {accessKeyId, secretAccessKey, sessionToken, expiration}}; a wrong
 *       bearer token gets 401; anything else is redirected to the login server's {@code
 *       /oauth/authorize} with {@code redirect_uri=<daac>/login} and {@code state=/s3credentials}.
 *   <li>The login server's {@code /oauth/authorize} wants HTTP Basic with the right username and
 *       password (401 otherwise) and redirects to {@code redirect_uri?code=...&state=...}.
 *   <li>The DAAC's {@code /login?code=...} exchanges a code it did not see before for a session
 *       cookie and redirects to the state.
 * </ul>
 *
 * Keys expire {@link #lifetime} after the shared clock's now. Failures can be queued.
 */
final class FakeEarthdata implements AutoCloseable {
  static final DateTimeFormatter EXPIRATION =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx").withZone(ZoneOffset.UTC);
  static final String COOKIE = "fake-tea-session";

  record Issued(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiry) {}

  final String username = "edl-user";
  final String password = "p@ss word \"quoted\" " + UUID.randomUUID();
  final String token = "edl-token-" + UUID.randomUUID();
  final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  volatile Duration lifetime = Duration.ofHours(1);

  /** Statuses to answer the next {@code /s3credentials} requests with, before anything else. */
  final Deque<Integer> failNext = new ArrayDeque<>();

  /** A body to answer with (200, application/json) instead of credentials. */
  final AtomicReference<String> bodyOverride = new AtomicReference<>();

  /** Whether Earthdata Login answers a page (an app approval form) instead of redirecting. */
  volatile boolean approvalPage;

  final AtomicInteger credentialRequests = new AtomicInteger();
  final AtomicInteger authorizeRequests = new AtomicInteger();
  final AtomicInteger loginRequests = new AtomicInteger();
  final List<String> daacAuthorizationHeaders = Collections.synchronizedList(new ArrayList<>());
  final List<String> loginAuthorizationHeaders = Collections.synchronizedList(new ArrayList<>());
  final List<Issued> issued = Collections.synchronizedList(new ArrayList<>());

  private final Set<String> codes = ConcurrentHashMap.newKeySet();
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final HttpServer daac;
  private final HttpServer login;

  FakeEarthdata() throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    daac = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    login = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    daac.createContext("/s3credentials", this::credentials);
    daac.createContext("/login", this::daacLogin);
    login.createContext("/oauth/authorize", this::authorize);
    daac.start();
    login.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + daac.getAddress().getPort() + "/s3credentials");
  }

  URI loginHost() {
    return URI.create("http://127.0.0.1:" + login.getAddress().getPort());
  }

  Issued last() {
    return issued.get(issued.size() - 1);
  }

  /** Everything secret this fake knows of: the login and every key it handed out. */
  List<String> secrets() {
    List<String> s = new ArrayList<>(List.of(password, token));
    synchronized (issued) {
      for (Issued i : issued) {
        s.add(i.secretAccessKey());
        s.add(i.sessionToken());
        s.add(i.accessKeyId());
      }
    }
    return s;
  }

  private void credentials(HttpExchange ex) throws IOException {
    credentialRequests.incrementAndGet();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    daacAuthorizationHeaders.add(auth == null ? "" : auth);
    Integer fail;
    synchronized (failNext) {
      fail = failNext.poll();
    }
    if (fail != null) {
      send(ex, fail, "text/html", "<html><body><h1>Error " + fail + "</h1></body></html>");
      return;
    }
    boolean authenticated;
    if (auth != null && auth.startsWith("Bearer ")) {
      if (!auth.substring("Bearer ".length()).equals(token)) {
        // Like some servers, echo what was sent: the client must not repeat it.
        send(
            ex,
            401,
            "application/json",
            "{\"error\": \"invalid or expired token " + auth.substring(7) + "\"}");
        return;
      }
      authenticated = true;
    } else {
      authenticated = sessionCookie(ex) != null;
    }
    if (!authenticated) {
      String base = "http://127.0.0.1:" + daac.getAddress().getPort();
      String location =
          loginHost()
              + "/oauth/authorize?client_id=fake-client&response_type=code&redirect_uri="
              + enc(base + "/login")
              + "&state="
              + enc("/s3credentials");
      ex.getResponseHeaders().add("Location", location);
      send(ex, 302, "text/plain", "");
      return;
    }
    String override = bodyOverride.get();
    if (override != null) {
      send(ex, 200, "application/json", override);
      return;
    }
    Issued i =
        new Issued(
            "ASIAFAKE" + (issued.size() + 1),
            "secret-" + UUID.randomUUID(),
            "session-" + UUID.randomUUID(),
            clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS));
    issued.add(i);
    String json =
        "{\"accessKeyId\": \""
            + i.accessKeyId()
            + "\", \"secretAccessKey\": \""
            + i.secretAccessKey()
            + "\", \"sessionToken\": \""
            + i.sessionToken()
            + "\", \"expiration\": \""
            + EXPIRATION.format(i.expiry())
            + "\"}";
    send(ex, 200, "application/json", json);
  }

  private String sessionCookie(HttpExchange ex) {
    List<String> cookies = ex.getRequestHeaders().get("Cookie");
    if (cookies == null) {
      return null;
    }
    for (String header : cookies) {
      for (String part : header.split(";")) {
        String p = part.trim();
        if (p.startsWith(COOKIE + "=") && sessions.contains(p.substring(COOKIE.length() + 1))) {
          return p;
        }
      }
    }
    return null;
  }

  private void daacLogin(HttpExchange ex) throws IOException {
    loginRequests.incrementAndGet();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    daacAuthorizationHeaders.add(auth == null ? "" : auth);
    Map<String, String> q = query(ex.getRequestURI());
    String code = q.get("code");
    if (code == null || !codes.remove(code)) {
      send(ex, 400, "text/plain", "bad or reused code");
      return;
    }
    String session = UUID.randomUUID().toString();
    sessions.add(session);
    ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + session + "; Path=/; HttpOnly");
    ex.getResponseHeaders().add("Location", q.getOrDefault("state", "/s3credentials"));
    send(ex, 302, "text/plain", "");
  }

  private void authorize(HttpExchange ex) throws IOException {
    authorizeRequests.incrementAndGet();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    loginAuthorizationHeaders.add(auth == null ? "" : auth);
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(auth)) {
      ex.getResponseHeaders()
          .add("WWW-Authenticate", "Basic realm=\"Please enter your Earthdata Login credentials\"");
      send(ex, 401, "text/plain", "HTTP Basic: Access denied.\n");
      return;
    }
    if (approvalPage) {
      send(ex, 200, "text/html", "<html><body>Approve application fake-client?</body></html>");
      return;
    }
    Map<String, String> q = query(ex.getRequestURI());
    String code = UUID.randomUUID().toString();
    codes.add(code);
    ex.getResponseHeaders()
        .add(
            "Location",
            q.get("redirect_uri") + "?code=" + enc(code) + "&state=" + enc(q.get("state")));
    send(ex, 302, "text/plain", "");
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    daac.stop(0);
    login.stop(0);
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
      now.set(instant);
    }

    void advance(Duration d) {
      now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
