package org.magg.io.s3;

import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** The credential sources a config or the command line can name. */
public final class CredentialsSources {
  private CredentialsSources() {}

  /** The AWS SDK's default provider chain (environment, profile files, container, instance). */
  public static CredentialsSource defaultChain() {
    return new DefaultChain();
  }

  /**
   * Parses a credentials spec: {@code default} (the AWS default chain).
   *
   * @throws IllegalArgumentException naming the spec and the allowed forms
   */
  public static CredentialsSource parse(String spec) {
    String s = spec == null ? "default" : spec.trim();
    if (s.toLowerCase(Locale.ROOT).equals("default")) {
      return defaultChain();
    }
    throw new IllegalArgumentException("unknown S3 credentials '" + spec + "' (allowed: default)");
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
  }
}
