package org.magg.io.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Earthdata Login: either a bearer token or a username and password, with a description of where
 * it was found. {@link #toString()} and {@link #origin()} never contain the secret.
 */
final class EarthdataLogin {
  static final String TOKEN_VAR = "EARTHDATA_TOKEN";
  static final String USERNAME_VAR = "EARTHDATA_USERNAME";
  static final String PASSWORD_VAR = "EARTHDATA_PASSWORD";

  private final String token;
  private final String username;
  private final String password;
  private final String origin;

  private EarthdataLogin(String token, String username, String password, String origin) {
    this.token = token;
    this.username = username;
    this.password = password;
    this.origin = origin;
  }

  static EarthdataLogin bearer(String token, String origin) {
    return new EarthdataLogin(token, null, null, origin);
  }

  static EarthdataLogin basic(String username, String password, String origin) {
    return new EarthdataLogin(null, username, password, origin);
  }

  boolean isBearer() {
    return token != null;
  }

  /** Where the login came from, e.g. {@code "EARTHDATA_TOKEN"} or {@code "netrc file ..."}. */
  String origin() {
    return origin;
  }

  /** The value of the {@code Authorization} header. */
  String authorization() {
    if (token != null) {
      return "Bearer " + token;
    }
    String pair = username + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces the secret (and its Basic encoding) by {@code ***} in text shown to people. */
  String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets()) {
      if (!secret.isEmpty()) {
        out = out.replace(secret, "***");
      }
    }
    return out;
  }

  private List<String> secrets() {
    List<String> s = new ArrayList<>();
    if (token != null) {
      s.add(token);
    }
    if (password != null) {
      s.add(password);
      s.add(authorization().substring("Basic ".length()));
    }
    return s;
  }

  @Override
  public String toString() {
    return "Earthdata Login from " + origin + (isBearer() ? " (bearer token)" : " (username)");
  }

  /**
   * Where to look for a login, in order: values given in code, a token file, a netrc file named in
   * code, the {@code EARTHDATA_TOKEN} variable, the {@code EARTHDATA_USERNAME} and {@code
   * EARTHDATA_PASSWORD} variables, then the netrc file at {@code $NETRC} or {@code ~/.netrc}.
   */
  static final class Lookup {
    String token;
    String username;
    String password;
    Path tokenFile;
    Path netrcFile;
    Map<String, String> env = System.getenv();

    Lookup copy() {
      Lookup c = new Lookup();
      c.token = token;
      c.username = username;
      c.password = password;
      c.tokenFile = tokenFile;
      c.netrcFile = netrcFile;
      c.env = env;
      return c;
    }

    /** A description of where this lookup would look, safe to print. */
    String describe(String loginHostName) {
      if (token != null) {
        return "a token given in code";
      }
      if (username != null) {
        return "a username and password given in code";
      }
      if (tokenFile != null) {
        return "token file " + tokenFile;
      }
      if (netrcFile != null) {
        return "netrc file " + netrcFile + " (machine " + loginHostName + ")";
      }
      return TOKEN_VAR
          + ", "
          + USERNAME_VAR
          + "/"
          + PASSWORD_VAR
          + " or the netrc file ($NETRC or ~/.netrc, machine "
          + loginHostName
          + ")";
    }

    /**
     * Finds the login for {@code loginHostName} (the netrc machine name).
     *
     * @throws EarthdataCredentialsException saying what to set when nothing is found or a source is
     *     unusable
     */
    EarthdataLogin find(String loginHostName, String daac) {
      if (token != null) {
        return bearer(token, "a token given in code");
      }
      if (username != null || password != null) {
        if (username == null || password == null || username.isEmpty()) {
          throw new EarthdataCredentialsException(
              "Earthdata Login for DAAC " + daac + ": a username and a password are both needed");
        }
        return basic(username, password, "a username and password given in code");
      }
      if (tokenFile != null) {
        return bearer(readTokenFile(tokenFile, daac), "token file " + tokenFile);
      }
      if (netrcFile != null) {
        return fromNetrc(netrcFile, loginHostName, daac)
            .orElseThrow(
                () ->
                    new EarthdataCredentialsException(
                        "no Earthdata Login for DAAC "
                            + daac
                            + ": netrc file "
                            + netrcFile
                            + (Files.exists(netrcFile)
                                ? " has no entry 'machine " + loginHostName + "'"
                                : " does not exist")));
      }
      String envToken = env.get(TOKEN_VAR);
      if (envToken != null && !envToken.isBlank()) {
        return bearer(envToken.trim(), TOKEN_VAR);
      }
      String envUser = env.get(USERNAME_VAR);
      String envPassword = env.get(PASSWORD_VAR);
      boolean hasUser = envUser != null && !envUser.isEmpty();
      boolean hasPassword = envPassword != null && !envPassword.isEmpty();
      if (hasUser && hasPassword) {
        return basic(envUser, envPassword, USERNAME_VAR + "/" + PASSWORD_VAR);
      }
      if (hasUser != hasPassword) {
        throw new EarthdataCredentialsException(
            "Earthdata Login for DAAC "
                + daac
                + ": "
                + (hasUser ? USERNAME_VAR : PASSWORD_VAR)
                + " is set but "
                + (hasUser ? PASSWORD_VAR : USERNAME_VAR)
                + " is not; set both, or set "
                + TOKEN_VAR);
      }
      Path netrc = Netrc.defaultPath(env);
      return fromNetrc(netrc, loginHostName, daac)
          .orElseThrow(
              () ->
                  new EarthdataCredentialsException(
                      "no Earthdata Login found for DAAC "
                          + daac
                          + ": set "
                          + TOKEN_VAR
                          + " (a token from https://urs.earthdata.nasa.gov/profile), or "
                          + USERNAME_VAR
                          + " and "
                          + PASSWORD_VAR
                          + ", or add 'machine "
                          + loginHostName
                          + " login USER password PASSWORD' to "
                          + netrc
                          + " (or to the file named by NETRC)"));
    }

    private static Optional<EarthdataLogin> fromNetrc(Path file, String host, String daac) {
      Optional<Netrc.Entry> entry;
      try {
        entry = Netrc.find(file, host);
      } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
        throw new EarthdataCredentialsException(
            "Earthdata Login for DAAC " + daac + ": " + e.getMessage(), e);
      }
      if (entry.isEmpty()) {
        return Optional.empty();
      }
      Netrc.Entry e = entry.get();
      if (e.login() == null || e.password() == null) {
        throw new EarthdataCredentialsException(
            "Earthdata Login for DAAC "
                + daac
                + ": the entry for "
                + host
                + " in netrc file "
                + file
                + " needs both 'login' and 'password'");
      }
      return Optional.of(basic(e.login(), e.password(), "netrc file " + file));
    }

    private static String readTokenFile(Path file, String daac) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8).trim();
      } catch (NoSuchFileException e) {
        throw new EarthdataCredentialsException(
            "Earthdata Login for DAAC " + daac + ": token file " + file + " does not exist");
      } catch (IOException e) {
        throw new EarthdataCredentialsException(
            "Earthdata Login for DAAC "
                + daac
                + ": cannot read token file "
                + file
                + ": "
                + e.getMessage(),
            e);
      }
      if (text.isEmpty()) {
        throw new EarthdataCredentialsException(
            "Earthdata Login for DAAC " + daac + ": token file " + file + " is empty");
      }
      return text;
    }
  }
}
