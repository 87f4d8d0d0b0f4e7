package org.magg.io.s3;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach S3: region, endpoint override (for S3-compatible stores), path-style addressing,
 * requester pays, where credentials come from and how often a request is attempted. Immutable and
 * serializable, so pipeline steps carry it to the workers, which build (and cache per JVM) their
 * own client from it. It holds no secrets: {@link #toString()} names the credentials source only.
 *
 * <pre>{@code
 * S3Settings s3 = S3Settings.defaults()
 *     .withEndpoint("http://127.0.0.1:9000").withPathStyle(true).withRegion("us-east-1");
 * }</pre>
 */
public final class S3Settings implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Attempts per request (the first try plus retries) unless configured: transient errors (HTTP
   * 500, 502, 503, 504, throttling such as 503 SlowDown, connection resets and timeouts) are
   * retried with exponential backoff and jitter up to this many attempts in all.
   */
  public static final int DEFAULT_MAX_ATTEMPTS = 10;

  /** The most attempts that may be configured. */
  public static final int MAX_MAX_ATTEMPTS = 100;

  private final String region;
  private final String endpoint;
  private final boolean pathStyle;
  private final boolean requesterPays;
  private final CredentialsSource credentials;
  private final int maxAttempts;

  private S3Settings(
      String region,
      String endpoint,
      boolean pathStyle,
      boolean requesterPays,
      CredentialsSource credentials,
      int maxAttempts) {
    this.region = region;
    this.endpoint = endpoint;
    this.pathStyle = pathStyle;
    this.requesterPays = requesterPays;
    this.credentials = credentials;
    this.maxAttempts = maxAttempts;
  }

  /**
   * The AWS defaults: region from the default region chain ({@code AWS_REGION}, profile files,
   * ...), AWS's own endpoints with virtual-hosted addressing, the default credentials chain, no
   * requester pays, {@link #DEFAULT_MAX_ATTEMPTS} attempts.
   */
  public static S3Settings defaults() {
    return new S3Settings(
        null, null, false, false, CredentialsSources.defaultChain(), DEFAULT_MAX_ATTEMPTS);
  }

  /** The region (for example {@code us-west-2}); null or blank uses the default region chain. */
  public S3Settings withRegion(String region) {
    String r = region == null || region.isBlank() ? null : region.trim();
    if (r != null && !r.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException(
          "S3 region '" + region + "' is not valid (expected a name such as us-west-2)");
    }
    return new S3Settings(r, endpoint, pathStyle, requesterPays, credentials, maxAttempts);
  }

  /**
   * An endpoint override for S3-compatible stores, {@code http(s)://host[:port]}; null or blank
   * uses AWS's endpoints.
   *
   * @throws IllegalArgumentException when it is not an http(s) URL with a host, or carries user
   *     information (credentials never go into the endpoint)
   */
  public S3Settings withEndpoint(String endpoint) {
    String e = endpoint == null || endpoint.isBlank() ? null : checkEndpoint(endpoint.trim());
    return new S3Settings(region, e, pathStyle, requesterPays, credentials, maxAttempts);
  }

  /** Path-style addressing ({@code endpoint/bucket/key}), which most S3-compatible stores need. */
  public S3Settings withPathStyle(boolean pathStyle) {
    return new S3Settings(region, endpoint, pathStyle, requesterPays, credentials, maxAttempts);
  }

  /** Sends {@code x-amz-request-payer: requester} with every request (requester-pays buckets). */
  public S3Settings withRequesterPays(boolean requesterPays) {
    return new S3Settings(region, endpoint, pathStyle, requesterPays, credentials, maxAttempts);
  }

  /** Where credentials come from; see {@link CredentialsSources#parse(String)}. */
  public S3Settings withCredentials(CredentialsSource credentials) {
    Objects.requireNonNull(credentials, "Credentials source cannot be null.");
    return new S3Settings(region, endpoint, pathStyle, requesterPays, credentials, maxAttempts);
  }

  /** Attempts per request, the first try included (1 disables retries). */
  public S3Settings withMaxAttempts(int maxAttempts) {
    if (maxAttempts < 1 || maxAttempts > MAX_MAX_ATTEMPTS) {
      throw new IllegalArgumentException(
          "S3 max attempts must be between 1 and " + MAX_MAX_ATTEMPTS + ", got " + maxAttempts);
    }
    return new S3Settings(region, endpoint, pathStyle, requesterPays, credentials, maxAttempts);
  }

  static String checkEndpoint(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "S3 endpoint '" + endpoint + "' is not a URL: " + e.getReason(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "S3 endpoint '" + endpoint + "' must be an http:// or https:// URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "S3 endpoint must not carry user information (give credentials through the"
              + " credentials setting, never in the URL)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("S3 endpoint '" + endpoint + "' has no host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "S3 endpoint '" + endpoint + "' must not have a query or fragment");
    }
    return endpoint;
  }

  /** The configured region, or null for the default region chain. */
  public String region() {
    return region;
  }

  /** The endpoint override, or null for AWS's endpoints. */
  public String endpoint() {
    return endpoint;
  }

  public boolean pathStyle() {
    return pathStyle;
  }

  public boolean requesterPays() {
    return requesterPays;
  }

  public CredentialsSource credentials() {
    return credentials;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** A description safe to print: no keys, tokens or passwords. */
  public String describe() {
    return "region "
        + (region == null ? "(default chain)" : region)
        + ", endpoint "
        + (endpoint == null ? "(AWS)" : endpoint)
        + (pathStyle ? ", path-style" : "")
        + (requesterPays ? ", requester pays" : "")
        + ", credentials: "
        + credentials.describe()
        + ", max attempts "
        + maxAttempts;
  }

  @Override
  public String toString() {
    return "S3Settings[" + describe() + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof S3Settings)) {
      return false;
    }
    S3Settings s = (S3Settings) o;
    return pathStyle == s.pathStyle
        && requesterPays == s.requesterPays
        && maxAttempts == s.maxAttempts
        && Objects.equals(region, s.region)
        && Objects.equals(endpoint, s.endpoint)
        && credentials.equals(s.credentials);
  }

  @Override
  public int hashCode() {
    return Objects.hash(region, endpoint, pathStyle, requesterPays, credentials, maxAttempts);
  }
}
