package org.magg.io.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Keeps a DAAC's temporary credentials until {@code refreshMargin} before they expire, then fetches
 * new ones; keys that live less than the margin are used for half their remaining life. If a
 * refresh fails while the cached keys are still valid, those are returned (with a warning that
 * names the DAAC and the failure, never a key) and the refresh is tried again {@link
 * #RETRY_REFRESH_AFTER_FAILURE a minute} later. Thread-safe: concurrent callers share one fetch.
 */
final class CredentialsCache {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialsCache.class);

  static final Duration RETRY_REFRESH_AFTER_FAILURE = Duration.ofMinutes(1);

  private record Cached(AwsSessionCredentials credentials, Instant expiry, Instant refreshAt) {}

  private final String daac;
  private final Supplier<S3CredentialsJson.Issued> fetch;
  private final Duration refreshMargin;
  private final Clock clock;

  private final Object lock = new Object();
  private volatile Cached cached;

  /**
   * @param daac the DAAC, for the warning
   * @param fetch fetches new credentials, or throws {@link EarthdataCredentialsException}
   */
  CredentialsCache(
      String daac, Supplier<S3CredentialsJson.Issued> fetch, Duration refreshMargin, Clock clock) {
    this.daac = daac;
    this.fetch = fetch;
    this.refreshMargin = refreshMargin;
    this.clock = clock;
  }

  /**
   * The cached credentials while they are more than the refresh margin from expiry, else fresh ones
   * (or, if fetching fails, the cached ones while they are valid).
   *
   * @throws EarthdataCredentialsException if fetching fails and no valid credentials are cached
   */
  AwsSessionCredentials get() {
    Cached c = cached;
    if (c != null && clock.instant().isBefore(c.refreshAt())) {
      return c.credentials();
    }
    synchronized (lock) {
      Instant now = clock.instant();
      c = cached;
      if (c != null && now.isBefore(c.refreshAt())) {
        return c.credentials();
      }
      try {
        S3CredentialsJson.Issued issued = fetch.get();
        Cached fresh =
            new Cached(issued.credentials(), issued.expiry(), refreshAt(issued, clock.instant()));
        cached = fresh;
        return fresh.credentials();
      } catch (EarthdataCredentialsException e) {
        if (c != null && now.isBefore(c.expiry())) {
          Instant retryAt = now.plus(RETRY_REFRESH_AFTER_FAILURE);
          cached =
              new Cached(
                  c.credentials(), c.expiry(), retryAt.isBefore(c.expiry()) ? retryAt : c.expiry());
          LOG.warn(
              "Refreshing Earthdata S3 credentials for DAAC {} failed; the cached ones stay in use"
                  + " until {}: {}",
              daac,
              c.expiry(),
              e.getMessage());
          return c.credentials();
        }
        throw e;
      }
    }
  }

  private Instant refreshAt(S3CredentialsJson.Issued issued, Instant now) {
    Instant refreshAt = issued.expiry().minus(refreshMargin);
    if (!refreshAt.isAfter(now)) {
      // Keys shorter-lived than the margin: use them for half their remaining life.
      refreshAt = now.plus(Duration.between(now, issued.expiry()).dividedBy(2));
    }
    return refreshAt;
  }
}
