package org.magg.io.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Temporary S3 credentials from a NASA Earthdata DAAC's {@code /s3credentials} endpoint, as an AWS
 * SDK credentials provider.
 *
 * <p>The login is an Earthdata Login bearer token or a username and password, looked up (at each
 * fetch, so a rotated token file is picked up) in this order: values given to the {@link Builder},
 * a token file, a netrc file given to the builder, {@code EARTHDATA_TOKEN}, {@code
 * EARTHDATA_USERNAME}/{@code EARTHDATA_PASSWORD}, and the {@code machine urs.earthdata.nasa.gov}
 * entry of the netrc file at {@code $NETRC} or {@code ~/.netrc}.
 *
 * <p>With a token the endpoint is asked with {@code Authorization: Bearer}. With a username and
 * password the endpoint redirects to Earthdata Login's {@code /oauth/authorize}, which is answered
 * with HTTP Basic authentication; its redirect back to the DAAC sets a session cookie, and the DAAC
 * then answers {@code {accessKeyId, secretAccessKey, sessionToken, expiration}}. The password is
 * only ever sent to the Earthdata Login host, the token only to it and to the endpoint's host, and
 * neither over plain http except to a loopback address.
 *
 * <p>The keys are cached until {@link Builder#withRefreshMargin refresh margin} (5 minutes) before
 * they expire (DAACs hand out keys valid for one hour), then fetched again. If a refresh fails
 * while the cached keys are still valid, those are returned and the refresh is tried again a minute
 * later. Server errors (5xx, 429) and network errors are retried with a growing pause. The class is
 * thread-safe; concurrent callers share one fetch.
 *
 * <p>Nothing here logs or prints a password, token or key: {@link #toString()} names the DAAC and
 * the endpoint, and errors ({@link EarthdataCredentialsException}) name the DAAC, the endpoint and
 * what to do.
 */
public final class EarthdataCredentials implements AwsCredentialsProvider {
  private static final Logger LOG = LoggerFactory.getLogger(EarthdataCredentials.class);

  /** The production Earthdata Login host. */
  public static final URI EARTHDATA_LOGIN = URI.create("https://urs.earthdata.nasa.gov");

  static final int MAX_REDIRECTS = 10;
  static final Duration RETRY_REFRESH_AFTER_FAILURE = Duration.ofMinutes(1);
  private static final ObjectMapper JSON = org.magg.core.Json.mapper();

  private final String daac;
  private final URI endpoint;
  private final URI loginHost;
  private final EarthdataLogin.Lookup lookup;
  private final Duration refreshMargin;
  private final Duration timeout;
  private final int maxAttempts;
  private final Duration retryBackoff;
  private final Clock clock;
  private final HttpClient http;

  private final Object lock = new Object();
  private volatile Cached cached;

  private record Cached(AwsSessionCredentials credentials, Instant expiry, Instant refreshAt) {}

  private EarthdataCredentials(Builder b) {
    this.daac = b.daac;
    this.endpoint = b.endpoint;
    this.loginHost = b.loginHost;
    this.lookup = b.lookup.copy();
    this.refreshMargin = b.refreshMargin;
    this.timeout = b.timeout;
    this.maxAttempts = b.maxAttempts;
    this.retryBackoff = b.retryBackoff;
    this.clock = b.clock;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(b.timeout)
            .proxy(ProxySelector.getDefault())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * A provider for a DAAC of the {@link EarthdataDaacs table} ({@code "NSIDC"}, {@code "GES_DISC"},
   * {@code "PODAAC"}, {@code "LPDAAC"}, ...) with the login from the environment or netrc.
   *
   * @throws IllegalArgumentException for an unknown DAAC, listing the known ones
   */
  public static EarthdataCredentials forDaac(String daac) {
    return builder(daac).build();
  }

  /**
   * A builder for a DAAC of the {@link EarthdataDaacs table}.
   *
   * @throws IllegalArgumentException for an unknown DAAC, listing the known ones
   */
  public static Builder builder(String daac) {
    EarthdataDaacs.Daac d = EarthdataDaacs.lookup(daac);
    return new Builder(d.name(), d.endpoint());
  }

  /** A builder for a {@code /s3credentials} endpoint that is not in the table. */
  public static Builder builderForEndpoint(URI endpoint) {
    checkHttpUri(endpoint, "endpoint");
    return new Builder(endpoint.getHost(), endpoint);
  }

  /** The DAAC's name (canonical, or the endpoint's host for an endpoint given directly). */
  public String daac() {
    return daac;
  }

  /** The {@code /s3credentials} endpoint asked. */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * The DAAC's temporary S3 credentials, from the cache while they are more than the refresh margin
   * from expiry, else freshly fetched.
   *
   * @throws EarthdataCredentialsException if no login is found, Earthdata Login refuses it, or the
   *     endpoint fails or answers something other than credentials
   */
  @Override
  public AwsSessionCredentials resolveCredentials() {
    Cached c = cached;
    if (c != null && clock.instant().isBefore(c.refreshAt())) {
      return c.credentials();
    }
    synchronized (lock) {
      Instant now = clock.instant();
      c = cached;
      if (c != null && now.isBefore(c.refreshAt())) {
        return c.credentials();
      }
      try {
        Cached fresh = fetch();
        cached = fresh;
        return fresh.credentials();
      } catch (EarthdataCredentialsException e) {
        if (c != null && now.isBefore(c.expiry())) {
          Instant retryAt = now.plus(RETRY_REFRESH_AFTER_FAILURE);
          cached =
              new Cached(
                  c.credentials(), c.expiry(), retryAt.isBefore(c.expiry()) ? retryAt : c.expiry());
          LOG.warn(
              "Refreshing Earthdata S3 credentials for DAAC {} failed; the cached ones stay in use"
                  + " until {}: {}",
              daac,
              c.expiry(),
              e.getMessage());
          return c.credentials();
        }
        throw e;
      }
    }
  }

  @Override
  public String toString() {
    return "EarthdataCredentials[daac=" + daac + ", endpoint=" + endpoint + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // Fetching

  private Cached fetch() {
    EarthdataLogin login = lookup.find(loginHost.getHost(), daac);
    EarthdataCredentialsException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) {
        pause(retryBackoff.multipliedBy(1L << Math.min(attempt - 2, 10)));
      }
      try {
        Cached fresh = fetchOnce(login);
        LOG.info(
            "Fetched Earthdata S3 credentials for DAAC {} (login from {}), valid until {}",
            daac,
            login.origin(),
            fresh.expiry());
        return fresh;
      } catch (Retryable r) {
        last = r.failure;
        LOG.debug("Attempt {} of {} failed: {}", attempt, maxAttempts, r.failure.getMessage());
      }
    }
    throw new EarthdataCredentialsException(
        last.getMessage() + " (gave up after " + maxAttempts + " attempts)",
        last.status(),
        last.getCause());
  }

  /** A failure worth another attempt (server error, rate limit, network). */
  private static final class Retryable extends Exception {
    private static final long serialVersionUID = 1L;
    final transient EarthdataCredentialsException failure;

    Retryable(EarthdataCredentialsException failure) {
      super(failure.getMessage(), null, false, false);
      this.failure = failure;
    }
  }

  private Cached fetchOnce(EarthdataLogin login) throws Retryable {
    URI uri = endpoint;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .GET()
              .timeout(timeout)
              .header("Accept", "application/json")
              .header("User-Agent", "magg-beam")
              // Earthdata's credentials endpoints put this in the role session name (for metrics).
              .header("app-name", "magg-beam");
      boolean toLogin = sameOrigin(uri, loginHost);
      boolean toEndpoint = sameOrigin(uri, endpoint);
      if (toLogin || (login.isBearer() && toEndpoint)) {
        checkSafeForSecrets(uri);
        request.header("Authorization", login.authorization());
      }
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new Retryable(
            new EarthdataCredentialsException(
                "cannot reach "
                    + where(uri)
                    + " for DAAC "
                    + daac
                    + " (endpoint "
                    + endpoint
                    + "): "
                    + e,
                e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EarthdataCredentialsException(
            "interrupted while fetching S3 credentials for DAAC " + daac, e);
      }
      int status = response.statusCode();
      if (status >= 300 && status < 400) {
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
          throw new EarthdataCredentialsException(
              where(uri) + " answered HTTP " + status + " without a Location for DAAC " + daac,
              status,
              null);
        }
        uri = uri.resolve(location.trim());
        continue;
      }
      if (status == 401 || status == 403) {
        throw new EarthdataCredentialsException(
            "Earthdata Login refused the credentials ("
                + EarthdataLogin.USERNAME_VAR
                + "/"
                + EarthdataLogin.PASSWORD_VAR
                + " or "
                + EarthdataLogin.TOKEN_VAR
                + ") for DAAC "
                + daac
                + ": "
                + where(uri)
                + " answered HTTP "
                + status
                + " to the login from "
                + login.origin()
                + ". Check the login at "
                + loginHost
                + (login.isBearer()
                    ? " (tokens expire; make a new one on the profile page there)"
                    : "")
                + "; a new account must also approve the DAAC's application once by opening "
                + endpoint
                + " in a browser"
                + snippet(response, login),
            status,
            null);
      }
      if (status == 429 || status >= 500) {
        throw new Retryable(
            new EarthdataCredentialsException(
                answeredBy(uri) + " answered HTTP " + status + snippet(response, login),
                status,
                null));
      }
      if (status < 200 || status >= 300) {
        throw new EarthdataCredentialsException(
            answeredBy(uri) + " answered HTTP " + status + snippet(response, login), status, null);
      }
      if (toLogin && !toEndpoint) {
        throw new EarthdataCredentialsException(
            "Earthdata Login ("
                + where(uri)
                + ") answered with a page instead of sending us back to DAAC "
                + daac
                + ": the account may have to approve the DAAC's application or accept its EULA;"
                + " open "
                + endpoint
                + " in a browser once, sign in and accept",
            status,
            null);
      }
      return parse(response, uri);
    }
    throw new EarthdataCredentialsException(
        "credentials endpoint "
            + endpoint
            + " of DAAC "
            + daac
            + ": more than "
            + MAX_REDIRECTS
            + " redirects (last to "
            + where(uri)
            + ")");
  }

  private Cached parse(HttpResponse<String> response, URI from) {
    String body = response.body();
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      json = null;
    }
    String context = "credentials endpoint " + endpoint + " of DAAC " + daac;
    if (json == null || !json.isObject()) {
      // The body is not echoed: it could hold parts of credentials.
      throw new EarthdataCredentialsException(
          context
              + " answered something that is not a JSON object (from "
              + where(from)
              + ", content type "
              + response.headers().firstValue("Content-Type").orElse("not given")
              + ", "
              + (body == null ? 0 : body.length())
              + " characters); expected {accessKeyId, secretAccessKey, sessionToken, expiration}");
    }
    String accessKeyId = field(json, "accessKeyId", context);
    String secretAccessKey = field(json, "secretAccessKey", context);
    String sessionToken = field(json, "sessionToken", context);
    String expirationText = field(json, "expiration", context);
    Instant expiry = parseExpiration(expirationText, context);
    Instant now = clock.instant();
    if (!expiry.isAfter(now)) {
      throw new EarthdataCredentialsException(
          context
              + " answered credentials that expired at "
              + expirationText
              + " (the clock here says "
              + now
              + ")");
    }
    Instant refreshAt = expiry.minus(refreshMargin);
    if (!refreshAt.isAfter(now)) {
      // Keys shorter-lived than the margin: use them for half their remaining life.
      refreshAt = now.plus(Duration.between(now, expiry).dividedBy(2));
    }
    AwsSessionCredentials credentials =
        AwsSessionCredentials.builder()
            .accessKeyId(accessKeyId)
            .secretAccessKey(secretAccessKey)
            .sessionToken(sessionToken)
            .expirationTime(expiry)
            .providerName("EarthdataCredentials")
            .build();
    return new Cached(credentials, expiry, refreshAt);
  }

  private static String field(JsonNode json, String name, String context) {
    JsonNode v = json.get(name);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new EarthdataCredentialsException(
          context
              + " answered JSON "
              + (v == null ? "without '" + name + "'" : "with an empty or non-text '" + name + "'")
              + "; expected {accessKeyId, secretAccessKey, sessionToken, expiration}, found fields "
              + fieldNames(json));
    }
    return v.asText();
  }

  private static String fieldNames(JsonNode json) {
    StringBuilder sb = new StringBuilder("[");
    json.fieldNames()
        .forEachRemaining(
            n -> {
              if (sb.length() > 1) {
                sb.append(", ");
              }
              sb.append(n.length() > 40 ? n.substring(0, 40) + "..." : n);
            });
    return sb.append(']').toString();
  }

  /**
   * Parses the endpoint's expiration, {@code "2024-01-01 12:00:00+00:00"} (Python's str of an aware
   * datetime); ISO-8601 with {@code T} or {@code Z} is accepted too, and a time without an offset
   * is taken as UTC, which is what STS uses.
   */
  static Instant parseExpiration(String text, String context) {
    String iso = text.trim().replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T");
    try {
      return org.magg.core.IsoTimes.tryParse(iso)
          .orElseThrow(() -> new DateTimeParseException(iso, iso, 0));
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new EarthdataCredentialsException(
            context
                + " answered an expiration '"
                + text
                + "' that is not a date-time (expected like 2024-01-01 12:00:00+00:00)");
      }
    }
  }

  private static String snippet(HttpResponse<String> response, EarthdataLogin login) {
    String body = response.body();
    if (body == null || body.isBlank()) {
      return "";
    }
    String text = login.scrub(body).replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
    if (text.isEmpty()) {
      return "";
    }
    return ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
  }

  /** Who answered, for messages: the endpoint, or where it redirected to. */
  private String answeredBy(URI uri) {
    String start = "credentials endpoint " + endpoint + " of DAAC " + daac;
    return where(uri).equals(where(endpoint))
        ? start
        : start + ", redirected to " + where(uri) + ",";
  }

  /** A URI for messages: without the query, which may carry an OAuth code. */
  private static String where(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority() + Objects.toString(uri.getRawPath(), "");
  }

  private void pause(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EarthdataCredentialsException(
          "interrupted while fetching S3 credentials for DAAC " + daac, e);
    }
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private void checkSafeForSecrets(URI uri) {
    if ("https".equalsIgnoreCase(uri.getScheme()) || isLoopback(uri.getHost())) {
      return;
    }
    throw new EarthdataCredentialsException(
        "refusing to send the Earthdata Login for DAAC "
            + daac
            + " over plain http to "
            + where(uri)
            + " (https is required except on a loopback address)");
  }

  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase();
    return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
  }

  private static void checkHttpUri(URI uri, String what) {
    if (uri == null
        || !uri.isAbsolute()
        || uri.getHost() == null
        || !("https".equalsIgnoreCase(uri.getScheme())
            || "http".equalsIgnoreCase(uri.getScheme()))) {
      throw new IllegalArgumentException(
          "Earthdata " + what + " must be an absolute https:// URL, got " + uri);
    }
  }

  /** Configures an {@link EarthdataCredentials}; refuses incomplete or inconsistent settings. */
  public static final class Builder {
    private final String daac;
    private URI endpoint;
    private URI loginHost = EARTHDATA_LOGIN;
    private final EarthdataLogin.Lookup lookup = new EarthdataLogin.Lookup();
    private Duration refreshMargin = Duration.ofMinutes(5);
    private Duration timeout = Duration.ofSeconds(30);
    private int maxAttempts = 3;
    private Duration retryBackoff = Duration.ofMillis(500);
    private Clock clock = Clock.systemUTC();

    private Builder(String daac, URI endpoint) {
      this.daac = daac;
      this.endpoint = endpoint;
    }

    /** Asks this {@code /s3credentials} URL instead of the table's. */
    public Builder withEndpoint(URI endpoint) {
      checkHttpUri(endpoint, "endpoint");
      this.endpoint = endpoint;
      return this;
    }

    /**
     * The Earthdata Login host (default {@code https://urs.earthdata.nasa.gov}; UAT is {@code
     * https://uat.urs.earthdata.nasa.gov}). The password is only sent there, and its host name is
     * the netrc machine looked up.
     */
    public Builder withLoginHost(URI loginHost) {
      checkHttpUri(loginHost, "login host");
      this.loginHost = URI.create(loginHost.getScheme() + "://" + loginHost.getRawAuthority());
      return this;
    }

    /** Uses this Earthdata Login bearer token (instead of looking one up). */
    public Builder withToken(String token) {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("Earthdata Login token is empty");
      }
      lookup.token = token.trim();
      return this;
    }

    /** Uses this Earthdata Login username and password (instead of looking them up). */
    public Builder withUsernamePassword(String username, String password) {
      if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
        throw new IllegalArgumentException(
            "Earthdata Login needs both a username and a password; call withUsernamePassword with"
                + " both");
      }
      lookup.username = username;
      lookup.password = password;
      return this;
    }

    /**
     * Reads the bearer token from this file at each fetch (a mounted secret, say), before looking
     * at the environment.
     */
    public Builder withTokenFile(Path tokenFile) {
      lookup.tokenFile = Objects.requireNonNull(tokenFile, "tokenFile");
      return this;
    }

    /** Reads the login from this netrc file, before looking at the environment. */
    public Builder withNetrc(Path netrcFile) {
      lookup.netrcFile = Objects.requireNonNull(netrcFile, "netrcFile");
      return this;
    }

    /** Fetches new keys this long before the cached ones expire (default 5 minutes). */
    public Builder withRefreshMargin(Duration margin) {
      if (margin == null || margin.isNegative()) {
        throw new IllegalArgumentException(
            "refresh margin must be zero or positive, got " + margin);
      }
      this.refreshMargin = margin;
      return this;
    }

    /** Connect and per-request timeout (default 30 seconds). */
    public Builder withTimeout(Duration timeout) {
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Attempts per fetch when the endpoint answers 5xx/429 or the network fails (default 3). */
    public Builder withMaxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** Pause before the second attempt, doubled before each later one (default 500 ms). */
    public Builder withRetryBackoff(Duration backoff) {
      if (backoff == null || backoff.isNegative()) {
        throw new IllegalArgumentException(
            "retry backoff must be zero or positive, got " + backoff);
      }
      this.retryBackoff = backoff;
      return this;
    }

    /** The clock deciding expiry (tests). */
    Builder withClock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The environment variables looked at (tests; default {@link System#getenv()}). */
    Builder withEnvironment(Map<String, String> env) {
      lookup.env = Map.copyOf(env);
      return this;
    }

    /** A safe description of where the login will be looked up. */
    String loginDescription() {
      return lookup.describe(loginHost.getHost());
    }

    public EarthdataCredentials build() {
      return new EarthdataCredentials(this);
    }
  }
}
