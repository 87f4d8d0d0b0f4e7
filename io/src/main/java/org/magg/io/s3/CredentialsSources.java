package org.magg.io.s3;

import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/** The credential sources a config or the command line can name. */
public final class CredentialsSources {
  private static final String PROFILE = "profile:";

  private CredentialsSources() {}

  /** The AWS SDK's default provider chain (environment, profile files, container, instance). */
  public static CredentialsSource defaultChain() {
    return new DefaultChain();
  }

  /**
   * Temporary credentials of a NASA Earthdata DAAC ({@code NSIDC}, {@code GES_DISC}, {@code
   * PODAAC}, {@code LPDAAC}, ...), the login read by each worker from its environment or netrc.
   */
  public static EarthdataCredentialsSource earthdata(String daac) {
    return EarthdataCredentialsSource.forDaac(daac);
  }

  /**
   * A named profile of the AWS shared config and credentials files ({@code ~/.aws/credentials}, or
   * the files {@code AWS_SHARED_CREDENTIALS_FILE} and {@code AWS_CONFIG_FILE} name), read on each
   * worker.
   */
  public static CredentialsSource profile(String name) {
    if (name == null || name.isBlank() || !name.trim().matches("[^\\s\\[\\]]+")) {
      throw new IllegalArgumentException(
          "S3 credentials 'profile:"
              + (name == null ? "" : name)
              + "' need a profile name without spaces or brackets, for example profile:science");
    }
    return new Profile(name.trim());
  }

  /**
   * Parses a credentials spec:
   *
   * <ul>
   *   <li>{@code default}: the AWS default chain;
   *   <li>{@code profile:NAME}: a named AWS profile;
   *   <li>{@code earthdata:DAAC}: temporary credentials of a NASA Earthdata DAAC, e.g. {@code
   *       earthdata:NSIDC}; {@code earthdata:https://host/s3credentials} for an endpoint not in the
   *       table. Options may follow a {@code ?}, separated by {@code &}: {@code token-file=PATH},
   *       {@code netrc=PATH}, {@code endpoint=URL}, {@code login-host=URL}.
   * </ul>
   *
   * @throws IllegalArgumentException naming the spec and the allowed forms
   */
  public static CredentialsSource parse(String spec) {
    String s = spec == null ? "default" : spec.trim();
    if (s.toLowerCase(Locale.ROOT).equals("default")) {
      return defaultChain();
    }
    if (s.toLowerCase(Locale.ROOT).startsWith(EARTHDATA_PREFIX)) {
      return parseEarthdata(s.substring(EARTHDATA_PREFIX.length()), spec);
    }
    if (s.toLowerCase(Locale.ROOT).startsWith(PROFILE)) {
      return profile(s.substring(PROFILE.length()));
    }
    throw new IllegalArgumentException(
        "unknown S3 credentials '"
            + spec
            + "' (allowed: default, profile:NAME, earthdata:DAAC with DAAC one of "
            + String.join(", ", EarthdataDaacs.names())
            + ")");
  }

  private static final String EARTHDATA_PREFIX = "earthdata:";

  private static EarthdataCredentialsSource parseEarthdata(String rest, String spec) {
    int q = rest.indexOf('?');
    String target = (q < 0 ? rest : rest.substring(0, q)).trim();
    if (target.isEmpty()) {
      throw new IllegalArgumentException(
          "S3 credentials '"
              + spec
              + "' name no DAAC (expected earthdata:DAAC with DAAC one of "
              + String.join(", ", EarthdataDaacs.names())
              + ")");
    }
    EarthdataCredentialsSource source;
    try {
      source =
          target.contains("://")
              ? EarthdataCredentialsSource.forEndpoint(target)
              : EarthdataCredentialsSource.forDaac(target);
      if (q >= 0) {
        for (String option : rest.substring(q + 1).split("&")) {
          if (option.isBlank()) {
            continue;
          }
          int eq = option.indexOf('=');
          String key = (eq < 0 ? option : option.substring(0, eq)).trim();
          String value = eq < 0 ? "" : option.substring(eq + 1).trim();
          if (value.isEmpty()) {
            throw new IllegalArgumentException("option '" + key + "' has no value");
          }
          source =
              switch (key.toLowerCase(Locale.ROOT)) {
                case "token-file" -> source.withTokenFile(value);
                case "netrc" -> source.withNetrc(value);
                case "endpoint" -> source.withEndpoint(value);
                case "login-host" -> source.withLoginHost(value);
                default ->
                    throw new IllegalArgumentException(
                        "unknown option '"
                            + key
                            + "' (allowed: token-file, netrc, endpoint, login-host)");
              };
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("S3 credentials '" + spec + "': " + e.getMessage(), e);
    }
    return source;
  }

  private static final class DefaultChain implements CredentialsSource {
    private static final long serialVersionUID = 1L;

    @Override
    public AwsCredentialsProvider provider() {
      return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public String describe() {
      return "AWS default credentials chain";
    }

    @Override
    public String toString() {
      return describe();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof DefaultChain;
    }

    @Override
    public int hashCode() {
      return DefaultChain.class.hashCode();
    }
  }

  private static final class Profile implements CredentialsSource {
    private static final long serialVersionUID = 1L;
    private final String name;

    Profile(String name) {
      this.name = name;
    }

    @Override
    public AwsCredentialsProvider provider() {
      return ProfileCredentialsProvider.builder().profileName(name).build();
    }

    @Override
    public String describe() {
      return "AWS profile '" + name + "'";
    }

    @Override
    public String toString() {
      return describe();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Profile && ((Profile) o).name.equals(name);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }
}
