package org.magg.io.s3;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.display.HasDisplayData;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Temporary S3 credentials of a NASA Earthdata DAAC, as a {@link CredentialsSource} that travels to
 * Beam workers.
 *
 * <p>The source carries only the DAAC, its endpoint and <em>where</em> the login is found (the
 * environment and netrc by default, or a token file or netrc path), never a password, token or key.
 * Each worker builds its own {@link EarthdataCredentials} from it, reading {@code EARTHDATA_TOKEN},
 * {@code EARTHDATA_USERNAME}/{@code EARTHDATA_PASSWORD} or its netrc file itself: the workers of a
 * cluster are expected to have the same environment (or the same mounted secret file) as the
 * launcher. The provider is shared by everything in one JVM that uses an equal source, so a worker
 * fetches keys once per hour however many DoFn instances it runs.
 *
 * <p>{@link #describe()}, {@link #toString()} and the {@linkplain #populateDisplayData display
 * data} name the DAAC, the endpoint and where the login is looked up, nothing more.
 */
public final class EarthdataCredentialsSource implements CredentialsSource, HasDisplayData {
  private static final long serialVersionUID = 1L;

  /** Providers built in this JVM, keyed by the (secret-free) source. */
  private static final ConcurrentMap<EarthdataCredentialsSource, EarthdataCredentials> PROVIDERS =
      new ConcurrentHashMap<>();

  private final String daac;
  private final String endpoint;
  private final String loginHost;
  private final String tokenFile;
  private final String netrc;

  private EarthdataCredentialsSource(
      String daac, String endpoint, String loginHost, String tokenFile, String netrc) {
    this.daac = daac;
    this.endpoint = endpoint;
    this.loginHost = loginHost;
    this.tokenFile = tokenFile;
    this.netrc = netrc;
  }

  /**
   * Credentials of a DAAC of the {@link EarthdataDaacs table}, with the login from each worker's
   * environment or netrc.
   *
   * @throws IllegalArgumentException for an unknown DAAC, listing the known ones
   */
  public static EarthdataCredentialsSource forDaac(String daac) {
    return new EarthdataCredentialsSource(
        EarthdataDaacs.canonicalName(daac), null, null, null, null);
  }

  /** Credentials from a {@code /s3credentials} URL that is not in the table. */
  public static EarthdataCredentialsSource forEndpoint(String endpoint) {
    URI uri = parseUri(endpoint, "endpoint");
    return new EarthdataCredentialsSource(null, uri.toString(), null, null, null);
  }

  /** Asks this {@code /s3credentials} URL instead of the table's. */
  public EarthdataCredentialsSource withEndpoint(String endpoint) {
    URI uri = parseUri(endpoint, "endpoint");
    return new EarthdataCredentialsSource(daac, uri.toString(), loginHost, tokenFile, netrc);
  }

  /** Uses another Earthdata Login host (UAT, or a test server). */
  public EarthdataCredentialsSource withLoginHost(String loginHost) {
    URI uri = parseUri(loginHost, "login host");
    return new EarthdataCredentialsSource(daac, endpoint, uri.toString(), tokenFile, netrc);
  }

  /**
   * Each worker reads the bearer token from this file (a secret mounted at the same path on every
   * worker); the path travels with the pipeline, the token does not.
   */
  public EarthdataCredentialsSource withTokenFile(String path) {
    return new EarthdataCredentialsSource(daac, endpoint, loginHost, checkPath(path), netrc);
  }

  /** Each worker reads the login from the netrc file at this path. */
  public EarthdataCredentialsSource withNetrc(String path) {
    return new EarthdataCredentialsSource(daac, endpoint, loginHost, tokenFile, checkPath(path));
  }

  /** The DAAC's canonical name, or the endpoint's host for an endpoint given directly. */
  public String daac() {
    return daac != null ? daac : URI.create(endpoint).getHost();
  }

  /** The endpoint asked. */
  public String endpoint() {
    return endpoint != null ? endpoint : EarthdataDaacs.endpoint(daac).toString();
  }

  @Override
  public AwsCredentialsProvider provider() {
    return PROVIDERS.computeIfAbsent(this, s -> s.builder().build());
  }

  EarthdataCredentials.Builder builder() {
    EarthdataCredentials.Builder b =
        daac != null
            ? EarthdataCredentials.builder(daac)
            : EarthdataCredentials.builderForEndpoint(URI.create(endpoint));
    if (daac != null && endpoint != null) {
      b.withEndpoint(URI.create(endpoint));
    }
    if (loginHost != null) {
      b.withLoginHost(URI.create(loginHost));
    }
    if (tokenFile != null) {
      b.withTokenFile(Path.of(tokenFile));
    }
    if (netrc != null) {
      b.withNetrc(Path.of(netrc));
    }
    return b;
  }

  private String loginDescription() {
    return builder().loginDescription();
  }

  @Override
  public String describe() {
    return "Earthdata temporary S3 credentials for DAAC "
        + daac()
        + " from "
        + endpoint()
        + ", login from "
        + loginDescription();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    builder
        .add(DisplayData.item("earthdataDaac", daac()).withLabel("Earthdata DAAC"))
        .add(
            DisplayData.item("earthdataEndpoint", endpoint())
                .withLabel("Earthdata S3 credentials endpoint"))
        .add(
            DisplayData.item("earthdataLogin", loginDescription())
                .withLabel("Earthdata Login looked up in"));
  }

  @Override
  public String toString() {
    return describe();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EarthdataCredentialsSource s
        && Objects.equals(daac, s.daac)
        && Objects.equals(endpoint, s.endpoint)
        && Objects.equals(loginHost, s.loginHost)
        && Objects.equals(tokenFile, s.tokenFile)
        && Objects.equals(netrc, s.netrc);
  }

  @Override
  public int hashCode() {
    return Objects.hash(daac, endpoint, loginHost, tokenFile, netrc);
  }

  private static URI parseUri(String text, String what) {
    URI uri;
    try {
      uri = new URI(Objects.requireNonNull(text, what).trim());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(
          "Earthdata " + what + " '" + text + "' is not a URL: " + e.getMessage(), e);
    }
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || !("https".equalsIgnoreCase(uri.getScheme())
            || "http".equalsIgnoreCase(uri.getScheme()))) {
      throw new IllegalArgumentException(
          "Earthdata " + what + " must be an absolute https:// URL, got '" + text + "'");
    }
    return uri;
  }

  private static String checkPath(String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("path is empty");
    }
    return path.trim();
  }
}
