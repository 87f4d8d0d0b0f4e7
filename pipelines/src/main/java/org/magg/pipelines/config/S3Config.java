package org.magg.pipelines.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.Serializable;
import org.magg.core.ConfigException;
import org.magg.io.s3.CredentialsSources;
import org.magg.io.s3.S3Settings;
import org.magg.pipelines.config.YamlScalars.Flag;
import org.magg.pipelines.config.YamlScalars.Int;

/**
 * The optional top-level {@code s3:} section of a config (bound from the YAML as it is), also used
 * for the command line's overrides. A null field is "not set": the command line overrides the
 * config, the config overrides the AWS defaults ({@link S3Settings#defaults()}).
 *
 * <pre>{@code
 * s3:
 *   region: us-west-2
 *   endpoint: http://127.0.0.1:9000   # S3-compatible store
 *   path_style: true
 *   requester_pays: true
 *   credentials: profile:science      # default | profile:NAME
 *   max_attempts: 10
 * }</pre>
 *
 * @param region AWS region, or null for the default region chain
 * @param endpoint endpoint override URL, or null for AWS
 * @param pathStyle path-style addressing, or null (off)
 * @param requesterPays send the requester-pays flag, or null (off)
 * @param credentials credentials spec ({@code default}, {@code profile:NAME}), or null (default)
 * @param maxAttempts attempts per request, or null ({@link S3Settings#DEFAULT_MAX_ATTEMPTS})
 */
@JsonNaming(SnakeCaseStrategy.class)
public record S3Config(
    String region,
    String endpoint,
    @JsonDeserialize(using = Flag.class) Boolean pathStyle,
    @JsonDeserialize(using = Flag.class) Boolean requesterPays,
    String credentials,
    @JsonDeserialize(using = Int.class) Integer maxAttempts)
    implements Serializable {

  /** Nothing set. */
  public static final S3Config NONE = new S3Config(null, null, null, null, null, null);

  /** This config with every field {@code overrides} sets replaced. */
  public S3Config overriddenBy(S3Config overrides) {
    if (overrides == null) {
      return this;
    }
    return new S3Config(
        overrides.region != null ? overrides.region : region,
        overrides.endpoint != null ? overrides.endpoint : endpoint,
        overrides.pathStyle != null ? overrides.pathStyle : pathStyle,
        overrides.requesterPays != null ? overrides.requesterPays : requesterPays,
        overrides.credentials != null ? overrides.credentials : credentials,
        overrides.maxAttempts != null ? overrides.maxAttempts : maxAttempts);
  }

  /**
   * The settings S3 access uses: the AWS defaults with the fields set here.
   *
   * @throws ConfigException naming the field ({@code prefix + "region"}, ...) and what is wrong
   */
  public S3Settings toSettings(FieldNames names) {
    S3Settings s = S3Settings.defaults();
    try {
      s = s.withRegion(region);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(names.region, e.getMessage());
    }
    try {
      s = s.withEndpoint(endpoint);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(names.endpoint, e.getMessage());
    }
    try {
      if (credentials != null) {
        s = s.withCredentials(CredentialsSources.parse(credentials));
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(names.credentials, e.getMessage());
    }
    try {
      if (maxAttempts != null) {
        s = s.withMaxAttempts(maxAttempts);
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(names.maxAttempts, e.getMessage());
    }
    return s.withPathStyle(Boolean.TRUE.equals(pathStyle))
        .withRequesterPays(Boolean.TRUE.equals(requesterPays));
  }

  /** The settings, with errors named by their config field ({@code s3.region}, ...). */
  public S3Settings toSettings() {
    return toSettings(FieldNames.CONFIG);
  }

  /** How errors name each field: config paths or command-line options. */
  public record FieldNames(String region, String endpoint, String credentials, String maxAttempts) {
    /** The config's field paths. */
    public static final FieldNames CONFIG =
        new FieldNames("s3.region", "s3.endpoint", "s3.credentials", "s3.max_attempts");

    /** The command line's options. */
    public static final FieldNames CLI =
        new FieldNames("--s3-region", "--s3-endpoint", "--s3-credentials", "--s3-max-attempts");
  }
}
