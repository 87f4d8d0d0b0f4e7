package org.magg.io.s3;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * One request for a DAAC's {@code /s3credentials}, following its redirects by hand: through
 * Earthdata Login's {@code /oauth/authorize} (answered with the login) and back to the DAAC, whose
 * session cookie the client's cookie store keeps. The {@code Authorization} header goes to the
 * login host, and a bearer token also to the endpoint's host, never elsewhere and never over plain
 * http except to a loopback address.
 *
 * <p>Answers become errors that name the DAAC, the endpoint and what to do: 401/403 (the login was
 * refused), a login page instead of a redirect (the DAAC's application must be approved), other
 * 4xx, a redirect without a {@code Location}, or too many redirects. 5xx, 429 and network failures
 * are thrown as {@link Retryable}. Messages never contain the login: a quoted answer has it blanked
 * out ({@link EarthdataLogin#scrub}), and URLs lose their query (which may carry an OAuth code).
 */
final class EarthdataExchange {
  static final int MAX_REDIRECTS = 10;

  private final String daac;
  private final URI endpoint;
  private final URI loginHost;
  private final Duration timeout;
  private final HttpClient http;

  /** A failure worth another attempt (server error, rate limit, network). */
  static final class Retryable extends Exception {
    private static final long serialVersionUID = 1L;
    final transient EarthdataCredentialsException failure;

    Retryable(EarthdataCredentialsException failure) {
      super(failure.getMessage(), null, false, false);
      this.failure = failure;
    }
  }

  EarthdataExchange(String daac, URI endpoint, URI loginHost, Duration timeout) {
    this.daac = daac;
    this.endpoint = endpoint;
    this.loginHost = loginHost;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .proxy(ProxySelector.getDefault())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * Asks the endpoint with {@code login} and follows the redirects.
   *
   * @return the endpoint's 2xx answer ({@link HttpResponse#uri()} is where it came from)
   * @throws Retryable for a 5xx or 429 answer or a network failure
   * @throws EarthdataCredentialsException for anything else that is not the endpoint's 2xx answer
   * @throws InterruptedException if interrupted while waiting for an answer
   */
  HttpResponse<String> fetch(EarthdataLogin login) throws Retryable, InterruptedException {
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
        throw refused(uri, status, response, login);
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
      return response;
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

  private EarthdataCredentialsException refused(
      URI uri, int status, HttpResponse<String> response, EarthdataLogin login) {
    return new EarthdataCredentialsException(
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
            + (login.isBearer() ? " (tokens expire; make a new one on the profile page there)" : "")
            + "; a new account must also approve the DAAC's application once by opening "
            + endpoint
            + " in a browser"
            + snippet(response, login),
        status,
        null);
  }

  /** The start of an answer's text, tags and the login removed, for messages. */
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
  static String where(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority() + Objects.toString(uri.getRawPath(), "");
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
}
