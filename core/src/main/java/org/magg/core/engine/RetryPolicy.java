package org.magg.core.engine;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import org.magg.core.Retries;

/**
 * How often a producer step (or one tile of it) is attempted: at most {@code maxAttempts} times in
 * all, pausing {@code backoff}, doubling, between attempts, and retrying only failures that {@code
 * retryable} accepts. Run through the project's one retry policy, {@link Retries}.
 *
 * @param maxAttempts attempts in all, the first included (at least 1)
 * @param backoff the pause before the second attempt (zero or more)
 * @param retryable which failures are worth another attempt (serializable, for a policy that
 *     travels to Beam's workers with its producer)
 */
public record RetryPolicy(int maxAttempts, Duration backoff, Predicate<Exception> retryable)
    implements Serializable {

  /** Checks the fields. @throws IllegalArgumentException naming the field and what is allowed */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max_attempts must be at least 1, got " + maxAttempts);
    }
    if (backoff == null || backoff.isNegative()) {
      throw new IllegalArgumentException("backoff must be zero or positive, got " + backoff);
    }
    Objects.requireNonNull(retryable, "retryable");
  }

  /** One attempt: nothing is retried. */
  public static RetryPolicy once() {
    return new RetryPolicy(1, Duration.ZERO, (Predicate<Exception> & Serializable) e -> false);
  }

  /** {@code maxAttempts} attempts, retrying every exception. */
  public static RetryPolicy of(int maxAttempts, Duration backoff) {
    return new RetryPolicy(maxAttempts, backoff, (Predicate<Exception> & Serializable) e -> true);
  }

  /** The {@link Retries} that carries this policy out. */
  public <T> Retries<T> retries() {
    return Retries.<T>of(maxAttempts, backoff).retryingExceptions(retryable);
  }
}
