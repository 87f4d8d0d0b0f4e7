package org.magg.io.s3;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.magg.core.Retries;
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
 * later. Server errors (5xx, 429) and network errors are retried with a growing pause (see {@link
 * Retries}). The class is thread-safe; concurrent callers share one fetch.
 *
 * <p>Nothing here logs or prints a password, token or key: {@link #toString()} names the DAAC and
 * the endpoint, and errors ({@link EarthdataCredentialsException}) name the DAAC, the endpoint and
 * what to do.
 */
public final class EarthdataCredentials implements AwsCredentialsProvider {
  private static final Logger LOG = LoggerFactory.getLogger(EarthdataCredentials.class);

  /** The production Earthdata Login host. */
  public static final URI EARTHDATA_LOGIN = URI.create("https://urs.earthdata.nasa.gov");

  private final String daac;
  private final URI endpoint;
  private final URI loginHost;
  private final EarthdataLogin.Lookup lookup;
  private final Clock clock;
  private final EarthdataExchange exchange;
  private final Retries<HttpResponse<String>> retries;
  private final CredentialsCache cache;

  private EarthdataCredentials(Builder b) {
    this.daac = b.daac;
    this.endpoint = b.endpoint;
    this.loginHost = b.loginHost;
    this.lookup = b.lookup.copy();
    this.clock = b.clock;
    this.exchange = new EarthdataExchange(b.daac, b.endpoint, b.loginHost, b.timeout);
    this.retries =
        Retries.<HttpResponse<String>>of(b.maxAttempts, b.retryBackoff)
            .retryingExceptions(e -> e instanceof EarthdataExchange.Retryable)
            .withSleeper(b.sleeper)
            .onRetry(
                (failed, pause) ->
                    LOG.debug(
                        "Attempt {} of {} failed: {}",
                        failed.attempt(),
                        failed.maxAttempts(),
                        failed.exception().getMessage()));
    this.cache = new CredentialsCache(b.daac, this::fetch, b.refreshMargin, b.clock);
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
    return cache.get();
  }

  @Override
  public String toString() {
    return "EarthdataCredentials[daac=" + daac + ", endpoint=" + endpoint + "]";
  }

  /** Looks up the login, asks the endpoint (retrying as configured) and reads its answer. */
  private S3CredentialsJson.Issued fetch() {
    EarthdataLogin login = lookup.find(loginHost.getHost(), daac);
    HttpResponse<String> response;
    try {
      response =
          retries.call(
              () -> exchange.fetch(login),
              failed -> {
                EarthdataCredentialsException last =
                    ((EarthdataExchange.Retryable) failed.exception()).failure;
                return new EarthdataCredentialsException(
                    last.getMessage() + " (gave up after " + failed.attempt() + " attempts)",
                    last.status(),
                    last.getCause());
              });
    } catch (EarthdataExchange.Retryable e) {
      // Not reached: every Retryable is retried, and the last one ends in the giveUp above.
      throw e.failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EarthdataCredentialsException(
          "interrupted while fetching S3 credentials for DAAC " + daac, e);
    }
    S3CredentialsJson.Issued issued =
        S3CredentialsJson.parse(
            response, "credentials endpoint " + endpoint + " of DAAC " + daac, clock.instant());
    LOG.info(
        "Fetched Earthdata S3 credentials for DAAC {} (login from {}), valid until {}",
        daac,
        login.origin(),
        issued.expiry());
    return issued;
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
    private Retries.Sleeper sleeper = Retries.Sleeper.THREAD;

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

    /**
     * Pause before the second attempt, doubled before each later one, at most a minute (default 500
     * ms).
     */
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

    /** Takes the pauses between attempts (tests record them instead of waiting). */
    Builder withSleeper(Retries.Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
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
