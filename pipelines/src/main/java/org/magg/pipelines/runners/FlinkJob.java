package org.magg.pipelines.runners;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.joda.time.Duration;

/**
 * A job Beam's Flink runner submitted without waiting for it ({@code --attachedMode=false}), whose
 * counters can be read while it runs and whose final counters are exactly those the runner gives
 * when it waits ({@code FlinkRunnerResult}: the job's accumulators, attempted values only).
 *
 * <p>Beam's own detached result is not used to wait or to read the final counters: it waits by
 * asking the cluster for the job's status every few seconds, and the embedded cluster shuts down as
 * soon as the job ends (asking can then fail); a reading of its counters that fails logs a warning
 * and gives none. This class waits for the job's {@code JobExecutionResult} instead, which the
 * job's Flink client keeps after the cluster is gone, and reads the final counters from it; while
 * the job runs it reads the accumulators the cluster has of it. A failed job throws what the runner
 * throws when it waits: a {@link RuntimeException} "Pipeline execution failed" caused by Flink's
 * exception.
 *
 * <p>Pipeline code names no runner class (the Flink runner is an optional Maven profile), so the
 * runner and Flink are reached by reflection, through their public interfaces except for the
 * detached result's client; {@link #supported} says whether all of it is there.
 */
final class FlinkJob implements PipelineResult {
  static final String DETACHED_RESULT = "org.apache.beam.runners.flink.FlinkDetachedRunnerResult";
  static final String JOB_CLIENT = "org.apache.flink.core.execution.JobClient";
  static final String JOB_EXECUTION_RESULT = "org.apache.flink.api.common.JobExecutionResult";
  static final String STEP_MAP = "org.apache.beam.runners.core.metrics.MetricsContainerStepMap";

  /** The accumulator Beam's Flink runner keeps its metrics in (FlinkMetricContainer). */
  static final String ACCUMULATOR = "__metricscontainers";

  /** How long one reading of the running job's counters may take. */
  private static final long READ_SECONDS = 10;

  private static final Api API = Api.load();

  private final PipelineResult detached;
  private final Object client;
  private volatile State state;
  private volatile MetricResults finalMetrics;
  private volatile RuntimeException failure;

  private FlinkJob(PipelineResult detached, Object client) {
    this.detached = detached;
    this.client = client;
  }

  /** Whether the Flink runner is on the classpath with everything this class reaches. */
  static boolean supported() {
    return API != null;
  }

  /**
   * {@code result} as a {@link FlinkJob} when it is the Flink runner's detached result, else {@code
   * result} itself.
   */
  static PipelineResult of(PipelineResult result) {
    if (API == null || !API.detachedResult.isInstance(result)) {
      return result;
    }
    try {
      return new FlinkJob(result, API.jobClient.get(result));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot reach the Flink job of " + result, e);
    }
  }

  @Override
  public State getState() {
    if (state == null && future(API.executionResult).isDone()) {
      try {
        finish(-1);
      } catch (RuntimeException e) {
        return State.FAILED;
      }
    }
    State s = state;
    return s != null ? s : detached.getState();
  }

  @Override
  public State cancel() throws IOException {
    if (state != null) {
      return state;
    }
    try {
      future(API.cancel).get();
    } catch (ExecutionException e) {
      throw new IOException("cannot cancel the Flink job", strip(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while cancelling the Flink job", e);
    }
    return State.CANCELLED;
  }

  @Override
  public State waitUntilFinish(Duration duration) {
    return finish(duration == null ? -1 : duration.getMillis());
  }

  @Override
  public State waitUntilFinish() {
    return finish(-1);
  }

  /**
   * The job's counters: its final ones once it has ended, else those the cluster has of the running
   * job (Beam's Flink runner hands a task's counters to Flink when the task ends, so these are the
   * counts of the tasks that have ended).
   */
  @Override
  public MetricResults metrics() {
    MetricResults f = finalMetrics;
    if (f != null) {
      return f;
    }
    try {
      return results(future(API.accumulators).get(READ_SECONDS, TimeUnit.SECONDS));
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the Flink job's counters", strip(e));
    } catch (TimeoutException e) {
      throw new IllegalStateException("the Flink job's counters did not come in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the Flink job's counters", e);
    }
  }

  /** Waits for the job's end ({@code millis} < 0: for ever); null when it has not ended by then. */
  private synchronized State finish(long millis) {
    if (failure != null) {
      throw failure;
    }
    if (state != null) {
      return state;
    }
    Object executionResult;
    try {
      CompletableFuture<?> f = future(API.executionResult);
      executionResult = millis < 0 ? f.get() : f.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (ExecutionException e) {
      state = State.FAILED;
      failure = new RuntimeException("Pipeline execution failed", strip(e));
      throw failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Flink job", e);
    }
    finalMetrics = results(invoke(API.allAccumulators, executionResult));
    state = State.DONE;
    return state;
  }

  /** Beam's attempted-only metric results over a job's accumulators, as the runner makes them. */
  private static MetricResults results(Object accumulators) {
    Object stepMap = accumulators == null ? null : ((Map<?, ?>) accumulators).get(ACCUMULATOR);
    try {
      if (stepMap == null) {
        stepMap = API.stepMap.getConstructor().newInstance();
      }
      return (MetricResults) API.attemptedOnly.invoke(null, stepMap);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the Flink job's counters", e);
    }
  }

  private CompletableFuture<?> future(Method m) {
    return (CompletableFuture<?>) invoke(m, client);
  }

  private static Object invoke(Method m, Object target) {
    try {
      return m.invoke(target);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(m.getName() + " failed on the Flink job", cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + m.getName() + " on the Flink job", e);
    }
  }

  /** The exception a future failed with, without the wrappers futures add. */
  private static Throwable strip(Throwable t) {
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The runner's and Flink's members this class calls; null when one is missing. */
  private record Api(
      Class<?> detachedResult,
      Field jobClient,
      Method executionResult,
      Method accumulators,
      Method cancel,
      Method allAccumulators,
      Class<?> stepMap,
      Method attemptedOnly) {

    static Api load() {
      try {
        ClassLoader loader = FlinkJob.class.getClassLoader();
        Class<?> detached = Class.forName(DETACHED_RESULT, false, loader);
        Field client = detached.getDeclaredField("jobClient");
        client.setAccessible(true);
        Class<?> jobClient = Class.forName(JOB_CLIENT, false, loader);
        Class<?> executionResult = Class.forName(JOB_EXECUTION_RESULT, false, loader);
        Class<?> stepMap = Class.forName(STEP_MAP, false, loader);
        return new Api(
            detached,
            client,
            jobClient.getMethod("getJobExecutionResult"),
            jobClient.getMethod("getAccumulators"),
            jobClient.getMethod("cancel"),
            executionResult.getMethod("getAllAccumulatorResults"),
            stepMap,
            stepMap.getMethod("asAttemptedOnlyMetricResults", stepMap));
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        return null;
      }
    }
  }
}
