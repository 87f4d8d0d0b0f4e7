package org.magg.core;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The project's one retry policy, for calls to remote services (CMR's search, Earthdata's
 * credentials endpoints): which outcomes are retried, how many attempts are made, and how long to
 * pause in between. Built on resilience4j's {@link Retry}.
 *
 * <p>An attempt either returns a result or throws. A result that {@link #retryingResults matches}
 * (an HTTP 503, say) or an exception that {@link #retryingExceptions matches} (a dropped
 * connection) is retried; anything else ends the call at once: a result is returned, an exception
 * rethrown unchanged. After the last attempt the caller's {@code giveUp} function turns the last
 * failure into the exception thrown, so messages say what failed and how often.
 *
 * <p>The pause before retry {@code k} (1 for the second attempt) is {@code initialBackoff * 2^(k -
 * 1)}; if the failed result {@link #honouringRetryAfter asks for a longer wait} (HTTP {@code
 * Retry-After}), that wait is used instead; either is cut to {@link #withMaxDelay the longest
 * pause} ({@value #DEFAULT_MAX_DELAY_SECONDS} s by default). Pauses have millisecond resolution and
 * no jitter. They are taken by a {@link Sleeper} that tests replace, so no test waits real time.
 *
 * <p>Instances are immutable and thread-safe: each {@code withX} returns a new policy, and each
 * {@link #call} counts its own attempts.
 *
 * @param <T> what an attempt returns
 */
public final class Retries<T> {
  /** The longest pause by default, in seconds. */
  public static final long DEFAULT_MAX_DELAY_SECONDS = 60;

  /** Takes a pause between attempts. */
  @FunctionalInterface
  public interface Sleeper {
    /** Pauses the calling thread with {@link Thread#sleep}; does nothing for a zero pause. */
    Sleeper THREAD =
        pause -> {
          if (pause.toMillis() > 0) {
            Thread.sleep(pause.toMillis());
          }
        };

    void sleep(Duration pause) throws InterruptedException;
  }

  /**
   * One attempt of the call.
   *
   * @param <T> what it returns
   * @param <X> the checked exception it may throw (besides being interrupted)
   */
  @FunctionalInterface
  public interface Attempt<T, X extends Exception> {
    T run() throws X, InterruptedException;
  }

  /**
   * An attempt that failed in a retried way: the result it returned, or the exception it threw.
   *
   * @param attempt which attempt it was, from 1
   * @param maxAttempts the attempts allowed in all
   * @param result the retried result, or null if the attempt threw
   * @param exception the retried exception, or null if the attempt returned
   */
  public record Failed<T>(int attempt, int maxAttempts, T result, Exception exception) {}

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxDelay;
  private final Predicate<? super T> retryResult;
  private final Predicate<? super Exception> retryException;
  private final Function<? super T, Optional<Duration>> retryAfter;
  private final Sleeper sleeper;
  private final BiConsumer<Failed<T>, Duration> onRetry;
  private final Retry retry;

  private Retries(
      int maxAttempts,
      Duration initialBackoff,
      Duration maxDelay,
      Predicate<? super T> retryResult,
      Predicate<? super Exception> retryException,
      Function<? super T, Optional<Duration>> retryAfter,
      Sleeper sleeper,
      BiConsumer<Failed<T>, Duration> onRetry) {
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxDelay = maxDelay;
    this.retryResult = retryResult;
    this.retryException = retryException;
    this.retryAfter = retryAfter;
    this.sleeper = sleeper;
    this.onRetry = onRetry;
    RetryConfig config =
        RetryConfig.<T>custom()
            .maxAttempts(maxAttempts)
            .retryOnResult(retryResult::test)
            .retryOnException(e -> e instanceof Exception x && retryException.test(x))
            .intervalBiFunction(interval())
            .build();
    this.retry = Retry.of("retries", config);
  }

  /**
   * A policy of {@code maxAttempts} attempts in all with pauses from {@code initialBackoff},
   * doubling; it retries nothing until told what to retry.
   *
   * @throws IllegalArgumentException if {@code maxAttempts < 1} or the backoff is negative
   */
  public static <T> Retries<T> of(int maxAttempts, Duration initialBackoff) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + maxAttempts);
    }
    if (initialBackoff == null || initialBackoff.isNegative()) {
      throw new IllegalArgumentException(
          "retry backoff must be zero or positive, got " + initialBackoff);
    }
    return new Retries<>(
        maxAttempts,
        initialBackoff,
        Duration.ofSeconds(DEFAULT_MAX_DELAY_SECONDS),
        r -> false,
        e -> false,
        r -> Optional.empty(),
        Sleeper.THREAD,
        (f, d) -> {});
  }

  /** Also retries results that match (an HTTP 429 or 5xx response, say). */
  public Retries<T> retryingResults(Predicate<? super T> results) {
    Objects.requireNonNull(results, "results");
    Predicate<? super T> before = retryResult;
    return new Retries<>(
        maxAttempts,
        initialBackoff,
        maxDelay,
        r -> before.test(r) || results.test(r),
        retryException,
        retryAfter,
        sleeper,
        onRetry);
  }

  /** Also retries exceptions that match (an {@code IOException}, say). */
  public Retries<T> retryingExceptions(Predicate<? super Exception> exceptions) {
    Objects.requireNonNull(exceptions, "exceptions");
    Predicate<? super Exception> before = retryException;
    return new Retries<>(
        maxAttempts,
        initialBackoff,
        maxDelay,
        retryResult,
        e -> before.test(e) || exceptions.test(e),
        retryAfter,
        sleeper,
        onRetry);
  }

  /**
   * Waits as long as a retried result asks, when that is longer than the backoff (an HTTP {@code
   * Retry-After} header, say); still at most {@link #withMaxDelay the longest pause}.
   */
  public Retries<T> honouringRetryAfter(Function<? super T, Optional<Duration>> asked) {
    return new Retries<>(
        maxAttempts,
        initialBackoff,
        maxDelay,
        retryResult,
        retryException,
        Objects.requireNonNull(asked, "asked"),
        sleeper,
        onRetry);
  }

  /** The longest pause between two attempts (default {@value #DEFAULT_MAX_DELAY_SECONDS} s). */
  public Retries<T> withMaxDelay(Duration longest) {
    if (longest == null || longest.isNegative()) {
      throw new IllegalArgumentException(
          "longest retry pause must be zero or positive, got " + longest);
    }
    return new Retries<>(
        maxAttempts,
        initialBackoff,
        longest,
        retryResult,
        retryException,
        retryAfter,
        sleeper,
        onRetry);
  }

  /** Takes the pauses with this sleeper (tests record them instead of waiting). */
  public Retries<T> withSleeper(Sleeper s) {
    return new Retries<>(
        maxAttempts,
        initialBackoff,
        maxDelay,
        retryResult,
        retryException,
        retryAfter,
        Objects.requireNonNull(s, "sleeper"),
        onRetry);
  }

  /** Tells {@code listener} of each failed attempt that will be retried, and the pause first. */
  public Retries<T> onRetry(BiConsumer<Failed<T>, Duration> listener) {
    return new Retries<>(
        maxAttempts,
        initialBackoff,
        maxDelay,
        retryResult,
        retryException,
        retryAfter,
        sleeper,
        Objects.requireNonNull(listener, "listener"));
  }

  /** The attempts made at most, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Runs {@code attempt} until it returns a result that is not retried, throws an exception that is
   * not retried, or the attempts run out.
   *
   * @param giveUp makes the exception thrown after the last attempt failed in a retried way
   * @return the first result that is not retried
   * @throws X the first exception that is not retried, as thrown
   * @throws InterruptedException if the attempt or a pause is interrupted (not retried)
   */
  @SuppressWarnings("unchecked")
  public <X extends Exception> T call(
      Attempt<T, X> attempt, Function<Failed<T>, ? extends RuntimeException> giveUp)
      throws X, InterruptedException {
    Retry.AsyncContext<T> context = retry.asyncContext();
    for (int n = 1; ; n++) {
      T result;
      long pause;
      Failed<T> failed;
      try {
        result = attempt.run();
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        pause = context.onError(e);
        failed = new Failed<>(n, maxAttempts, null, e);
        if (pause < 0) {
          if (retryException.test(e)) {
            throw giveUp.apply(failed);
          }
          if (e instanceof RuntimeException r) {
            throw r;
          }
          throw (X) e;
        }
        pauseBeforeRetry(failed, pause);
        continue;
      }
      pause = context.onResult(result);
      if (pause < 0) {
        if (retryResult.test(result)) {
          throw giveUp.apply(new Failed<>(n, maxAttempts, result, null));
        }
        context.onComplete();
        return result;
      }
      pauseBeforeRetry(new Failed<>(n, maxAttempts, result, null), pause);
    }
  }

  private void pauseBeforeRetry(Failed<T> failed, long pauseMillis) throws InterruptedException {
    Duration pause = Duration.ofMillis(pauseMillis);
    onRetry.accept(failed, pause);
    sleeper.sleep(pause);
  }

  /** The pause before retry {@code k}: the backoff, or the wait asked for, at most the longest. */
  private IntervalBiFunction<T> interval() {
    long initial = initialBackoff.toMillis();
    long longest = maxDelay.toMillis();
    IntervalFunction backoff =
        initial == 0 || longest == 0
            ? k -> 0L
            : IntervalFunction.ofExponentialBackoff(initial, 2.0, longest);
    return (k, outcome) -> {
      long pause = backoff.apply(k);
      if (outcome.isRight()) {
        long asked = retryAfter.apply(outcome.get()).map(Duration::toMillis).orElse(0L);
        pause = Math.max(pause, asked);
      }
      return Math.min(pause, longest);
    };
  }
}
