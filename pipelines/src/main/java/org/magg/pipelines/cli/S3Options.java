package org.magg.pipelines.cli;

import org.magg.pipelines.config.S3Config;
import picocli.CommandLine.Option;

/**
 * How commands reach S3, the same options for every command that reads or writes S3 (they override
 * a config's {@code s3:} section where the command has a config).
 */
final class S3Options {
  @Option(names = "--s3-region", description = "S3 region (overrides s3.region).")
  String s3Region;

  @Option(
      names = "--s3-endpoint",
      description = "S3-compatible endpoint URL, http(s)://host:port (overrides s3.endpoint).")
  String s3Endpoint;

  @Option(
      names = "--s3-path-style",
      arity = "0..1",
      fallbackValue = "true",
      description = "Path-style S3 addressing (overrides s3.path_style).")
  Boolean s3PathStyle;

  @Option(
      names = "--requester-pays",
      arity = "0..1",
      fallbackValue = "true",
      description = "Pay for S3 requests to requester-pays buckets (overrides s3.requester_pays).")
  Boolean requesterPays;

  @Option(
      names = "--s3-credentials",
      description = "S3 credentials: default or profile:NAME (overrides s3.credentials).")
  String s3Credentials;

  @Option(
      names = "--s3-max-attempts",
      description = "Attempts per S3 request, retries included (overrides s3.max_attempts).")
  Integer s3MaxAttempts;

  /** The options as an S3 config section (null fields: not given). */
  S3Config toConfig() {
    return new S3Config(
        s3Region, s3Endpoint, s3PathStyle, requesterPays, s3Credentials, s3MaxAttempts);
  }
}
