package org.magg.io.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds S3 clients from {@link S3Settings} and caches them per JVM, one per distinct settings
 * value: pipeline steps carry only the settings, and every worker builds its clients the first time
 * it needs them. Clients are thread-safe and live as long as the JVM.
 */
final class S3Clients {
  /** Region used when none is configured or found (AWS's global default). */
  static final String FALLBACK_REGION = "us-east-1";

  /** First retry waits up to this long (full jitter), doubling per retry. */
  static final Duration BASE_DELAY = Duration.ofMillis(100);

  /** Throttling errors (503 SlowDown and the like) back off from this delay instead. */
  static final Duration THROTTLING_BASE_DELAY = Duration.ofMillis(500);

  /** No retry waits longer than this. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(20);

  private static final Map<S3Settings, S3Client> CLIENTS = new ConcurrentHashMap<>();

  private S3Clients() {}

  /** The JVM's client for these settings, built on first use. */
  static S3Client get(S3Settings settings) {
    return CLIENTS.computeIfAbsent(settings, S3Clients::build);
  }

  /** The retry strategy: AWS's standard strategy with our attempts and backoff. */
  static StandardRetryStrategy retryStrategy(int maxAttempts) {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(maxAttempts)
        .backoffStrategy(BackoffStrategy.exponentialDelay(BASE_DELAY, MAX_BACKOFF))
        .throttlingBackoffStrategy(
            BackoffStrategy.exponentialDelay(THROTTLING_BASE_DELAY, MAX_BACKOFF))
        .build();
  }

  static S3Client build(S3Settings settings) {
    S3ClientBuilder b =
        S3Client.builder()
            .credentialsProvider(settings.credentials().provider())
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .maxConnections(64)
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60)))
            .overrideConfiguration(c -> c.retryStrategy(retryStrategy(settings.maxAttempts())))
            .forcePathStyle(settings.pathStyle());
    String region = settings.region();
    if (region == null) {
      region = defaultRegion(settings.endpoint() == null);
      if (settings.endpoint() == null) {
        // No region was configured: let the client follow a bucket to its own region.
        b.crossRegionAccessEnabled(true);
      }
    }
    b.region(Region.of(region));
    if (settings.endpoint() != null) {
      b.endpointOverride(URI.create(settings.endpoint()));
      // S3-compatible stores differ in their support of the newer flexible checksums; send and
      // check them only where the API requires a checksum.
      b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
      b.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return b.build();
  }

  /**
   * The region from {@code aws.region} / {@code AWS_REGION} or the profile files; for AWS itself
   * also from the instance metadata; else {@link #FALLBACK_REGION}.
   */
  private static String defaultRegion(boolean aws) {
    try {
      Region r =
          aws
              ? DefaultAwsRegionProviderChain.builder().build().getRegion()
              : new AwsRegionProviderChain(
                      new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
                  .getRegion();
      return r.id();
    } catch (SdkClientException e) {
      return FALLBACK_REGION;
    }
  }
}
