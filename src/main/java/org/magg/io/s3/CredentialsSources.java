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
   * Parses a credentials spec: {@code default} (the AWS default chain) or {@code profile:NAME} (a
   * named AWS profile).
   *
   * @throws IllegalArgumentException naming the spec and the allowed forms
   */
  public static CredentialsSource parse(String spec) {
    String s = spec == null ? "default" : spec.trim();
    if (s.toLowerCase(Locale.ROOT).equals("default")) {
      return defaultChain();
    }
    if (s.toLowerCase(Locale.ROOT).startsWith(PROFILE)) {
      return profile(s.substring(PROFILE.length()));
    }
    throw new IllegalArgumentException(
        "unknown S3 credentials '" + spec + "' (allowed: default, profile:NAME)");
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
