package org.magg.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetriesTest {

  /** A pretend HTTP answer: a status and the seconds a Retry-After header asks for, if any. */
  record Answer(int status, Long retryAfterSeconds) {
    static Answer of(int status) {
      return new Answer(status, null);
    }
  }

  /** Records the pauses instead of waiting. */
  static final class RecordingSleeper implements Retries.Sleeper {
    final List<Duration> pauses = new ArrayList<>();

    @Override
    public void sleep(Duration pause) {
      pauses.add(pause);
    }
  }

  /** Plays back a script of outcomes: an Answer is returned, an Exception thrown. */
  static final class Script implements Retries.Attempt<Answer, IOException> {
    final Deque<Object> outcomes = new ArrayDeque<>();
    int attempts;

    Script(Object... outcomes) {
      this.outcomes.addAll(List.of(outcomes));
    }

    @Override
    public Answer run() throws IOException {
      attempts++;
      Object next = outcomes.isEmpty() ? Answer.of(200) : outcomes.removeFirst();
      if (next instanceof IOException e) {
        throw e;
      }
      if (next instanceof RuntimeException e) {
        throw e;
      }
      return (Answer) next;
    }
  }

  /** Thrown by the tests' giveUp function, carrying what it was given. */
  static final class GaveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Retries.Failed<Answer> failed;

    GaveUp(Retries.Failed<Answer> failed) {
      super("gave up after " + failed.attempt() + " of " + failed.maxAttempts() + " attempts");
      this.failed = failed;
    }
  }

  private final RecordingSleeper sleeper = new RecordingSleeper();

  /** Like CMR's and Earthdata's: 429 and 5xx answers and I/O errors are retried. */
  private Retries<Answer> http(int attempts, Duration initialBackoff) {
    return Retries.<Answer>of(attempts, initialBackoff)
        .retryingResults(a -> a.status() == 429 || a.status() >= 500)
        .retryingExceptions(e -> e instanceof IOException)
        .honouringRetryAfter(
            a -> Optional.ofNullable(a.retryAfterSeconds()).map(Duration::ofSeconds))
        .withSleeper(sleeper);
  }

  private static List<Duration> seconds(long... s) {
    List<Duration> out = new ArrayList<>();
    for (long v : s) {
      out.add(Duration.ofSeconds(v));
    }
    return out;
  }

  @Test
  void retriedResultsAndExceptionsAreRetriedUntilOneSucceeds() throws Exception {
    Script script = new Script(Answer.of(503), new IOException("connection reset"), Answer.of(429));
    Answer a = http(5, Duration.ofMillis(100)).call(script, GaveUp::new);
    assertEquals(200, a.status());
    assertEquals(4, script.attempts);
    // 100 ms doubled before each further retry
    assertEquals(
        List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)),
        sleeper.pauses);
  }

  @Test
  void afterTheLastAttemptGiveUpGetsTheLastRetriedResult() {
    Script script = new Script(Answer.of(500), Answer.of(502), Answer.of(503), Answer.of(504));
    GaveUp e =
        assertThrows(GaveUp.class, () -> http(4, Duration.ofSeconds(1)).call(script, GaveUp::new));
    assertEquals(4, script.attempts);
    assertEquals(4, e.failed.attempt());
    assertEquals(4, e.failed.maxAttempts());
    assertEquals(504, e.failed.result().status());
    assertNull(e.failed.exception());
    assertEquals("gave up after 4 of 4 attempts", e.getMessage());
    // three pauses between four attempts: 1, 2, 4 s
    assertEquals(seconds(1, 2, 4), sleeper.pauses);
  }

  @Test
  void afterTheLastAttemptGiveUpGetsTheLastRetriedException() {
    IOException last = new IOException("third");
    Script script = new Script(new IOException("first"), new IOException("second"), last);
    GaveUp e =
        assertThrows(GaveUp.class, () -> http(3, Duration.ofSeconds(1)).call(script, GaveUp::new));
    assertSame(last, e.failed.exception());
    assertNull(e.failed.result());
    assertEquals(3, e.failed.attempt());
    assertEquals(seconds(1, 2), sleeper.pauses);
  }

  @Test
  void resultsAndExceptionsNotRetriedEndTheCallAtOnce() throws Exception {
    Script refused = new Script(Answer.of(404));
    assertEquals(404, http(5, Duration.ofSeconds(1)).call(refused, GaveUp::new).status());
    assertEquals(1, refused.attempts);

    IllegalStateException bug = new IllegalStateException("not retried");
    Script broken = new Script(Answer.of(503), bug);
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () -> http(5, Duration.ofSeconds(1)).call(broken, GaveUp::new));
    assertSame(bug, thrown);
    assertEquals(2, broken.attempts);

    // a checked exception the policy does not retry comes out unchanged, typed
    IOException io = new IOException("not retried here");
    Script checked = new Script(io);
    Retries<Answer> resultsOnly =
        Retries.<Answer>of(5, Duration.ofSeconds(1))
            .retryingResults(a -> a.status() >= 500)
            .withSleeper(sleeper);
    assertSame(io, assertThrows(IOException.class, () -> resultsOnly.call(checked, GaveUp::new)));
    assertEquals(1, checked.attempts);
    assertEquals(seconds(1), sleeper.pauses, "only the pause after the first 503");
  }

  @Test
  void backoffDoublesUpToTheLongestPause() {
    Object[] fiveErrors = {
      Answer.of(500), Answer.of(500), Answer.of(500), Answer.of(500), Answer.of(500)
    };
    Script script = new Script(fiveErrors);
    Script more = new Script(fiveErrors);
    assertThrows(GaveUp.class, () -> http(5, Duration.ofSeconds(20)).call(script, GaveUp::new));
    // 20, 40, then 80 and 160 cut to the default 60 s
    assertEquals(seconds(20, 40, 60, 60), sleeper.pauses);

    sleeper.pauses.clear();
    Retries<Answer> capped = http(5, Duration.ofSeconds(20)).withMaxDelay(Duration.ofSeconds(30));
    assertThrows(GaveUp.class, () -> capped.call(more, GaveUp::new));
    assertEquals(seconds(20, 30, 30, 30), sleeper.pauses);
  }

  @Test
  void retryAfterLongerThanTheBackoffIsHonouredUpToTheLongestPause() throws Exception {
    Script script =
        new Script(
            new Answer(503, 30L), // asks 30 s, more than the 1 s backoff
            new Answer(503, 0L), // asks nothing: the 2 s backoff
            new Answer(429, 600L), // asks 10 minutes: cut to 60 s
            Answer.of(503)); // no header: the 8 s backoff
    assertEquals(200, http(5, Duration.ofSeconds(1)).call(script, GaveUp::new).status());
    assertEquals(seconds(30, 2, 60, 8), sleeper.pauses);
  }

  @Test
  void zeroBackoffAndOneAttempt() {
    Script three = new Script(Answer.of(500), Answer.of(500), Answer.of(500));
    assertThrows(GaveUp.class, () -> http(3, Duration.ZERO).call(three, GaveUp::new));
    assertEquals(List.of(Duration.ZERO, Duration.ZERO), sleeper.pauses);

    sleeper.pauses.clear();
    Script once = new Script(Answer.of(500), Answer.of(200));
    GaveUp e = assertThrows(GaveUp.class, () -> http(1, Duration.ZERO).call(once, GaveUp::new));
    assertEquals(1, once.attempts, "one attempt means no retry");
    assertEquals(1, e.failed.attempt());
    assertTrue(sleeper.pauses.isEmpty());
  }

  @Test
  void eachCallCountsItsOwnAttemptsAndTheListenerHearsOfEachRetry() throws Exception {
    List<String> heard = new ArrayList<>();
    Retries<Answer> policy =
        http(3, Duration.ofMillis(10))
            .onRetry(
                (failed, pause) ->
                    heard.add(
                        failed.attempt()
                            + "/"
                            + failed.maxAttempts()
                            + " "
                            + (failed.result() == null
                                ? failed.exception().getMessage()
                                : "HTTP " + failed.result().status())
                            + " then "
                            + pause.toMillis()
                            + " ms"));
    for (int call = 0; call < 2; call++) {
      Script script = new Script(Answer.of(502), new IOException("reset"));
      assertEquals(200, policy.call(script, GaveUp::new).status());
      assertEquals(3, script.attempts);
    }
    assertEquals(
        List.of(
            "1/3 HTTP 502 then 10 ms",
            "2/3 reset then 20 ms",
            "1/3 HTTP 502 then 10 ms",
            "2/3 reset then 20 ms"),
        heard);
  }

  @Test
  void anInterruptedPauseEndsTheCall() {
    Script script = new Script(Answer.of(503), Answer.of(503));
    Retries<Answer> policy =
        http(3, Duration.ofSeconds(1))
            .withSleeper(
                pause -> {
                  throw new InterruptedException("stop");
                });
    assertThrows(InterruptedException.class, () -> policy.call(script, GaveUp::new));
    assertEquals(1, script.attempts);
  }

  @Test
  void settingsAreChecked() {
    IllegalArgumentException attempts =
        assertThrows(IllegalArgumentException.class, () -> Retries.of(0, Duration.ZERO));
    assertEquals("attempts must be at least 1, got 0", attempts.getMessage());
    IllegalArgumentException backoff =
        assertThrows(IllegalArgumentException.class, () -> Retries.of(1, Duration.ofMillis(-1)));
    assertEquals("retry backoff must be zero or positive, got PT-0.001S", backoff.getMessage());
    assertEquals(7, Retries.of(7, Duration.ZERO).maxAttempts());
  }
}
